package main

import (
	"fmt"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// lockTimeout bounds the wait for a database another process holds.
const lockTimeout = 2 * time.Second

// openStore opens the configured database for writing, creating it when
// missing.
func openStore(cfg *config.Config) (*store.Store, error) {
	st, err := store.Open(cfg.Database, store.Options{Timeout: lockTimeout})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return st, nil
}

// newCrawler wires fetch, classify and store for crawl passes.
func newCrawler(a *app, cfg *config.Config, st *store.Store) (*crawl.Crawler, error) {
	return crawl.New(cfg, st, a.logger)
}
