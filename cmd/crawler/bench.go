package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/vnjp-monitor/crawler/internal/loadtest"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

func runBench(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("bench", "[--articles N] [--parallelism N] [--passes N] [--large N] | --serve DIR")
	articles := fs.Int("articles", 2000, "stories on the generated loopback site")
	parallelism := fs.Int("parallelism", 4, "requests in flight for bare colly, crawl.parallelism for the crawler")
	passes := fs.Int("passes", 100, "crawl passes in all; resident memory is reported after 10 and after the last")
	large := fs.Int("large", 0, "also time \"list --since 1d\" and the API over a database of `N` articles (100000 takes minutes)")
	serve := fs.String("serve", "", "only serve the generated site until interrupted and write `DIR`/bench-config.yaml for it, to time `crawl --once` from outside")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *serve != "" {
		return serveBench(ctx, a, *serve, *articles, *parallelism)
	}
	if *articles < 10 || *parallelism < 1 || *passes < 1 || *large < 0 {
		fmt.Fprintln(a.stderr, "crawler bench: --articles at least 10, --parallelism and --passes at least 1")
		return errUsage
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	res, err := loadtest.Run(ctx, loadtest.Options{
		Articles: *articles, Parallelism: *parallelism, Passes: *passes, Large: *large, Config: cfg,
		Progress: func(step string) { fmt.Fprintf(a.stderr, "bench: %s\n", step) },
	})
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	printBench(a.stdout, res)
	return nil
}

// printBench writes the figures as ratios and per-item costs.
func printBench(w io.Writer, r *loadtest.Result) {
	fmt.Fprintf(w, "Generated site: %d articles, one loopback host, no delay, parallelism %d.\n\n", r.Articles, r.Parallelism)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\tpages/s\tratio")
	base := (r.BaselineBefore + r.BaselineAfter) / 2
	fmt.Fprintf(tw, "bare colly (before, after)\t%.0f, %.0f\t1\n", r.BaselineBefore, r.BaselineAfter)
	fmt.Fprintf(tw, "whole pipeline (stored %d, merged %d, errors %d)\t%.0f\t%.3f\n", r.Stored, r.Merged, r.Errors, r.Pipeline, r.Pipeline/base)
	tw.Flush()
	if len(r.CPU) > 0 {
		fmt.Fprintln(w, "\nCPU per article by stage:")
		var total time.Duration
		for _, d := range r.CPU {
			total += d
		}
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, s := range loadtest.Stages {
			if d := r.CPU[s]; d > 0 {
				fmt.Fprintf(tw, "  %s\t%s\t%.1f%%\n", s, round(d), 100*float64(d)/float64(total))
			}
		}
		fmt.Fprintf(tw, "  total\t%s\t\n", round(total))
		tw.Flush()
	}
	fmt.Fprintf(w, "\nDatabase: %.2f MB per 1,000 articles compacted (file after the first pass: %.1f MB).\n",
		float64(r.DBBytesPer1000)/1e6, float64(r.FileBytes)/1e6)
	for _, m := range r.RSS {
		fmt.Fprintf(w, "Memory after %d passes: %.1f MiB resident, %.1f MiB heap in use.\n", m.Passes, mib(m.RSS), mib(m.Heap))
	}
	if l := r.Large; l != nil {
		fmt.Fprintf(w, "\nLarge database: %d articles (%.2f MB per 1,000 on disk), %s per article to classify and store.\n",
			l.Articles, float64(l.FileBytes)/float64(l.Articles)*1000/1e6, round(l.FillPerArt))
		fmt.Fprintf(w, "  list --since 1d (%d articles, as JSON lines): %s\n", l.SinceDay, round(l.List))
		fmt.Fprintf(w, "  GET /api/articles?since=(1 day ago):        %s\n", round(l.API))
	}
}

func round(d time.Duration) time.Duration {
	switch {
	case d > time.Second:
		return d.Round(time.Millisecond)
	case d > time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

// serveBench serves the generated site and writes a configuration that
// crawls it with the bench's settings, in keys every version understands.
func serveBench(ctx context.Context, a *app, dir string, articles, parallelism int) error {
	site, err := testsite.StartBulk(testsite.BulkOptions{Articles: articles})
	if err != nil {
		return err
	}
	defer site.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	src := site.Source()
	yaml := fmt.Sprintf(`# Configuration for the site served by `+"`crawler bench --serve`"+`.
database: %q
user_agent: vnjp-monitor-bench
crawl:
  per_host_delay: 0s
  parallelism: %d
  max_articles_per_run: %d
sources:
  - name: %q
    kind: %s
    url: %s
`, filepath.Join(dir, "bench.db"), parallelism, articles, src.Name, src.Kind, src.URL)
	path := filepath.Join(dir, "bench-config.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Serving %d generated articles on %s; configuration in %s. Interrupt to stop.\n", articles, site.BaseURL(), path)
	<-ctx.Done()
	return nil
}
