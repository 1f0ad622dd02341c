package crawl

import (
	"fmt"
	"log/slog"
	"net/url"
	"slices"

	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// New wires a Crawler from the configuration: the classifier from its
// taxonomy and classifier section, a fetcher with its politeness settings keeping conditional-GET
// state in st.
func New(cfg *config.Config, st *store.Store, logger *slog.Logger) (*Crawler, error) {
	clf, err := NewClassifier(cfg)
	if err != nil {
		return nil, err
	}
	fc, err := fetch.New(FetchOptions(cfg), Validators{Store: st})
	if err != nil {
		return nil, err
	}
	c := &Crawler{
		Fetch: fc, Store: st, Classifier: clf, Logger: logger,
		MaxPerRun: cfg.Crawl.MaxArticlesPerRun, PendingMaxAge: cfg.Crawl.PendingMaxAge,
	}
	c.slots = make(chan struct{}, c.workers())
	return c, nil
}

// Reload returns a Crawler for a new configuration that shares c's
// politeness state (each host's turn, pause and robots.txt) and processing
// slots, so that passes still running on c and new ones never ask a host
// at once. The store, hooks, logger, observer and clock are kept.
func (c *Crawler) Reload(cfg *config.Config) (*Crawler, error) {
	clf, err := NewClassifier(cfg)
	if err != nil {
		return nil, err
	}
	fc, err := c.Fetch.Reload(FetchOptions(cfg))
	if err != nil {
		return nil, err
	}
	n := *c // shares the processing slots with the passes still running
	n.Fetch, n.Classifier = fc, clf
	n.MaxPerRun, n.PendingMaxAge = cfg.Crawl.MaxArticlesPerRun, cfg.Crawl.PendingMaxAge
	return &n, nil
}

// NewClassifier builds the classifier a configuration describes: its
// taxonomy and its classifier section (model file, text bound, gazetteer,
// roles). Every command and the daemon build it here, so that none
// classifies with the built-in model when the file names another.
func NewClassifier(cfg *config.Config) (*classify.Classifier, error) {
	clf, err := classify.New(cfg.Pillars, classify.WithConfig(cfg.Classifier))
	if err != nil {
		return nil, fmt.Errorf("taxonomy in %s: %w", cfg.Path, err)
	}
	return clf, nil
}

// FetchOptions maps the configuration to the fetcher's options.
func FetchOptions(cfg *config.Config) fetch.Options {
	return fetch.Options{
		UserAgent:      cfg.UserAgent,
		PerHostDelay:   cfg.Crawl.PerHostDelay,
		Parallelism:    cfg.Crawl.Parallelism,
		Timeout:        cfg.Crawl.Timeout,
		MaxBodyBytes:   cfg.Crawl.MaxBodyBytes,
		RespectRobots:  cfg.Crawl.RespectRobots,
		MaxSitemapURLs: cfg.Crawl.MaxSitemapURLs,
		AllowHosts:     AllowedHosts(cfg),
	}
}

// AllowedHosts lists the hosts the fetcher may reach on internal
// addresses: crawl.allow_hosts and the host of every URL a source names.
func AllowedHosts(cfg *config.Config) []string {
	hosts := slices.Clone(cfg.Crawl.AllowHosts)
	for _, src := range cfg.Sources {
		for _, raw := range src.URLs() {
			if u, err := url.Parse(raw); err == nil && u.Hostname() != "" {
				hosts = append(hosts, u.Hostname())
			}
		}
	}
	return hosts
}
