package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/store"
)

func runCrawl(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("crawl", "--once [--source NAME]")
	once := fs.Bool("once", false, "one pass over all sources, then exit (the daemon is `crawler run`)")
	only := fs.String("source", "", "crawl only the source with this `name`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*once {
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
	st, err := openStore(cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	_, err = crawlOnce(ctx, a, cfg, st, sources)
	return err
}

// crawlOnce runs one pass and prints a line per source; per-source failures
// are in the reports, not the error.
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
			fmt.Fprintf(a.stderr, "\r[%d/%d] %-40.40s", finished, len(sources), r.Source)
		}
	})
	if progress {
		fmt.Fprint(a.stderr, "\r\033[K")
	}
	printReports(a.stdout, reports)
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
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tLISTED\tNEW\tFETCHED\tSTORED\tMERGED\tRELEVANT\tERRORS\tSTATUS")
	var failed int
	for _, r := range reports {
		status := "ok"
		switch {
		case r.Err != nil:
			status = "failed: " + r.Err.Error()
			failed++
		case r.NotModified:
			status = "not modified"
		case r.Deferred > 0:
			status = fmt.Sprintf("ok, %d left for next pass", r.Deferred)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", r.Source, r.Listed, r.New, r.Fetched, r.Stored, r.Merged, r.Relevant, r.Errors, status)
	}
	tw.Flush()
	if failed > 0 {
		fmt.Fprintf(w, "%d of %d sources failed; they are retried on the next pass.\n", failed, len(reports))
	}
}
