package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// ErrNotFound is returned, and expected from a [Reader], when no article has
// the requested ID.
var ErrNotFound = errors.New("article not found")

// Reader is what the read API needs from the store.
type Reader interface {
	// ListArticles returns the articles matching q, newest first.
	ListArticles(q ListQuery) ([]*crawler.Article, error)
	// GetArticle returns the article with the ID, or an error wrapping
	// ErrNotFound (a nil article with a nil error is taken as not found).
	GetArticle(id string) (*crawler.Article, error)
	// SourceStates returns the health of every source.
	SourceStates() ([]crawler.SourceState, error)
}

// ListQuery selects articles.
type ListQuery struct {
	All    bool      // include articles judged not relevant
	Pillar string    // only articles with this pillar; "" for any
	Since  time.Time // only articles dated at or after; zero for any
	Limit  int       // at most this many; 0 for the reader's default
}

// Server is the daemon's HTTP endpoint. Create it with New, then Start it,
// and Close it to shut it down.
type Server struct {
	addr    string
	reader  Reader
	metrics *Metrics
	healthy func() error
	logger  *slog.Logger

	routesMu  sync.Mutex
	routes    []route      // mounted by other packages; see Mount
	reloadErr func() error // see SetReloadError

	mu   sync.Mutex
	ln   net.Listener
	srv  *http.Server
	done chan struct{} // closed when Serve has returned
}

// New returns a server that will listen on addr ("127.0.0.1:8080", or
// "127.0.0.1:0" for any free port), read through r, expose m on /metrics and
// answer /healthz with healthy's verdict. A nil m gets fresh Metrics, a nil
// healthy always reports healthy, a nil r makes the API answer 503, and a nil
// logger discards the server's log lines.
func New(addr string, r Reader, m *Metrics, healthy func() error, logger *slog.Logger) *Server {
	if m == nil {
		m = NewMetrics()
	}
	if healthy == nil {
		healthy = func() error { return nil }
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Server{addr: addr, reader: r, metrics: m, healthy: healthy, logger: logger}
}

// Handler returns the routes, for use without a listener (httptest).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.Handle("GET /metrics", s.metrics.Handler())
	mux.HandleFunc("GET /api/articles", s.handleList)
	mux.HandleFunc("GET /api/articles/{id}", s.handleArticle)
	mux.HandleFunc("GET /api/sources", s.handleSources)
	s.routesMu.Lock()
	routes := s.routes
	s.routesMu.Unlock()
	for _, rt := range routes {
		mux.Handle(rt.pattern, s.guard(rt.handler, rt.access))
	}
	return mux
}

// Start listens on the address at once, so a port already in use is
// reported here rather than later, and serves in a background goroutine
// that Close waits for. Starting twice is an error.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return errors.New("server already started")
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.addr, err)
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler: s.Handler(),
		// Timeouts keep a slow or stuck client from holding a
		// connection, and a goroutine, forever.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	s.done = make(chan struct{})
	go s.serve(s.srv, ln, s.done)
	s.logger.Info("http: listening", slog.String("addr", ln.Addr().String()))
	return nil
}

// serve runs until the server is shut down.
func (s *Server) serve(srv *http.Server, ln net.Listener, done chan<- struct{}) {
	defer close(done)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		s.logger.Error("http: serve", slog.Any("error", err))
	}
}

// Addr returns the address the server listens on once started (with the
// real port when it was asked for port 0), and the configured address
// before.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln != nil {
		return s.ln.Addr().String()
	}
	return s.addr
}

// Close stops accepting connections and waits, until ctx is done, for
// requests in flight to finish; then it closes whatever is left and returns
// ctx's error. It returns once the serving goroutine has exited. Closing a
// server never started, or closing twice, returns nil.
func (s *Server) Close(ctx context.Context) error {
	s.mu.Lock()
	srv, done := s.srv, s.done
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	err := srv.Shutdown(ctx)
	if err != nil {
		// Requests still running past the deadline: cut them off.
		_ = srv.Close()
		err = fmt.Errorf("http shutdown: %w", err)
	}
	<-done
	return err
}
