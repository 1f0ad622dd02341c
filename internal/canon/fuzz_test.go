package canon

import (
	"net/url"
	"testing"
)

// FuzzURL checks that canonical output is stable and parseable: whatever URL
// accepts, it must map to a fixed point that net/url reads back as absolute.
func FuzzURL(f *testing.F) {
	for _, s := range []string{
		"https://example.com/a/../b?utm_source=x&b=1&a=2#f",
		"http://[2001:db8::1]:80/%7e/%2e%2E/",
		"https://日本.jp/ニュース?q=日本",
		"HTTP://Example.COM:443/a//b/./c/..",
		"https://example.com/s?q=100%&&x",
		"https://user:pass@example.com./",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := URL(in)
		if err != nil {
			return
		}
		again, err := URL(out)
		if err != nil {
			t.Fatalf("URL(%q)=%q, which fails: %v", in, out, err)
		}
		if again != out {
			t.Fatalf("URL not idempotent: %q -> %q -> %q", in, out, again)
		}
		u, err := url.Parse(out)
		if err != nil || !u.IsAbs() || u.Host == "" {
			t.Fatalf("URL(%q)=%q does not parse as absolute: %v", in, out, err)
		}
	})
}

// FuzzResolve checks that resolving any link against a page gives a
// canonical URL: a fixed point of URL.
func FuzzResolve(f *testing.F) {
	for _, s := range [][2]string{
		{"https://example.com/a/b/c.html", "../d?utm_medium=x#top"},
		{"http://example.com/", "//other.example:8080/%2e/x"},
		{"https://日本.jp/ニュース/", "記事?q=日本"},
		{"https://example.com/a", "javascript:alert(1)"},
		{"https://example.com/a", "mailto:x@example.com"},
		{"https://example.com/a", " \t\nhttps://example.com/b "},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, base, ref string) {
		out, err := Resolve(base, ref)
		if err != nil {
			return
		}
		again, err := URL(out)
		if err != nil || again != out {
			t.Fatalf("Resolve(%q, %q)=%q, not canonical: %q, %v", base, ref, out, again, err)
		}
	})
}
