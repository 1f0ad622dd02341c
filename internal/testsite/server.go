package testsite

import (
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// outlet is one host of the site: a listener on 127.0.0.1 and its server.
type outlet struct {
	base   string // http://127.0.0.1:port, no trailing slash
	srv    *http.Server
	served chan struct{} // closed when Serve returns
}

// listen opens a listener on a free loopback port and serves h on it.
func listen(name string, h http.Handler) (*outlet, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen for %s outlet: %w", name, err)
	}
	o := &outlet{
		base:   "http://" + ln.Addr().String(),
		srv:    &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second},
		served: make(chan struct{}),
	}
	go func() {
		defer close(o.served)
		// Serve returns ErrServerClosed after close; any other error also
		// ends the outlet, and clients then see refused connections.
		_ = o.srv.Serve(ln)
	}()
	return o, nil
}

// close stops accepting, drops open connections and waits for Serve.
func (o *outlet) close() {
	_ = o.srv.Close() // only reports listener close errors, which do not matter here
	<-o.served
}

// handlerGate counts running handlers so Close can wait for them; once
// closed it turns new requests away.
type handlerGate struct {
	mu      sync.Mutex
	cond    *sync.Cond
	running int
	closed  bool
}

func newHandlerGate() *handlerGate {
	g := &handlerGate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// enter registers a handler; false when the site is closing.
func (g *handlerGate) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.running++
	return true
}

func (g *handlerGate) leave() {
	g.mu.Lock()
	g.running--
	g.cond.Broadcast()
	g.mu.Unlock()
}

// closeAndWait refuses new handlers and waits for running ones.
func (g *handlerGate) closeAndWait() {
	g.mu.Lock()
	g.closed = true
	for g.running > 0 {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

// instrument logs every request and counts it as running.
func (s *Site) instrument(outletName string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.add(outletName, r)
		if !s.gate.enter() {
			http.Error(w, "site closing", http.StatusServiceUnavailable)
			return
		}
		defer s.gate.leave()
		h.ServeHTTP(w, r)
	})
}

// runningHandlers is the number of handlers in flight.
func (g *handlerGate) runningHandlers() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.running
}
