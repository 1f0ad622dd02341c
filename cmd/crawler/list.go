package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/server"
)

func runList(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("list", "[--json] [--all] [--pillar ID] [--lang CODE] [--source NAME] [-q WORDS] [--since 24h|7d|2026-01-02] [--limit N]")
	asJSON := fs.Bool("json", false, "write JSON lines")
	all := fs.Bool("all", false, "include articles judged not relevant")
	pillar := fs.String("pillar", "", "only articles carrying this pillar `ID`")
	lang := fs.String("lang", "", "only articles in this language (`code`: en, vi, ja)")
	source := fs.String("source", "", "only articles found by the source with this `name`")
	text := fs.String("q", "", "only articles whose title or text has every one of these `words` (any case, accents optional)")
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
	q := server.ListQuery{All: *all, Pillar: *pillar, Lang: *lang, Source: *source, Text: *text, Limit: *limit}
	if *since != "" {
		if q.Since, err = server.ParseSince(*since, time.Now(), cfg.Location); err != nil {
			return fmt.Errorf("--since: %w", err)
		}
	}
	r, closeReader, err := openReader(a, cfg)
	if err != nil {
		return err
	}
	defer closeReader()
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		_, err = r.Articles(q, func(art *crawler.Article) error { return enc.Encode(server.Summarize(art)) })
		return err
	}
	t := newTable(a.stdout, "ID", "DATE", "LANG", "PRIMARY", "TITLE")
	n := 0
	_, err = r.Articles(q, func(art *crawler.Article) error {
		n++
		primary := art.Primary
		if !art.Relevant {
			primary = "(not relevant)"
		}
		t.row(art.ID, art.Date().Format("2006-01-02"), art.Lang, primary, truncate(art.Title, 90))
		return nil
	})
	switch {
	case err != nil:
		return err
	case n == 0 && !q.Since.IsZero():
		fmt.Fprintf(a.stdout, "No articles since %s (--since %s). Try a longer period, or --all to include articles judged not relevant.\n",
			q.Since.In(cfg.Location).Format("2006-01-02 15:04"), *since)
	case n == 0:
		fmt.Fprintln(a.stdout, "No articles. Run `crawler crawl --once` first, or `crawler list --all` to include articles judged not relevant.")
	default:
		t.flush()
	}
	return nil
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
