package health_test

import (
	"strings"
	"testing"

	"github.com/vnjp-monitor/crawler/internal/health"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   string
		hidden []string // must not appear in the output
	}{
		{
			name:   "userinfo and token in a quoted URL",
			in:     `Get "https://user:secret@host/path?token=abc": EOF`,
			want:   `Get "https://REDACTED@host/path?token=REDACTED": EOF`,
			hidden: []string{"secret", "abc", "user"},
		},
		{
			name: "harmless parameters kept in order",
			in:   "fetch https://example.org/news?page=2&keyword=japan&api_key=k123&lang=vi failed",
			want: "fetch https://example.org/news?page=2&keyword=japan&api_key=REDACTED&lang=vi failed",
		},
		{
			name: "no credentials unchanged",
			in:   "status 404 for https://example.org/a/b.html",
			want: "status 404 for https://example.org/a/b.html",
		},
		{
			name: "at sign in the path is not userinfo",
			in:   "https://medium.example/@writer/story?sig=s1",
			want: "https://medium.example/@writer/story?sig=REDACTED",
		},
		{
			name:   "several URLs and mixed-case keys",
			in:     "redirect from http://a.example/?Access_Token=t1 to http://b.example/?X-Amz-Signature=s2&X-Amz-Date=1",
			want:   "redirect from http://a.example/?Access_Token=REDACTED to http://b.example/?X-Amz-Signature=REDACTED&X-Amz-Date=1",
			hidden: []string{"t1", "s2"},
		},
		{
			name:   "fragment parameters",
			in:     "https://x.example/cb#access_token=zz9&state=1",
			want:   "https://x.example/cb#access_token=REDACTED&state=1",
			hidden: []string{"zz9"},
		},
		{
			name:   "user without password",
			in:     "ftp://deadbeeftoken@files.example/",
			want:   "ftp://REDACTED@files.example/",
			hidden: []string{"deadbeef"},
		},
		{
			name:   "escaped key",
			in:     "https://h.example/?pass%77ord=hunter2",
			want:   "https://h.example/?pass%77ord=REDACTED",
			hidden: []string{"hunter2"},
		},
		{
			name: "no URL",
			in:   "context deadline exceeded",
			want: "context deadline exceeded",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := health.Redact(tt.in)
			if got != tt.want {
				t.Errorf("Redact(%q)=\n%q\nwant\n%q", tt.in, got, tt.want)
			}
			for _, h := range tt.hidden {
				if strings.Contains(got, h) {
					t.Errorf("Redact output %q still contains %q", got, h)
				}
			}
		})
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"https://u:p@h/p?token=t#a=b", "http://", "x://@?&=#", "plain text",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := health.Redact(s)
		if twice := health.Redact(once); twice != once {
			t.Errorf("Redact not idempotent: %q -> %q -> %q", s, once, twice)
		}
	})
}

func BenchmarkRedact(b *testing.B) {
	msg := `Get "https://user:secret@news.example/rss/home.rss?token=abc&page=2": dial tcp 203.0.113.7:443: i/o timeout`
	for b.Loop() {
		health.Redact(msg)
	}
}
