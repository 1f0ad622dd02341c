package daemon

import (
	"errors"
	"fmt"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/server"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// StoreReader adapts the store to what the HTTP server reads: the pages,
// feeds and API of the daemon, and the CLI's reading commands when they
// open the file themselves.
func StoreReader(st *store.Store) server.Reader { return reader{st} }

type reader struct{ st *store.Store }

var (
	_ server.Reader   = reader{}
	_ server.Counter  = reader{}
	_ server.ErrorLog = reader{}
)

func (r reader) Articles(q server.ListQuery, fn func(*crawler.Article) error) (string, error) {
	next, err := r.st.Each(store.Query(q), fn)
	if errors.Is(err, store.ErrBadCursor) {
		return "", fmt.Errorf("%w: %v", server.ErrBadCursor, err)
	}
	return next, err
}

func (r reader) CountArticles(q server.ListQuery) (server.Counts, error) {
	c, err := r.st.Count(store.Query(q))
	return server.Counts(c), err
}

func (r reader) GetArticle(id string) (*crawler.Article, error) {
	a, err := r.st.Get(id)
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrAmbiguous) {
		return nil, fmt.Errorf("%w: %v", server.ErrNotFound, err) // a prefix that names no single article
	}
	return a, err
}

func (r reader) SourceStates() ([]crawler.SourceState, error) { return r.st.SourceStates() }

func (r reader) SourceErrors(source string, limit int) ([]crawler.FetchError, error) {
	return r.st.SourceErrors(source, limit)
}
