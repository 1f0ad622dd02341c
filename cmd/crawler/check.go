package main

import (
	"context"
	"fmt"
	"sync"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
)

func runCheck(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("check", "[--offline] [--source NAME]")
	offline := fs.Bool("offline", false, `only validate the configuration as "crawler run" would (keys, ranges, listen address, schedules, taxonomy); make no request`)
	only := fs.String("source", "", "check only the source with this `name`")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	// Loading validated the file; `run` also builds the classifier.
	if _, err := crawl.NewClassifier(cfg); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Configuration %s is valid: %d sources, %d pillars, database %s, schedule %q, listening on %s.\n",
		cfg.Path, len(cfg.Sources), len(cfg.Pillars), cfg.Database, cfg.Crawl.Schedule, cfg.HTTP.Listen)
	if err := exposedWithoutToken(cfg); err != nil {
		fmt.Fprintf(a.stdout, "Warning: %v; `crawler run` will refuse to start.\n", err)
	}
	if *offline {
		return nil
	}
	sources, err := pickSources(cfg, *only)
	if err != nil {
		return err
	}
	// A private validator store: no conditional GET, nothing written.
	fc, err := fetch.New(crawl.FetchOptions(cfg), noValidators{})
	if err != nil {
		return err
	}
	failed := checkSources(ctx, a, fc, sources, cfg.Crawl.Parallelism)
	if err := ctx.Err(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d sources could not be read", failed, len(sources))
	}
	return nil
}

// checkSources reads each source's listing, several at a time, and prints
// a row as each finishes. It returns how many could not be read.
func checkSources(ctx context.Context, a *app, fc *fetch.Client, sources []crawler.Source, parallelism int) (failed int) {
	names, kinds := []string{"SOURCE"}, []string{"KIND"}
	for _, s := range sources {
		names, kinds = append(names, s.Name), append(kinds, s.Kind)
	}
	widths := []int{maxWidth(names), maxWidth(kinds)}
	var mu sync.Mutex
	printRow := func(name, kind, result string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintln(a.stdout, alignRow([]string{name, kind, result}, widths))
	}
	fmt.Fprintln(a.stdout)
	printRow("SOURCE", "KIND", "RESULT")
	sem := make(chan struct{}, max(parallelism, 1))
	var wg sync.WaitGroup
	details := make([]string, len(sources)) // search sources list their publisher URLs after the table
	for i, src := range sources {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var result string
			var ok bool
			if src.Kind == crawler.KindSearch {
				result, details[i], ok = checkSearch(ctx, fc, src)
			} else {
				result, ok = checkSource(ctx, fc, src)
			}
			if !ok {
				mu.Lock()
				failed++
				mu.Unlock()
			}
			printRow(src.Name, src.Kind, result)
		})
	}
	wg.Wait()
	for _, d := range details {
		fmt.Fprint(a.stdout, d)
	}
	return failed
}

// checkSource reads one source's listing and sums it up; ok is false when
// the source could not be read.
func checkSource(ctx context.Context, fc *fetch.Client, src crawler.Source) (result string, ok bool) {
	l, err := fc.Discover(ctx, src)
	switch {
	case err != nil:
		return "FAILED: " + health.Redact(err.Error()), false
	case len(l.Items) == 0:
		return "no article links found (check the URL, kind, link_selector and article_pattern)", true
	}
	first := l.Items[0]
	label := first.Title
	if label == "" {
		label = first.URL
	}
	return fmt.Sprintf("%d items, %d errors; first: %s", len(l.Items), len(l.Errors), truncate(label, 70)), true
}

func maxWidth(cells []string) int {
	n := 0
	for _, c := range cells {
		n = max(n, width(c))
	}
	return n
}

// noValidators makes `check` fetch unconditionally and write nothing: the
// database is not touched.
type noValidators struct{}

func (noValidators) Validators(string) (fetch.Validators, error) { return fetch.Validators{}, nil }

func (noValidators) SetValidators(string, fetch.Validators) error { return nil }
