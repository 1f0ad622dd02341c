package fetch

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const testUA = "vnjp-test/1.0 (+https://example.invalid/bot)"

// site is a loopback web server with counters, built once per test from a
// ServeMux of routes.
type site struct {
	*httptest.Server
	mux *http.ServeMux

	mu      sync.Mutex
	hits    map[string]int         // request URI -> requests seen
	headers map[string]http.Header // request URI -> last request's headers
}

func newSite(tb testing.TB) *site {
	tb.Helper()
	s := &site{
		mux:     http.NewServeMux(),
		hits:    make(map[string]int),
		headers: make(map[string]http.Header),
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.RequestURI()]++
		s.headers[r.URL.RequestURI()] = r.Header.Clone()
		s.mu.Unlock()
		s.mux.ServeHTTP(w, r)
	}))
	tb.Cleanup(s.Close)
	return s
}

// file serves testdata/name at pattern with the given Content-Type.
func (s *site) file(tb testing.TB, pattern, name, contentType string) {
	tb.Helper()
	body := mustRead(tb, name)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.Write(body)
	})
}

func (s *site) handle(pattern string, h http.HandlerFunc) { s.mux.HandleFunc(pattern, h) }

func (s *site) count(uri string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[uri]
}

func (s *site) header(uri string) http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.headers[uri]
}

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// newTestClient returns a Client with short timeouts, after clearing
// COLLY_* variables so that the developer's environment cannot leak in.
func newTestClient(tb testing.TB, opts Options, vs ValidatorStore) *Client {
	tb.Helper()
	if t, ok := tb.(*testing.T); ok {
		clearCollyEnv(t)
	}
	if opts.UserAgent == "" {
		opts.UserAgent = testUA
	}
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.AllowHosts == nil {
		opts.AllowHosts = []string{"127.0.0.1"} // the test sites
	}
	c, err := New(opts, vs)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func clearCollyEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		if k, v, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "COLLY_") {
			t.Setenv(k, v) // restores the variable when the test ends
			os.Unsetenv(k)
		}
	}
}

// memValidators is an in-memory ValidatorStore.
type memValidators struct {
	mu sync.Mutex
	m  map[string]Validators
}

var _ ValidatorStore = (*memValidators)(nil)

func newMemValidators() *memValidators { return &memValidators{m: make(map[string]Validators)} }

func (m *memValidators) Validators(url string) (Validators, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.m[url], nil
}

func (m *memValidators) SetValidators(url string, v Validators) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[url] = v
	return nil
}

// itemURLs lists the URLs of items, for compact comparisons.
func itemURLs(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.URL
	}
	return out
}
