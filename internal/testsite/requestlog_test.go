package testsite

import (
	"net/http"
	"sync"
	"testing"
)

func TestRequestLog(t *testing.T) {
	s := mustStart(t)
	req, err := http.NewRequest(http.MethodGet, s.BaseURL()+"/rss/world.xml?x=1", nil)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	req.Header.Set("User-Agent", "test-agent/1.0")
	req.Header.Set("If-None-Match", `"abc"`)
	req.Header.Set("If-Modified-Since", "Mon, 16 Nov 2026 01:30:00 GMT")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	resp.Body.Close()
	get(t, s.SyndicationBaseURL()+"/feed.rss")

	reqs := s.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests logged, want 2", len(reqs))
	}
	want := Request{Outlet: OutletMain, Method: "GET", Path: "/rss/world.xml?x=1", UserAgent: "test-agent/1.0",
		IfNoneMatch: `"abc"`, IfModifiedSince: "Mon, 16 Nov 2026 01:30:00 GMT"}
	got := reqs[0]
	got.Host, got.Time = "", want.Time
	if got != want {
		t.Errorf("logged %+v, want %+v", got, want)
	}
	if reqs[0].Time.IsZero() || reqs[0].Host == "" {
		t.Errorf("logged time %v host %q, want both set", reqs[0].Time, reqs[0].Host)
	}
	if reqs[1].Outlet != OutletSyndication {
		t.Errorf("second request outlet %q, want %q", reqs[1].Outlet, OutletSyndication)
	}
	s.ResetRequests()
	if n := len(s.Requests()); n != 0 {
		t.Errorf("%d requests after ResetRequests, want 0", n)
	}
}

func TestRequestLogConcurrent(t *testing.T) {
	s := mustStart(t)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			resp, err := http.Get(s.BaseURL() + "/robots.txt")
			if err == nil {
				resp.Body.Close()
			}
			_ = s.Requests()
		})
	}
	wg.Wait()
	if n := len(s.Requests()); n != 20 {
		t.Errorf("%d requests logged, want 20", n)
	}
}
