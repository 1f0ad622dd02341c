package testsite

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
)

// Internal is a web service on an internal address (a loopback address
// other than 127.0.0.1, [::1], ...) that a crawler must never reach: it
// answers any path with a page and counts the requests that got through.
type Internal struct {
	*httptest.Server
	hits atomic.Int32
}

// StartInternal starts an Internal listening on addr, such as
// "127.0.0.2:0"; it fails where the address cannot be bound.
func StartInternal(addr string) (*Internal, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Internal{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><article><p>Internal service: credentials and settings.</p></article></body></html>"))
	}))
	s.Listener.Close()
	s.Listener = ln
	s.Start()
	return s, nil
}

// Hits is the number of requests that reached the service.
func (s *Internal) Hits() int { return int(s.hits.Load()) }
