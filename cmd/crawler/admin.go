package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/daemon"
)

// daemonRequest is a request to the running daemon's admin route path,
// carrying the configuration's token when one is set: a loopback caller
// needs none, but the daemon may listen on an address where it does.
func daemonRequest(ctx context.Context, cfg *config.Config, method, path string, v url.Values) (*http.Request, error) {
	u := cfg.HTTP.LocalURL() + path
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, err
	}
	if cfg.HTTP.Token != "" {
		req.Header.Set("Authorization", "Bearer "+cfg.HTTP.Token)
	}
	return req, nil
}

// adminPost asks the running daemon to act, through its admin routes: the
// way `crawl --once` and `reclassify` work while the daemon holds the
// database. The request waits for the work (a crawl pass may take
// minutes); Ctrl-C cancels it.
func adminPost(ctx context.Context, cfg *config.Config, path string, v url.Values, out any) error {
	req, err := daemonRequest(ctx, cfg, http.MethodPost, path, v)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("the database is in use and the daemon at %s does not answer: %w", cfg.HTTP.LocalURL(), err)
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, 16<<20)
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error string }
		_ = json.NewDecoder(body).Decode(&e)
		return fmt.Errorf("the daemon answered %s to %s: %s", resp.Status, path, strings.TrimSpace(e.Error))
	}
	if err := json.NewDecoder(body).Decode(out); err != nil {
		return fmt.Errorf("read the daemon's answer to %s: %w", path, err)
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
