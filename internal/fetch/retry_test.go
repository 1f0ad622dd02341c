package fetch

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
)

// TestFetchPagesRetryAfter: a short Retry-After on a 503 or 429 is waited
// out and the page fetched in the same call; a long one is an error.
func TestFetchPagesRetryAfter(t *testing.T) {
	srv := newSite(t)
	var mu sync.Mutex
	seen := map[string]int{}
	flaky := func(code int, retry string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[r.URL.Path]++
			n := seen[r.URL.Path]
			mu.Unlock()
			if n == 1 {
				w.Header().Set("Retry-After", retry)
				w.WriteHeader(code)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body><p>back again</p></body></html>"))
		}
	}
	srv.handle("/unavailable", flaky(http.StatusServiceUnavailable, "1"))
	srv.handle("/busy", flaky(http.StatusTooManyRequests, "0"))
	srv.handle("/maintenance", flaky(http.StatusServiceUnavailable, "3600"))
	c := newTestClient(t, Options{}, nil)
	tests := []struct {
		name, path string
		wantPage   bool
		wantHits   int
		minTime    time.Duration
	}{
		{"ShortRetryAfter", "/unavailable", true, 2, time.Second},
		{"ZeroRetryAfterIsNotRetried", "/busy", false, 1, 0},
		{"LongRetryAfterIsAnError", "/maintenance", false, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			var gotPage *Page
			var gotErr error
			c.FetchPages(context.Background(), []string{srv.URL + tt.path}, func(_ string, p *Page, err error) {
				gotPage, gotErr = p, err
			})
			if (gotPage != nil) != tt.wantPage {
				t.Errorf("page=%v err=%v, want page %v", gotPage != nil, gotErr, tt.wantPage)
			}
			if !tt.wantPage && !Temporary(gotErr) {
				t.Errorf("err=%v, want a temporary error", gotErr)
			}
			if got := srv.count(tt.path); got != tt.wantHits {
				t.Errorf("%d requests, want %d", got, tt.wantHits)
			}
			if d := time.Since(start); d < tt.minTime {
				t.Errorf("answered after %v, before the %v the server asked for", d, tt.minTime)
			}
		})
	}
}

// memChildren is a memValidators that also keeps sitemap index children.
type memChildren struct {
	*memValidators
	children map[string][]string
}

var _ ChildSitemapStore = (*memChildren)(nil)

func (m *memChildren) ChildSitemaps(index string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.children[index], nil
}

func (m *memChildren) SetChildSitemaps(index string, children []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.children[index] = children
	return nil
}

// TestConditionalGetSitemapIndexRemembered: with a ChildSitemapStore the
// index is asked conditionally too, and its 304 still leads to the
// children, each asked conditionally.
func TestConditionalGetSitemapIndexRemembered(t *testing.T) {
	srv := newSite(t)
	srv.handle("/sitemap.xml", conditional(mustRead(t, "sitemap-index.xml"), "application/xml", `"index-v1"`))
	srv.handle("/sitemaps/2026-05.xml", conditional(mustRead(t, "sitemap-2026-05.xml"), "application/xml", `"may-v1"`))
	srv.handle("/sitemaps/2026-06.xml", conditional(mustRead(t, "sitemap-2026-06.xml"), "application/xml", `"june-v1"`))
	srv.handle("/sitemaps/missing.xml", conditional(mustRead(t, "sitemap-2026-06.xml"), "application/xml", `"old-v1"`))
	vs := &memChildren{memValidators: newMemValidators(), children: map[string][]string{}}
	c := newTestClient(t, Options{}, vs)
	src := crawler.Source{Kind: crawler.KindSitemap, URL: srv.URL + "/sitemap.xml"}
	first, err := c.Discover(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.Discover(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if !l.NotModified || len(l.Items) != 0 || l.Requests != first.Requests {
		t.Errorf("second Discover: NotModified=%v, %d items, %d requests; want true, 0, %d",
			l.NotModified, len(l.Items), l.Requests, first.Requests)
	}
	for uri, etag := range map[string]string{"/sitemap.xml": `"index-v1"`, "/sitemaps/2026-06.xml": `"june-v1"`} {
		if got := srv.header(uri).Get("If-None-Match"); got != etag {
			t.Errorf("%s If-None-Match=%q, want %q", uri, got, etag)
		}
	}
}
