package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/fetch"
)

func runCheck(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("check", "[--offline] [--source NAME]")
	offline := fs.Bool("offline", false, "only validate the configuration; make no request")
	only := fs.String("source", "", "check only the source with this `name`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Configuration %s is valid: %d sources, %d pillars, database %s, schedule %q.\n",
		cfg.Path, len(cfg.Sources), len(cfg.Pillars), cfg.Database, cfg.Crawl.Schedule)
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
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nSOURCE\tKIND\tRESULT\tFIRST ITEM")
	failed := 0
	for _, src := range sources {
		l, err := fc.Discover(ctx, src)
		switch {
		case err != nil:
			failed++
			fmt.Fprintf(tw, "%s\t%s\tFAILED: %v\t\n", src.Name, src.Kind, err)
		case len(l.Items) == 0:
			fmt.Fprintf(tw, "%s\t%s\tno article links found (check the URL, kind, link_selector and article_pattern)\t\n", src.Name, src.Kind)
		default:
			first := l.Items[0]
			label := first.Title
			if label == "" {
				label = first.URL
			}
			fmt.Fprintf(tw, "%s\t%s\t%d items, %d errors\t%s\n", src.Name, src.Kind, len(l.Items), len(l.Errors), truncate(label, 70))
		}
	}
	tw.Flush()
	if failed > 0 {
		fmt.Fprintf(a.stdout, "%d of %d sources could not be read.\n", failed, len(sources))
	}
	return nil
}

// noValidators makes `check` fetch unconditionally and write nothing: the
// database is not touched.
type noValidators struct{}

func (noValidators) Validators(string) (fetch.Validators, error) { return fetch.Validators{}, nil }

func (noValidators) SetValidators(string, fetch.Validators) error { return nil }
