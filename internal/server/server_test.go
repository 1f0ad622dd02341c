package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/server"
)

// get fetches path from the server with the test client's transport.
func get(t testing.TB, c *server.Client, path string) (int, string) {
	t.Helper()
	resp, err := c.HTTP.Get(c.BaseURL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func TestHealthz(t *testing.T) {
	var down atomic.Pointer[error] // nil or a nil error when healthy
	healthy := func() error {
		if p := down.Load(); p != nil {
			return *p
		}
		return nil
	}
	_, c := startServer(t, newReader(), nil, healthy)

	tests := []struct {
		name       string
		err        error
		wantCode   int
		wantStatus string
		wantError  string
	}{
		{"healthy", nil, http.StatusOK, "ok", ""},
		{"scheduler stopped", errors.New("scheduler not running"), http.StatusServiceUnavailable, "unavailable", "scheduler not running"},
		{"healthy again", nil, http.StatusOK, "ok", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			down.Store(&tt.err)
			code, body := get(t, c, "/healthz")
			if code != tt.wantCode {
				t.Fatalf("status=%d, want %d; body %s", code, tt.wantCode, body)
			}
			var got struct{ Status, Version, Error string }
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if got.Status != tt.wantStatus || got.Error != tt.wantError || got.Version == "" {
				t.Errorf("body=%+v, want status %q error %q and a version", got, tt.wantStatus, tt.wantError)
			}
		})
	}
}

func TestAPI_BadQuery(t *testing.T) {
	_, c := startServer(t, newReader(), nil, nil)
	tests := []struct {
		name  string
		query string
		want  string
	}{
		{"since not a time", "since=yesterday", "since:"},
		{"negative limit", "limit=-1", "limit="},
		{"limit not a number", "limit=ten", "limit="},
		{"all not a boolean", "all=maybe", "all="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := get(t, c, "/api/articles?"+tt.query)
			if code != http.StatusBadRequest || !strings.Contains(body, tt.want) {
				t.Errorf("GET ?%s: %d %s, want 400 naming %q", tt.query, code, body, tt.want)
			}
		})
	}
}

func TestAPI_ReaderError(t *testing.T) {
	r := newReader()
	r.err = errors.New("database closed")
	_, c := startServer(t, r, nil, nil)
	_, err := c.Articles(server.ListQuery{}, func(*crawler.Article) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "500") || strings.Contains(err.Error(), "database closed") {
		t.Errorf("Articles error=%v, want a 500 that does not show the reader's message", err)
	}
	if _, err := c.SourceStates(); err == nil || errors.Is(err, server.ErrNotFound) {
		t.Errorf("SourceStates error=%v, want a non-not-found error", err)
	}
}

func TestAPI_NoReader(t *testing.T) {
	_, c := startServer(t, nil, nil, nil)
	if code, body := get(t, c, "/api/sources"); code != http.StatusServiceUnavailable {
		t.Errorf("GET /api/sources without reader: %d %s, want 503", code, body)
	}
}

func TestStart_PortInUse(t *testing.T) {
	first, _ := startServer(t, nil, nil, nil)
	second := server.New(first.Addr(), nil, nil, nil, nil)
	err := second.Start()
	if err == nil {
		_ = second.Close(context.Background())
		t.Fatal("second Start on a busy port succeeded")
	}
	if !strings.Contains(err.Error(), first.Addr()) {
		t.Errorf("error %q does not name the address %s", err, first.Addr())
	}
	if err := second.Close(context.Background()); err != nil {
		t.Errorf("Close of a server that never started: %v", err)
	}
}

func TestClose_NoGoroutineLeft(t *testing.T) {
	before := goleak.IgnoreCurrent()
	s := server.New("127.0.0.1:0", newReader(), nil, nil, nil)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	// A keep-alive connection left open by the client: Close must end the
	// server side of it.
	tr := &http.Transport{}
	c := &server.Client{BaseURL: "http://" + s.Addr(), HTTP: &http.Client{Transport: tr}}
	if _, err := c.SourceStates(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(context.Background()); err != nil {
		t.Errorf("second Close: %v", err)
	}
	tr.CloseIdleConnections()
	goleak.VerifyNone(t, before)
}

func TestClose_CutsOffStuckRequest(t *testing.T) {
	before := goleak.IgnoreCurrent()
	r := newReader()
	r.block = make(chan struct{})
	s := server.New("127.0.0.1:0", r, nil, nil, nil)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	c := &server.Client{BaseURL: "http://" + s.Addr(), HTTP: &http.Client{Transport: tr}}
	answered := make(chan error, 1)
	go func() {
		_, err := c.Articles(server.ListQuery{}, func(*crawler.Article) error { return nil })
		answered <- err
	}()
	waitListed(t, r)

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := s.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close with a stuck request: %v, want context.DeadlineExceeded", err)
	}
	if err := <-answered; err == nil {
		t.Error("the cut-off request got an answer")
	}
	close(r.block) // let the handler goroutine return
	tr.CloseIdleConnections()
	goleak.VerifyNone(t, before)
}

// waitListed waits until a ListArticles call has reached r.
func waitListed(t testing.TB, r *memReader) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for r.listCalls.Load() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("ListArticles never called")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
