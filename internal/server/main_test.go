package server_test

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/server"
)

// TestMain fails the package when any test leaves a goroutine behind.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// memReader is an in-memory server.Reader holding a few articles.
type memReader struct {
	mu       sync.Mutex
	articles []*crawler.Article // newest first
	states   []crawler.SourceState
	lastList server.ListQuery
	err      error         // returned by every call when set
	block    chan struct{} // ListArticles waits on it when set

	listCalls atomic.Int32
}

var _ server.Reader = (*memReader)(nil)

func (m *memReader) Articles(q server.ListQuery, fn func(*crawler.Article) error) (string, error) {
	m.listCalls.Add(1)
	m.mu.Lock()
	m.lastList = q
	block, err := m.block, m.err
	m.mu.Unlock()
	if block != nil {
		<-block
	}
	if err != nil {
		return "", err
	}
	n := 0
	for _, a := range m.articles {
		switch {
		case !q.All && !a.Relevant,
			q.Pillar != "" && !slices.Contains(a.Pillars, q.Pillar),
			!q.Since.IsZero() && a.Date().Before(q.Since):
			continue
		}
		if q.Limit > 0 && n == q.Limit {
			return "more", nil
		}
		if err := fn(a); err != nil {
			return "", err
		}
		n++
	}
	return "", nil
}

func (m *memReader) GetArticle(id string) (*crawler.Article, error) {
	if m.err != nil {
		return nil, m.err
	}
	for _, a := range m.articles {
		if a.ID == id {
			return a, nil
		}
	}
	return nil, server.ErrNotFound
}

func (m *memReader) SourceStates() ([]crawler.SourceState, error) {
	if m.err != nil {
		return nil, m.err
	}
	return m.states, nil
}

// day is the base date of the fixtures.
var day = time.Date(2026, 3, 14, 8, 0, 0, 0, time.UTC)

// newReader returns a reader with three articles, one not relevant.
func newReader() *memReader {
	return &memReader{
		articles: []*crawler.Article{
			{ID: "a3", URL: "https://news.example/a3", Title: "Semiconductor plant opens near Hanoi",
				Published: day.Add(48 * time.Hour), Lang: "en", Source: "example-en",
				Classification: crawler.Classification{Relevant: true, Relevance: 0.9,
					Pillars: []string{crawler.PillarSemiconductors, crawler.PillarEconomy},
					Primary: crawler.PillarSemiconductors}},
			{ID: "a2", URL: "https://news.example/a2", Title: "Weather this weekend",
				Published: day.Add(24 * time.Hour), Lang: "en", Source: "example-en"},
			{ID: "a1", URL: "https://news.example/a1", Title: "Ministers meet on labour mobility",
				Published: day, Lang: "en", Source: "example-en",
				Classification: crawler.Classification{Relevant: true, Relevance: 0.8,
					Pillars: []string{crawler.PillarLabour}, Primary: crawler.PillarLabour}},
		},
		states: []crawler.SourceState{
			{Name: "example-en", LastAttempt: day, LastSuccess: day, LastNew: day, Articles: 3},
			{Name: "broken", LastAttempt: day, ConsecutiveFailures: 2, LastError: "status 500"},
		},
	}
}

// startServer starts a real server on a loopback port and closes it at
// cleanup; the returned client has its own transport, closed there too, so
// no keep-alive goroutine outlives the test.
func startServer(t testing.TB, r server.Reader, m *server.Metrics, healthy func() error) (*server.Server, *server.Client) {
	t.Helper()
	return startWith(t, server.New("127.0.0.1:0", r, m, healthy, nil))
}

// startWith starts s as startServer does.
func startWith(t testing.TB, s *server.Server) (*server.Server, *server.Client) {
	t.Helper()
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	c := &server.Client{BaseURL: "http://" + s.Addr(), HTTP: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	if !strings.HasPrefix(s.Addr(), "127.0.0.1:") || strings.HasSuffix(s.Addr(), ":0") {
		t.Fatalf("Addr()=%q, want the bound loopback port", s.Addr())
	}
	return s, c
}

func readAll(t testing.TB, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
