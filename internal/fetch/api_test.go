package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAPI(t *testing.T) {
	srv := newSite(t)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("off-host redirect followed to %s", r.URL)
	}))
	t.Cleanup(other.Close)
	srv.handle("/api/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, r.Method+" "+r.Header.Get("Content-Type")+" "+r.Header.Get("User-Agent")+" "+string(body))
	})
	srv.handle("/api/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/api/echo", http.StatusFound)
	})
	srv.handle("/api/sorry", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/sorry/index", http.StatusFound)
	})
	srv.handle("/api/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(http.StatusTooManyRequests)
		io.WriteString(w, "Please limit requests to one every 5 seconds.\n")
	})
	srv.handle("/api/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 4096)))
	})
	c := newTestClient(t, Options{MaxBodyBytes: 2048}, nil)
	ctx := context.Background()

	t.Run("POST", func(t *testing.T) {
		res, err := c.API(ctx, APIRequest{Method: http.MethodPost, URL: srv.URL + "/api/echo",
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, Body: []byte("f.req=1")})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(res.Body), "POST application/x-www-form-urlencoded "+testUA+" f.req=1"; got != want {
			t.Errorf("body=%q, want %q", got, want)
		}
		if srv.count("/robots.txt") != 0 {
			t.Error("API asked for robots.txt")
		}
	})
	t.Run("SameHostRedirect", func(t *testing.T) {
		res, err := c.API(ctx, APIRequest{URL: srv.URL + "/api/moved"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(res.FinalURL, "/api/echo") || res.Err() != nil {
			t.Errorf("FinalURL=%q err=%v, want the redirect followed", res.FinalURL, res.Err())
		}
	})
	t.Run("OffHostRedirect", func(t *testing.T) {
		res, err := c.API(ctx, APIRequest{URL: srv.URL + "/api/sorry"})
		if err != nil || res.Status != http.StatusFound || res.Location != other.URL+"/sorry/index" {
			t.Errorf("API=%+v, %v; want the redirect returned unfollowed", res, err)
		}
	})
	t.Run("TooManyRequests", func(t *testing.T) {
		res, err := c.API(ctx, APIRequest{URL: srv.URL + "/api/busy"})
		if err != nil {
			t.Fatal(err)
		}
		if d, ok := RetryAfter(res.Err()); !ok || d != 7*time.Second || !strings.Contains(string(res.Body), "one every 5 seconds") {
			t.Errorf("Err()=%v body=%q, want a 429 asking for 7s with its body", res.Err(), res.Body)
		}
	})
	t.Run("TooLarge", func(t *testing.T) {
		if _, err := c.API(ctx, APIRequest{URL: srv.URL + "/api/huge"}); !errors.Is(err, ErrTooLarge) {
			t.Errorf("err=%v, want ErrTooLarge", err)
		}
	})
}

// TestAPIInterval: a provider's interval holds the next request to its host
// back, even with no per-host delay configured.
func TestAPIInterval(t *testing.T) {
	srv := newSite(t)
	var mu sync.Mutex
	var starts []time.Time
	srv.handle("/api/doc", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		io.WriteString(w, "{}")
	})
	c := newTestClient(t, Options{}, nil)
	const interval = 300 * time.Millisecond
	for range 2 {
		if _, err := c.API(context.Background(), APIRequest{URL: srv.URL + "/api/doc", Interval: interval}); err != nil {
			t.Fatal(err)
		}
	}
	if gap := starts[1].Sub(starts[0]); gap < interval {
		t.Errorf("second request %v after the first, want at least %v", gap, interval)
	}
}
