package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

func runDemo(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("demo", "[--keep DIR] [--serve]")
	keep := fs.String("keep", "", "write the demo database into `DIR` and keep it (default: a temporary directory, removed)")
	serve := fs.Bool("serve", false, `only serve the demo site until interrupted, and write demo-config.yaml for it (into --keep DIR, else the current directory), to try "crawler run" offline`)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a.quietLogs()
	site, err := testsite.Start()
	if err != nil {
		return fmt.Errorf("start demo site: %w", err)
	}
	defer site.Close()
	if *serve {
		return serveDemo(ctx, a, site, *keep)
	}
	// The hostile slow page must outlast the request timeout, not the demo.
	site.SetSlowDelay(4 * time.Second)

	dir := *keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "crawler-demo-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	cfg, err := demoConfig(site, filepath.Join(dir, "demo.db"))
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Demo news site on %s (two outlets, %d sources); database %s\n\n",
		site.BaseURL(), len(cfg.Sources), cfg.Database)
	st, err := store.Open(cfg.Database, store.Options{Timeout: lockTimeout})
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer st.Close()
	if _, err := crawlOnce(ctx, a, cfg, st, cfg.Sources); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\nThe errors are the site's hostile links (%d: a 500, a slow page, a redirect loop, a 12 MiB body,\n"+
		"a PDF, a 404) and its robots.txt-disallowed section: each was refused or timed out, recorded, and the crawl went on.\n",
		len(site.HostileURLs()))
	arts, err := st.List(store.Query{All: true})
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout)
	printByPillar(a.stdout, cfg.Pillars, arts)
	return nil
}

// demoConfig is the default configuration pointed at the demo site, with no
// politeness delay (the site is ours) and short timeouts.
func demoConfig(site *testsite.Site, db string) (*config.Config, error) {
	cfg := config.Default()
	cfg.Database = db
	cfg.Sources = site.Sources()
	cfg.Crawl.PerHostDelay = 0
	cfg.Crawl.Timeout = 2 * time.Second
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("demo configuration: %w", err)
	}
	return cfg, nil
}

// printByPillar prints the stored articles grouped by pillar, relevant ones
// under every pillar they carry (primary marked), then the rest.
func printByPillar(w io.Writer, pillars []crawler.Pillar, arts []*crawler.Article) {
	relevant := 0
	for _, a := range arts {
		if a.Relevant {
			relevant++
		}
	}
	fmt.Fprintf(w, "Stored %d stories: %d about Viet Nam–Japan relations, %d not relevant.\n", len(arts), relevant, len(arts)-relevant)
	for _, p := range pillars {
		var in []*crawler.Article
		for _, a := range arts {
			if a.Relevant && containsString(a.Pillars, p.ID) {
				in = append(in, a)
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s — %s (%d)\n", p.ID, p.Name, len(in))
		for _, a := range in {
			mark := " "
			if a.Primary == p.ID {
				mark = "*"
			}
			fmt.Fprintf(w, "  %s %s [%s] %s\n", mark, a.Date().Format("2006-01-02"), a.Lang, truncate(a.Title, 90))
		}
	}
	fmt.Fprintln(w, "\nNot relevant (kept so they are never fetched again):")
	for _, a := range arts {
		if !a.Relevant {
			fmt.Fprintf(w, "    %s [%s] %s\n", a.Date().Format("2006-01-02"), a.Lang, truncate(a.Title, 90))
		}
	}
	fmt.Fprintln(w, "\n* primary pillar")
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// serveDemo keeps the demo site up and writes a configuration pointing at
// it, so a user can try the daemon without a network.
func serveDemo(ctx context.Context, a *app, site *testsite.Site, dir string) error {
	if dir == "" {
		dir = "."
	}
	// Absolute paths: the configuration works from any directory.
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(dir, "demo-config.yaml")
	if err := os.WriteFile(path, []byte(demoConfigYAML(site, filepath.Join(dir, "demo.db"))), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Demo news site on %s and %s.\nWrote %s; in another terminal try:\n\n"+
		"  crawler --config %s run\n  crawler --config %s sources\n\nPress Ctrl-C to stop the site.\n",
		site.BaseURL(), site.SyndicationBaseURL(), path, path, path)
	<-ctx.Done()
	return nil
}

// demoConfigYAML renders a configuration file for the demo site.
func demoConfigYAML(site *testsite.Site, db string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Configuration for the demo site started by `crawler demo --serve`.\n")
	fmt.Fprintf(&b, "database: %q\nuser_agent: vnjp-monitor-demo\nhttp:\n  listen: 127.0.0.1:8080\n", db)
	fmt.Fprintf(&b, "crawl:\n  schedule: \"@every 10s\"\n  per_host_delay: 0s\n  timeout: 2s\nsources:\n")
	for _, s := range site.Sources() {
		fmt.Fprintf(&b, "  - name: %q\n    kind: %s\n    url: %s\n", s.Name, s.Kind, s.URL)
		for _, kv := range [][2]string{{"link_selector", s.LinkSelector}, {"article_pattern", s.ArticlePattern}, {"next_selector", s.NextSelector}} {
			if kv[1] != "" {
				fmt.Fprintf(&b, "    %s: %q\n", kv[0], kv[1])
			}
		}
		if s.MaxPages > 0 {
			fmt.Fprintf(&b, "    max_pages: %d\n", s.MaxPages)
		}
	}
	return b.String()
}
