package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/store"
)

func runCrawl(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("crawl", "--once [--source NAME] [-v]")
	once := fs.Bool("once", false, `one pass, then exit (the daemon is "crawler run")`)
	only := fs.String("source", "", "crawl only the source with this `name`")
	verbose := fs.Bool("v", false, "list every page that failed, with the reason")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*once || fs.NArg() > 0 {
		fmt.Fprintln(a.stderr, "crawler crawl: pass --once for one pass; `crawler run` runs on the configured schedules")
		return errUsage
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	sources, err := pickSources(cfg, *only)
	if err != nil {
		return err
	}
	// A closed terminal (SIGHUP) stops the pass as Ctrl-C does.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGHUP)
	defer stop()
	var reports []crawl.Report
	st, err := openStore(cfg)
	switch {
	case errors.Is(err, store.ErrLocked):
		reports, err = crawlViaDaemon(ctx, a, cfg, *only)
	case err != nil:
		return err
	default:
		defer st.Close()
		reports, err = crawlOnce(ctx, a, cfg, st, sources)
	}
	if *verbose {
		printFailures(a.stdout, reports)
	}
	return err
}

// crawlOnce runs one pass and prints a line per source; per-source failures
// are in the reports, not the error. The error is the interruption
// (context.Canceled) or damage the pass found in the database.
func crawlOnce(ctx context.Context, a *app, cfg *config.Config, st *store.Store, sources []crawler.Source) ([]crawl.Report, error) {
	c, err := newCrawler(a, cfg, st)
	if err != nil {
		return nil, err
	}
	progress := isTerminal(a.stderr)
	finished := 0
	reports := c.All(ctx, sources, cfg.Crawl.Parallelism, func(r crawl.Report) {
		finished++
		if progress {
			fmt.Fprintf(a.stderr, "\r[%d/%d] %s", finished, len(sources), pad(truncate(r.Source, 40), 40))
		}
	})
	if progress {
		fmt.Fprint(a.stderr, "\r\033[K")
	}
	printReports(a.stdout, reports)
	if err := st.DamageError(); err != nil {
		return reports, err
	}
	return reports, ctx.Err()
}

func pickSources(cfg *config.Config, name string) ([]crawler.Source, error) {
	if name == "" {
		return cfg.Sources, nil
	}
	for _, s := range cfg.Sources {
		if s.Name == name {
			return []crawler.Source{s}, nil
		}
	}
	return nil, fmt.Errorf("no source named %q in %s", name, cfg.Path)
}

// printReports writes the one-line-per-source summary of a pass.
func printReports(w io.Writer, reports []crawl.Report) {
	t := newTable(w, "SOURCE", "LISTED", "NEW", "FETCHED", "STORED", "MERGED", "RELEVANT", "ERRORS", "STATUS")
	var failed, pageErrors, interrupted int
	for _, r := range reports {
		status := "ok"
		switch {
		case r.Err != nil:
			status = "failed: " + health.Redact(r.Err.Error())
			failed++
		case r.Interrupted:
			status = "interrupted"
			interrupted++
		case r.NotModified:
			status = "not modified"
		case r.Deferred > 0:
			status = fmt.Sprintf("ok, %d left for next pass", r.Deferred)
		}
		pageErrors += r.Errors
		t.row(r.Source, r.Listed, r.New, r.Fetched, r.Stored, r.Merged, r.Relevant, r.Errors, status)
	}
	t.flush()
	if failed > 0 {
		fmt.Fprintf(w, "%d of %d sources failed; they are retried on the next pass.\n", failed, len(reports))
	}
	if pageErrors > 0 {
		fmt.Fprintf(w, "%s: `crawler crawl --once -v` lists the failing URLs and why; `crawler sources --errors NAME` shows a source's latest.\n", plural(pageErrors, "error"))
	}
	if interrupted > 0 {
		fmt.Fprintln(w, "Interrupted: nothing is held against the sources; the pages not fetched wait for the next pass.")
	}
}

// printFailures lists each failed page with its reason, by source.
func printFailures(w io.Writer, reports []crawl.Report) {
	for _, r := range reports {
		if r.Err == nil && len(r.Failures) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", r.Source)
		if r.Err != nil {
			fmt.Fprintf(w, "  the source: %s\n", health.Redact(r.Err.Error()))
		}
		for _, f := range r.Failures {
			printFailure(w, f)
		}
		if more := r.Errors - len(r.Failures); more > 0 {
			fmt.Fprintf(w, "  ... and %d more\n", more)
		}
	}
}

// printFailure writes one failure on two lines: where, then why.
func printFailure(w io.Writer, f crawler.FetchError) {
	where := f.URL
	if where == "" {
		where = "(" + f.Stage + ")"
	}
	retry := "retried later"
	switch {
	case f.Permanent:
		retry = "not retried"
	case f.Stage == crawler.StageSource:
		retry = "retried after the source's backoff"
	}
	fmt.Fprintf(w, "  %s\n      %s (%s)\n", where, f.Reason, retry)
}
