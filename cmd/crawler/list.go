package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/server"
)

// listJSON is one line of `crawler list --json`: exactly these fields.
type listJSON struct {
	ID        string   `json:"id"`
	URL       string   `json:"url"`
	URLs      []string `json:"urls"`
	Title     string   `json:"title"`
	Published string   `json:"published"`
	Source    string   `json:"source"`
	Lang      string   `json:"lang"`
	Relevant  bool     `json:"relevant"`
	Relevance float64  `json:"relevance"`
	Pillars   []string `json:"pillars"`
	Primary   string   `json:"primary"`
}

func runList(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("list", "[--json] [--all] [--pillar ID] [--since 24h|2026-01-02] [--limit N]")
	asJSON := fs.Bool("json", false, "write JSON lines")
	all := fs.Bool("all", false, "include articles judged not relevant")
	pillar := fs.String("pillar", "", "only articles carrying this pillar `ID`")
	since := fs.String("since", "", "only articles from this `period` (24h, 7d) or date (2026-01-02) on")
	limit := fs.Int("limit", 0, "at most `N` articles (0: all)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	if *limit < 0 {
		fmt.Fprintf(a.stderr, "crawler list: --limit must be 0 (no limit) or more, got %d\n", *limit)
		return errUsage
	}
	if *pillar != "" && !knownPillar(cfg.Pillars, *pillar) {
		return fmt.Errorf("--pillar: unknown pillar %q; the taxonomy has: %s", *pillar, pillarIDs(cfg.Pillars))
	}
	q := server.ListQuery{All: *all, Pillar: *pillar, Limit: *limit}
	if *since != "" {
		if q.Since, err = parseSince(*since, time.Now(), cfg.Location); err != nil {
			return fmt.Errorf("--since: %w", err)
		}
	}
	r, closeReader, err := openReader(a, cfg)
	if err != nil {
		return err
	}
	defer closeReader()
	arts, err := r.ListArticles(q)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeListJSON(a.stdout, arts)
	}
	if len(arts) == 0 && !q.Since.IsZero() {
		fmt.Fprintf(a.stdout, "No articles since %s (--since %s). Try a longer period, or --all to include articles judged not relevant.\n",
			q.Since.In(cfg.Location).Format("2006-01-02 15:04"), *since)
		return nil
	}
	writeListTable(a.stdout, arts)
	return nil
}

// parseSince accepts a period back from now (90m, 24h, 7d) or a date or
// time (2026-01-02, RFC 3339) in loc.
func parseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil && days >= 0 {
			return now.AddDate(0, 0, -days), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is neither a period (24h, 7d) nor a date (2026-01-02)", s)
}

func writeListJSON(w io.Writer, arts []*crawler.Article) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		rec := listJSON{
			ID: a.ID, URL: a.URL, URLs: a.URLs, Title: a.Title, Published: formatTime(a.Published),
			Source: a.Source, Lang: a.Lang, Relevant: a.Relevant, Relevance: a.Relevance,
			Pillars: a.Pillars, Primary: a.Primary,
		}
		if rec.Pillars == nil {
			rec.Pillars = []string{}
		}
		if rec.URLs == nil {
			rec.URLs = []string{a.URL}
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

func writeListTable(w io.Writer, arts []*crawler.Article) {
	if len(arts) == 0 {
		fmt.Fprintln(w, "No articles. Run `crawler crawl --once` first, or `crawler list --all` to include articles judged not relevant.")
		return
	}
	t := newTable(w, "ID", "DATE", "LANG", "PRIMARY", "TITLE")
	for _, a := range arts {
		primary := a.Primary
		if !a.Relevant {
			primary = "(not relevant)"
		}
		t.row(a.ID, a.Date().Format("2006-01-02"), a.Lang, primary, truncate(a.Title, 90))
	}
	t.flush()
}

func knownPillar(pillars []crawler.Pillar, id string) bool {
	for _, p := range pillars {
		if p.ID == id {
			return true
		}
	}
	return false
}

func pillarIDs(pillars []crawler.Pillar) string {
	ids := make([]string, len(pillars))
	for i, p := range pillars {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}
