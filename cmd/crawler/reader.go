package main

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/daemon"
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
		return daemon.StoreReader(st), func() { st.Close() }, nil
	}
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, nil, fmt.Errorf("%w (set `database:` in %s, or run `crawler crawl --once` to create it)", err, cfg.Path)
	}
	if !errors.Is(err, store.ErrLocked) {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	c := &server.Client{BaseURL: cfg.HTTP.LocalURL(), Token: cfg.HTTP.Token}
	if _, herr := c.SourceStates(); herr != nil {
		return nil, nil, fmt.Errorf("%w; and the daemon's API at %s does not answer: %v", err, c.BaseURL, herr)
	}
	a.logger.Debug("database locked by the daemon; reading through its API", slog.String("url", c.BaseURL))
	return c, func() {}, nil
}
