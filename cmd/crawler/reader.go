package main

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/server"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// readLockTimeout bounds the wait for the file before asking the daemon.
const readLockTimeout = 500 * time.Millisecond

// openReader opens the database for reading, never creating it. When a
// running daemon holds it, the commands read through the daemon's HTTP API
// instead, so `list`, `show` and `sources` work while `crawler run` is up.
func openReader(a *app, cfg *config.Config) (server.Reader, func(), error) {
	// A short wait: when the daemon holds the file it holds it for good,
	// and its API answers at once.
	st, err := store.Open(cfg.Database, store.Options{Timeout: readLockTimeout, ReadOnly: true, Logger: a.logger})
	if err == nil {
		return storeReader{st}, func() { st.Close() }, nil
	}
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, nil, fmt.Errorf("%w (set `database:` in %s, or run `crawler crawl --once` to create it)", err, cfg.Path)
	}
	if !errors.Is(err, store.ErrLocked) {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	c := &server.Client{BaseURL: server.BaseURL(cfg.HTTP.Listen)}
	if _, herr := c.SourceStates(); herr != nil {
		return nil, nil, fmt.Errorf("%w; and the daemon's API at %s does not answer: %v", err, c.BaseURL, herr)
	}
	a.logger.Debug("database locked by the daemon; reading through its API", slog.String("url", c.BaseURL))
	return c, func() {}, nil
}

// storeReader adapts the store to server.Reader.
type storeReader struct{ st *store.Store }

func (r storeReader) ListArticles(q server.ListQuery) ([]*crawler.Article, error) {
	return r.st.List(store.Query{All: q.All, Pillar: q.Pillar, Since: q.Since, Limit: q.Limit})
}

func (r storeReader) GetArticle(id string) (*crawler.Article, error) { return r.st.Get(id) }

func (r storeReader) SourceStates() ([]crawler.SourceState, error) { return r.st.SourceStates() }

func (r storeReader) SourceErrors(source string, limit int) ([]crawler.FetchError, error) {
	return r.st.SourceErrors(source, limit)
}
