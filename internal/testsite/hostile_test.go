package testsite

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestHostileEndpoints(t *testing.T) {
	s := mustStart(t)
	s.SetSlowDelay(50 * time.Millisecond)
	urls := s.HostileByKind()
	tests := []struct {
		kind        string
		status      int
		contentType string
	}{
		{HostileServerError, 500, "text/html"},
		{HostileSlow, 200, "text/html"},
		{HostileRedirectLoop, 302, ""},
		{HostilePDF, 200, "application/pdf"},
		{HostileNotFound, 404, "text/html"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			r := get(t, urls[tt.kind])
			if r.status != tt.status {
				t.Errorf("status = %d, want %d", r.status, tt.status)
			}
			if got := r.header.Get("Content-Type"); !strings.HasPrefix(got, tt.contentType) {
				t.Errorf("Content-Type = %q, want %q", got, tt.contentType)
			}
		})
	}
	if got := len(s.HostileURLs()); got != len(urls) {
		t.Errorf("HostileURLs has %d entries, HostileByKind %d", got, len(urls))
	}
}

func TestRedirectLoopNeverEnds(t *testing.T) {
	s := mustStart(t)
	hops := 0
	client := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		hops++
		if hops > 20 {
			return errors.New("too many redirects")
		}
		return nil
	}}
	resp, err := client.Get(s.HostileByKind()[HostileRedirectLoop])
	if err == nil {
		resp.Body.Close()
		t.Fatalf("redirect loop ended with status %d", resp.StatusCode)
	}
	if hops <= 20 {
		t.Errorf("%d hops, want more than 20", hops)
	}
}

func TestHugeBody(t *testing.T) {
	s := mustStart(t)
	resp, err := http.Get(s.HostileByKind()[HostileHuge])
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer resp.Body.Close()
	if resp.ContentLength != -1 {
		t.Errorf("ContentLength = %d, want unknown (-1)", resp.ContentLength)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil || n != HugeBodySize {
		t.Errorf("read %d bytes (%v), want %d", n, err, HugeBodySize)
	}
}

func TestSlowEndpointHonoursClientTimeout(t *testing.T) {
	s := mustStart(t) // default delay: 5s
	client := &http.Client{Timeout: 100 * time.Millisecond}
	start := time.Now()
	resp, err := client.Get(s.HostileByKind()[HostileSlow])
	if err == nil {
		resp.Body.Close()
		t.Fatal("slow endpoint answered before the client timeout")
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("timeout took %v", took)
	}
}

// TestCloseCutsSlowAndHuge checks that Close does not wait for the slow
// delay or for a client that stopped reading a huge body.
func TestCloseCutsSlowAndHuge(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	s.SetSlowDelay(time.Hour)
	done := make(chan error, 2)
	go func() {
		resp, err := http.Get(s.HostileByKind()[HostileSlow])
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	huge, err := http.Get(s.HostileByKind()[HostileHuge])
	if err != nil {
		t.Fatalf("GET huge: %v", err)
	}
	defer huge.Body.Close() // never read: the handler blocks on a full socket
	waitFor(t, func() bool { return len(s.Requests()) >= 2 })
	start := time.Now()
	s.Close()
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Close took %v", took)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Error("slow request succeeded after Close")
		}
	case <-time.After(2 * time.Second):
		t.Error("slow request still pending after Close")
	}
}

func TestSlowEndpointStopsWhenClientLeaves(t *testing.T) {
	s := mustStart(t)
	s.SetSlowDelay(time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.HostileByKind()[HostileSlow], nil)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	errc := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	waitFor(t, func() bool { return len(s.Requests()) == 1 })
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("request succeeded, want cancellation")
	}
	waitFor(t, func() bool { return s.gate.runningHandlers() == 0 })
}

// waitFor polls cond for up to two seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 2s")
}
