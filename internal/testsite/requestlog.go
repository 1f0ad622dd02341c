package testsite

import (
	"net/http"
	"slices"
	"sync"
	"time"
)

// Outlet names used in [Request].
const (
	OutletMain        = "main"
	OutletSyndication = "syndication"
)

// Request is one request the site received, as recorded in its log.
type Request struct {
	Outlet          string    // OutletMain or OutletSyndication
	Host            string    // Host header, 127.0.0.1:port
	Method          string    // GET, HEAD, ...
	Path            string    // path and query as sent
	IfNoneMatch     string    // If-None-Match header
	IfModifiedSince string    // If-Modified-Since header
	UserAgent       string    // User-Agent header
	Time            time.Time // when the request arrived
}

// requestLog records requests; safe for concurrent use.
type requestLog struct {
	mu   sync.Mutex
	reqs []Request
}

func (l *requestLog) add(outlet string, r *http.Request) {
	req := Request{
		Outlet:          outlet,
		Host:            r.Host,
		Method:          r.Method,
		Path:            r.URL.RequestURI(),
		IfNoneMatch:     r.Header.Get("If-None-Match"),
		IfModifiedSince: r.Header.Get("If-Modified-Since"),
		UserAgent:       r.Header.Get("User-Agent"),
		Time:            time.Now(),
	}
	l.mu.Lock()
	l.reqs = append(l.reqs, req)
	l.mu.Unlock()
}

func (l *requestLog) snapshot() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.reqs)
}

func (l *requestLog) reset() {
	l.mu.Lock()
	l.reqs = nil
	l.mu.Unlock()
}
