package store

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/server"
)

// benchReader adapts the store to the server, as the daemon does (the
// daemon's adapter cannot be imported here: it imports this package).
type benchReader struct{ s *Store }

func (r benchReader) Articles(q server.ListQuery, fn func(*crawler.Article) error) (string, error) {
	return r.s.Each(Query(q), fn)
}

func (r benchReader) CountArticles(q server.ListQuery) (server.Counts, error) {
	c, err := r.s.Count(Query(q))
	return server.Counts(c), err
}

func (r benchReader) GetArticle(id string) (*crawler.Article, error) { return r.s.Get(id) }

func (r benchReader) SourceStates() ([]crawler.SourceState, error) { return r.s.SourceStates() }

// BenchmarkPage100k times whole answers of the list page and the API, as
// the server renders them, with 100,000 stored articles.
func BenchmarkPage100k(b *testing.B) {
	s := benchDB(b, Bench100k)
	srv := server.New("127.0.0.1:0", benchReader{s}, nil, nil, nil)
	srv.SetConfig(config.Default())
	h := srv.Handler()
	var deep string
	for range 40 {
		next, err := s.Each(Query{Limit: 50, Cursor: deep}, func(*crawler.Article) error { return nil })
		if err != nil || next == "" {
			b.Fatal(errors.Join(err, errors.New("no next page")))
		}
		deep = next
	}
	paths := []struct{ name, path string }{
		{"page/no filter", "/"},
		{"page/pillar", "/?pillar=labour"},
		{"page/lang", "/?lang=vi"},
		{"page/search", "/?q=" + benchRareEN},
		{"page/search vi folded", "/?q=hai+phong"},
		{"page/search common", "/?q=" + strings.Fields(synthText(1, 3))[0]},
		{"page/search + pillar", "/?q=" + benchRareEN + "&pillar=labour"},
		{"page/deep cursor", "/?cursor=" + deep},
		{"api/no filter", "/api/articles"},
		{"api/pillar", "/api/articles?pillar=labour"},
		{"api/lang", "/api/articles?lang=ja"},
		{"api/search", "/api/articles?q=" + benchRareEN},
		{"api/search + pillar", "/api/articles?q=" + benchRareEN + "&pillar=labour"},
		{"api/deep cursor", "/api/articles?cursor=" + deep},
		{"feed/pillar", "/feeds/pillar/labour.atom"},
	}
	for _, p := range paths {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p.path, nil))
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", p.path, w.Code, w.Body.String())
				}
			}
		})
	}
}
