package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// Errors a [Reader] returns; test for them with errors.Is.
var (
	// ErrNotFound means no article has the requested ID.
	ErrNotFound = errors.New("article not found")
	// ErrBadCursor means a pagination cursor is not one the reader made.
	ErrBadCursor = errors.New("invalid cursor")
)

// Reader is what the pages, feeds and API need from the store.
type Reader interface {
	// Articles calls fn with each article matching q, newest first, after
	// q.Cursor and at most q.Limit of them (0: all), and returns the cursor
	// of the next page ("" when none is left). It stops at fn's first
	// error and returns it.
	Articles(q ListQuery, fn func(*crawler.Article) error) (next string, err error)
	// GetArticle returns the article with the ID, or an error wrapping
	// ErrNotFound (a nil article with a nil error is taken as not found).
	GetArticle(id string) (*crawler.Article, error)
	// SourceStates returns the health of every source.
	SourceStates() ([]crawler.SourceState, error)
}

// Counter is implemented by readers that count matching articles per
// pillar (the store); the list page shows the counts when its reader has
// it. A positive q.Limit caps the matches counted (see Counts.Partial).
type Counter interface {
	CountArticles(q ListQuery) (Counts, error)
}

// ListQuery selects articles. Its fields are those of store.Query, so the
// daemon converts one into the other.
type ListQuery struct {
	All          bool      // include articles judged not relevant
	Pillar       string    // only articles with this pillar among theirs; "" for any
	Lang         string    // only articles in this language; "" for any
	Source       string    // only articles found by this source; "" for any
	Since        time.Time // only articles dated at or after; zero for any
	Until        time.Time // only articles dated before; zero for any
	Text         string    // only articles whose title or text has every word; "" for any
	MinRelevance float64   // only articles at least this relevant
	Cursor       string    // continue after the article this cursor names
	Limit        int       // at most this many; 0 for no limit
}

// Counts are the numbers of articles matching a query: Total with its
// pillar filter, All without, and per pillar without it. Partial means
// the counter stopped at the query's Limit: the counts are lower bounds.
type Counts struct {
	Total   int
	All     int
	Pillars map[string]int
	Partial bool
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

	site     atomic.Pointer[site] // see SetConfig
	failures loginLimiter         // failed logins, to slow guessing

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
	for _, rt := range s.builtin() {
		mux.Handle(rt.pattern, s.guard(rt.handler, rt.access))
	}
	s.routesMu.Lock()
	routes := s.routes
	s.routesMu.Unlock()
	for _, rt := range routes {
		mux.Handle(rt.pattern, s.guard(rt.handler, rt.access))
	}
	return secure(mux)
}

// builtin lists the server's own routes with their access rules.
func (s *Server) builtin() []route {
	f := func(pattern string, h http.HandlerFunc, access Access) route {
		return route{pattern, h, access}
	}
	return []route{
		f("GET /healthz", s.handleHealth, Public),
		f("GET /static/{file}", s.handleStatic, Public),
		f("GET /login", s.handleLoginForm, Public),
		f("POST /login", s.handleLogin, Public),
		route{"GET /metrics", s.metrics.Handler(), Read},
		f("GET /{$}", s.handleIndex, Read),
		f("GET /articles/{id}", s.handleArticlePage, Read),
		f("GET /sources", s.handleSourcesPage, Read),
		f("GET /sources.opml", s.handleOPML, Read),
		f("GET /feeds/all.atom", s.handleFeedAll, Read),
		f("GET /feeds/pillar/{file}", s.handleFeedPillar, Read),
		f("GET /feeds/lang/{file}", s.handleFeedLang, Read),
		f("GET /api/articles", s.handleList, Read),
		f("GET /api/articles/{id}", s.handleArticle, Read),
		f("GET /api/sources", s.handleSources, Read),
	}
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
