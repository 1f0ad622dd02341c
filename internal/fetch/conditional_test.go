package fetch

import (
	"context"
	"net/http"
	"testing"

	"github.com/vnjp-monitor/crawler"
)

const testLastModified = "Fri, 12 Jun 2026 02:00:00 GMT"

// conditional serves body with validators and answers 304 to a request
// that presents them.
func conditional(body []byte, contentType, etag string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", testLastModified)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	}
}

func TestConditionalGet(t *testing.T) {
	tests := []struct {
		name  string
		kind  string
		path  string
		setup func(t *testing.T, srv *site)
		items int
	}{
		{"Feed", crawler.KindRSS, "/feed.xml", func(t *testing.T, srv *site) {
			srv.handle("/feed.xml", conditional(mustRead(t, "rss2.xml"), "application/rss+xml", `"feed-v1"`))
		}, 4},
		{"Sitemap", crawler.KindSitemap, "/news-sitemap.xml", func(t *testing.T, srv *site) {
			srv.handle("/news-sitemap.xml", conditional(mustRead(t, "news-sitemap.xml"), "application/xml", `W/"news-v1"`))
		}, 3},
		{"HTMLListing", crawler.KindHTML, "/world/asia", func(t *testing.T, srv *site) {
			srv.handle("/world/asia", conditional(mustRead(t, "listing-1.html"), "text/html", `"list-v1"`))
		}, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSite(t)
			tt.setup(t, srv)
			vs := newMemValidators()
			c := newTestClient(t, Options{}, vs)
			src := crawler.Source{Kind: tt.kind, URL: srv.URL + tt.path}

			first, err := c.Discover(context.Background(), src)
			if err != nil {
				t.Fatalf("first Discover: %v", err)
			}
			if first.NotModified || len(first.Items) != tt.items {
				t.Fatalf("first Discover: NotModified=%v, %d items, want false, %d", first.NotModified, len(first.Items), tt.items)
			}
			v, _ := vs.Validators(src.URL)
			if v.ETag == "" || v.LastModified != testLastModified {
				t.Fatalf("stored validators %+v, want ETag and Last-Modified", v)
			}

			second, err := c.Discover(context.Background(), src)
			if err != nil {
				t.Fatalf("second Discover: %v", err)
			}
			h := srv.header(tt.path)
			if got := h.Get("If-None-Match"); got != v.ETag {
				t.Errorf("If-None-Match=%q, want %q", got, v.ETag)
			}
			if got := h.Get("If-Modified-Since"); got != testLastModified {
				t.Errorf("If-Modified-Since=%q, want %q", got, testLastModified)
			}
			if !second.NotModified || len(second.Items) != 0 || second.Requests != 1 {
				t.Errorf("second Discover: NotModified=%v, %d items, %d requests; want true, 0, 1",
					second.NotModified, len(second.Items), second.Requests)
			}
		})
	}
}

func TestConditionalGetSitemapIndex(t *testing.T) {
	srv := newSite(t)
	srv.handle("/sitemap.xml", conditional(mustRead(t, "sitemap-index.xml"), "application/xml", `"index-v1"`))
	srv.handle("/sitemaps/2026-05.xml", conditional(mustRead(t, "sitemap-2026-05.xml"), "application/xml", `"may-v1"`))
	srv.handle("/sitemaps/2026-06.xml", conditional(mustRead(t, "sitemap-2026-06.xml"), "application/xml", `"june-v1"`))
	srv.handle("/sitemaps/missing.xml", conditional(mustRead(t, "sitemap-2026-06.xml"), "application/xml", `"old-v1"`))
	vs := newMemValidators()
	c := newTestClient(t, Options{}, vs)
	src := crawler.Source{Kind: crawler.KindSitemap, URL: srv.URL + "/sitemap.xml"}
	if _, err := c.Discover(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	// The index is fetched in full every time (its children can change
	// without it); the unchanged children answer 304.
	if v, _ := vs.Validators(src.URL); v != (Validators{}) {
		t.Errorf("index validators stored: %+v", v)
	}
	l, err := c.Discover(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if l.NotModified || len(l.Items) != 0 || l.Requests != 4 {
		t.Errorf("second Discover: NotModified=%v, %d items, %d requests; want false, 0, 4", l.NotModified, len(l.Items), l.Requests)
	}
	if got := srv.header("/sitemaps/2026-06.xml").Get("If-None-Match"); got != `"june-v1"` {
		t.Errorf("child If-None-Match=%q", got)
	}
}
