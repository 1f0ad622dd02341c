package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// concurrencyProbe counts requests in flight per server and overall.
type concurrencyProbe struct {
	mu      sync.Mutex
	current map[string]int
	peak    map[string]int
	total   int
	peakAll int
}

func newProbe() *concurrencyProbe {
	return &concurrencyProbe{current: make(map[string]int), peak: make(map[string]int)}
}

// handler answers after hold, recording concurrency under name.
func (p *concurrencyProbe) handler(name string, hold time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.current[name]++
		p.total++
		p.peak[name] = max(p.peak[name], p.current[name])
		p.peakAll = max(p.peakAll, p.total)
		p.mu.Unlock()
		time.Sleep(hold)
		p.mu.Lock()
		p.current[name]--
		p.total--
		p.mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><title>%s</title></html>", r.URL.Path)
	}
}

func urlsOn(srv *site, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s/article/%d.html", srv.URL, i)
	}
	return out
}

func TestPerHostSerialised(t *testing.T) {
	tests := []struct {
		name        string
		parallelism int
		wantPeakAll int
	}{
		{"TwoHostsInParallel", 4, 2},
		{"ParallelismOne", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probe := newProbe()
			a, b := newSite(t), newSite(t) // same IP, different ports: two hosts
			a.handle("/", probe.handler("a", 20*time.Millisecond))
			b.handle("/", probe.handler("b", 20*time.Millisecond))
			c := newTestClient(t, Options{Parallelism: tt.parallelism}, nil)
			urls := append(urlsOn(a, 6), urlsOn(b, 6)...)
			pages, errs := fetchAll(c, context.Background(), urls...)
			if len(pages) != len(urls) || len(errs) != 0 {
				t.Fatalf("%d pages, errors %v; want %d pages", len(pages), errs, len(urls))
			}
			if probe.peak["a"] != 1 || probe.peak["b"] != 1 {
				t.Errorf("peak per host a=%d b=%d, want 1 each", probe.peak["a"], probe.peak["b"])
			}
			if probe.peakAll != tt.wantPeakAll {
				t.Errorf("peak across hosts=%d, want %d", probe.peakAll, tt.wantPeakAll)
			}
		})
	}
}

// startTimes records when each request to a server began.
type startTimes struct {
	mu sync.Mutex
	at []time.Time
}

func (s *startTimes) handler(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.2\n")
		return
	}
	s.mu.Lock()
	s.at = append(s.at, time.Now())
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html")
	fmt.Fprint(w, "<html><title>ok</title></html>")
}

func (s *startTimes) minGap() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	gap := time.Duration(1<<63 - 1)
	for i := 1; i < len(s.at); i++ {
		gap = min(gap, s.at[i].Sub(s.at[i-1]))
	}
	return gap
}

func TestPerHostDelay(t *testing.T) {
	tests := []struct {
		name    string
		delay   time.Duration
		robots  bool // robots.txt asks for Crawl-delay: 0.2
		wantGap time.Duration
	}{
		{"OptionDelay", 150 * time.Millisecond, false, 150 * time.Millisecond},
		{"CrawlDelayLonger", 50 * time.Millisecond, true, 200 * time.Millisecond},
		{"OptionDelayLonger", 250 * time.Millisecond, true, 250 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ta, tb startTimes
			a, b := newSite(t), newSite(t)
			a.handle("/", ta.handler)
			b.handle("/", tb.handler)
			c := newTestClient(t, Options{PerHostDelay: tt.delay, RespectRobots: tt.robots}, nil)
			const perHost = 3
			start := time.Now()
			pages, errs := fetchAll(c, context.Background(), append(urlsOn(a, perHost), urlsOn(b, perHost)...)...)
			elapsed := time.Since(start)
			if len(pages) != 2*perHost {
				t.Fatalf("%d pages, errors %v", len(pages), errs)
			}
			if g := ta.minGap(); g < tt.wantGap {
				t.Errorf("host a: requests %v apart, want at least %v", g, tt.wantGap)
			}
			if g := tb.minGap(); g < tt.wantGap {
				t.Errorf("host b: requests %v apart, want at least %v", g, tt.wantGap)
			}
			// The hosts wait in parallel: about (perHost-1) pauses, not
			// twice that. With robots.txt there is one more pause per host.
			if limit := time.Duration(2*perHost-1) * tt.wantGap; elapsed >= limit {
				t.Errorf("took %v, want under %v: hosts delayed each other", elapsed, limit)
			}
		})
	}
}

func TestContextCancel(t *testing.T) {
	tests := []struct {
		name  string
		delay time.Duration
	}{
		{"InFlight", 0},              // the first request hangs
		{"WaitingOutDelay", 1 << 40}, // the second request waits for the host pause
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSite(t)
			var served atomic.Int32
			srv.handle("/", func(w http.ResponseWriter, r *http.Request) {
				if served.Add(1) == 1 && tt.delay == 0 {
					<-r.Context().Done() // hang until the client gives up
					return
				}
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, "<html></html>")
			})
			c := newTestClient(t, Options{PerHostDelay: tt.delay, Timeout: time.Minute}, nil)
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(150*time.Millisecond, cancel)
			start := time.Now()
			urls := urlsOn(srv, 5)
			pages, errs := fetchAll(c, ctx, urls...)
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Fatalf("FetchPages returned %v after cancel", elapsed)
			}
			if len(pages)+len(errs) != len(urls) {
				t.Fatalf("%d pages + %d errors, want %d results", len(pages), len(errs), len(urls))
			}
			for u, err := range errs {
				if !errors.Is(err, context.Canceled) {
					t.Errorf("%s: error %v, want context.Canceled", u, err)
				}
			}
			if len(errs) < len(urls)-1 {
				t.Errorf("%d errors, want at least %d", len(errs), len(urls)-1)
			}
		})
	}
}
