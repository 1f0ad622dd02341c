package fetch

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/vnjp-monitor/crawler"
)

// authSite serves a feed and two listing pages that need Basic auth
// (reader/hunter2), and public article pages that record what they were
// sent.
func authSite(t *testing.T) *site {
	srv := newSite(t)
	private := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if u, p, ok := r.BasicAuth(); !ok || u != "reader" || p != "hunter2" {
				w.Header().Set("WWW-Authenticate", `Basic realm="members"`)
				http.Error(w, "members only", http.StatusUnauthorized)
				return
			}
			h(w, r)
		}
	}
	srv.handle("/members/feed.xml", private(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", `"f1"`)
		host := r.Host
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Members</title>
<item><title>Plain link</title><link>http://` + host + `/story/one</link></item>
<item><title>Link with a password</title><link>http://intruder:letmein@` + host + `/story/two</link></item>
</channel></rss>`))
	}))
	srv.handle("/members/list", private(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Query().Get("page") == "2" {
			w.Write([]byte(`<html><body><a href="/story/three">Three</a></body></html>`))
			return
		}
		w.Write([]byte(`<html><body><a href="/story/one">One</a><a rel="next" href="/members/list?page=2">Next</a></body></html>`))
	}))
	srv.handle("/story/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>story</p></body></html>"))
	})
	return srv
}

func TestSourceCredentials(t *testing.T) {
	srv := authSite(t)
	u, _ := url.Parse(srv.URL)
	secret := "http://reader:hunter2@" + u.Host
	var logs bytes.Buffer
	vs := newMemValidators()
	c := newTestClient(t, Options{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}, vs)

	feed, err := c.Discover(context.Background(), crawler.Source{Name: "members", Kind: crawler.KindRSS, URL: secret + "/members/feed.xml"})
	if err != nil {
		t.Fatalf("a feed behind Basic auth with credentials in the source URL: %v", err)
	}
	list, err := c.Discover(context.Background(), crawler.Source{Name: "list", Kind: crawler.KindHTML, URL: secret + "/members/list", MaxPages: 2, ArticleRegexp: regexp.MustCompile(`/story/`)})
	if err != nil || len(list.Errors) > 0 {
		t.Fatalf("listing behind Basic auth: %v %v", err, list.Errors)
	}
	if got := srv.count("/members/list?page=2"); got != 1 {
		t.Errorf("page 2 of the listing was asked %d times, want once with the credentials", got)
	}
	var urls []string
	for _, it := range append(feed.Items, list.Items...) {
		urls = append(urls, it.URL)
	}
	if len(urls) != 4 {
		t.Fatalf("items %v, want 4", urls)
	}
	c.FetchPages(context.Background(), urls, func(u string, p *Page, err error) {
		if err != nil {
			t.Errorf("%s: %v", u, err)
		}
	})
	for _, path := range []string{"/story/one", "/story/two", "/story/three"} {
		if h := srv.header(path); h == nil || h.Get("Authorization") != "" {
			t.Errorf("%s: headers %v; want it fetched, without credentials", path, h)
		}
	}
	var keys []string
	for k := range vs.m {
		keys = append(keys, k)
	}
	everything := strings.Join(append(append(urls, keys...), logs.String()), "\n")
	for _, secret := range []string{"hunter2", "letmein", "intruder", "reader:"} {
		if strings.Contains(everything, secret) {
			t.Errorf("%q leaked into items, validator keys or logs:\n%s", secret, everything)
		}
	}
	if len(keys) == 0 {
		t.Error("no validators stored: the feed's ETag was lost")
	}
}

// Without the credentials the source fails, and the error carries no
// secret even when the URL had one that was wrong.
func TestSourceCredentialsWrong(t *testing.T) {
	srv := authSite(t)
	u, _ := url.Parse(srv.URL)
	c := newTestClient(t, Options{}, nil)
	_, err := c.Discover(context.Background(), crawler.Source{Name: "members", Kind: crawler.KindRSS, URL: "http://reader:wrong-pass@" + u.Host + "/members/feed.xml"})
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("err=%v, want a 401", err)
	}
	if strings.Contains(err.Error(), "wrong-pass") {
		t.Errorf("error carries the password: %v", err)
	}
}
