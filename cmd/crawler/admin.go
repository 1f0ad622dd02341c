package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/daemon"
	"github.com/vnjp-monitor/crawler/internal/server"
)

// adminClient calls the running daemon's admin routes, with the
// configuration's token when one is set. Its calls have no overall
// timeout (a crawl pass may take minutes): ctx bounds them, and Ctrl-C
// cancels them.
func adminClient(cfg *config.Config) *server.Client {
	return &server.Client{BaseURL: cfg.HTTP.LocalURL(), Token: cfg.HTTP.Token, HTTP: http.DefaultClient}
}

// adminPost asks the running daemon to act, through its admin routes: the
// way `crawl --once` and `reclassify` work while the daemon holds the
// database.
func adminPost(ctx context.Context, cfg *config.Config, path string, v url.Values, out any) error {
	if err := adminClient(cfg).Do(ctx, http.MethodPost, path, v, nil, out); err != nil {
		return fmt.Errorf("the database is in use: %w", err)
	}
	return nil
}

// crawlViaDaemon runs `crawl --once` in the running daemon and prints its
// reports as a local pass would; it returns them for -v.
func crawlViaDaemon(ctx context.Context, a *app, cfg *config.Config, source string) ([]crawl.Report, error) {
	fmt.Fprintln(a.stderr, "The daemon holds the database: crawling through it.")
	v := url.Values{}
	if source != "" {
		v.Set("source", source)
	}
	var res daemon.CrawlResult
	if err := adminPost(ctx, cfg, "/admin/crawl", v, &res); err != nil {
		return nil, err
	}
	reports := make([]crawl.Report, len(res.Reports))
	for i, r := range res.Reports {
		reports[i] = r.Report
		if r.Error != "" {
			reports[i].Err = errors.New(r.Error)
		}
	}
	printReports(a.stdout, reports)
	return reports, nil
}

// reclassifyViaDaemon runs `reclassify` in the running daemon, with the
// taxonomy the daemon has loaded.
func reclassifyViaDaemon(ctx context.Context, a *app, cfg *config.Config) error {
	fmt.Fprintln(a.stderr, "The daemon holds the database: reclassifying through it, with the taxonomy it has loaded (send it SIGHUP first after editing the file).")
	var res daemon.ReclassifyResult
	if err := adminPost(ctx, cfg, "/admin/reclassify", nil, &res); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Reclassified %d articles: %d changed.\n", res.Total, res.Changed)
	return nil
}
