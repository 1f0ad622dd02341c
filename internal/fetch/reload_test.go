package fetch

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A Client from Reload and the one it came from take turns at a host, and
// share its robots.txt: a crawl still running on the old Client and a new
// one never ask a host twice at once.
func TestReloadSharesPoliteness(t *testing.T) {
	srv := newSite(t)
	var inFlight, most atomic.Int32
	srv.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("User-agent: *\nAllow: /\n")) })
	srv.handle("/", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(40 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>page</body></html>"))
	})
	old := newTestClient(t, Options{Parallelism: 4, RespectRobots: true}, nil)
	reloaded, err := old.Reload(Options{UserAgent: testUA, Parallelism: 8, Timeout: 5 * time.Second, RespectRobots: true, AllowHosts: []string{"127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	urls := func(prefix string) []string {
		var out []string
		for i := range 6 {
			out = append(out, fmt.Sprintf("%s/%s/%d", srv.URL, prefix, i))
		}
		return out
	}
	var wg sync.WaitGroup
	for name, c := range map[string]*Client{"old": old, "new": reloaded} {
		wg.Go(func() {
			c.FetchPages(context.Background(), urls(name), func(u string, p *Page, err error) {
				if err != nil {
					t.Errorf("%s: %v", u, err)
				}
			})
		})
	}
	wg.Wait()
	if m := most.Load(); m != 1 {
		t.Errorf("the host saw %d requests at once, want 1", m)
	}
	if n := srv.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt asked %d times, want once for both clients", n)
	}
}
