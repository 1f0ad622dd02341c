package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/server"
)

// sourceRow is one line of `crawler sources`.
type sourceRow = server.SourceRow

// errorLogReader reads a source's error log, from the store or the daemon.
type errorLogReader interface {
	SourceErrors(source string, limit int) ([]crawler.FetchError, error)
}

func runSources(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("sources", "[--json] [--errors NAME]")
	asJSON := fs.Bool("json", false, "write JSON lines")
	errorsOf := fs.String("errors", "", "list the latest failures of the source with this `name`: URL, reason, whether retried")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	if *errorsOf != "" {
		if _, err := pickSources(cfg, *errorsOf); err != nil {
			return err
		}
	}
	r, closeReader, err := openReader(a, cfg)
	if err != nil {
		return err
	}
	defer closeReader()
	if *errorsOf != "" {
		el, ok := r.(errorLogReader)
		if !ok {
			return fmt.Errorf("%T cannot read error logs", r)
		}
		return printSourceErrors(a.stdout, el, *errorsOf, *asJSON)
	}
	states, err := r.SourceStates()
	if err != nil {
		return err
	}
	rows := sourceRows(cfg, states, time.Now())
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		for _, row := range rows {
			if err := enc.Encode(row); err != nil {
				return err
			}
		}
		return nil
	}
	writeSourceTable(a.stdout, rows, time.Now())
	writeSearchTable(a.stdout, rows, time.Now())
	return nil
}

// sourceRows joins the configured sources with their recorded health.
func sourceRows(cfg *config.Config, states []crawler.SourceState, now time.Time) []sourceRow {
	return server.SourceRows(cfg, states, now)
}

func writeSourceTable(w io.Writer, rows []sourceRow, now time.Time) {
	t := newTable(w, "SOURCE", "STATUS", "LAST ATTEMPT", "LAST SUCCESS", "LAST NEW", "FAILURES", "ARTICLES", "LAST ERROR")
	for _, r := range rows {
		t.row(r.Name, r.Status, ago(r.LastAttempt, now), ago(r.LastSuccess, now), ago(r.LastNew, now),
			r.ConsecutiveFailures, r.Articles, truncate(r.LastError, 60))
	}
	t.flush()
}

// printSourceErrors writes the error log of one source, newest first.
func printSourceErrors(w io.Writer, r errorLogReader, name string, asJSON bool) error {
	list, err := r.SourceErrors(name, 0)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, e := range list {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	}
	if len(list) == 0 {
		fmt.Fprintf(w, "No failures logged for %s.\n", name)
		return nil
	}
	fmt.Fprintf(w, "Latest failures of %s, newest first:\n", name)
	for _, e := range list {
		fmt.Fprintf(w, "\n%s  %s\n", e.Time.Local().Format("2006-01-02 15:04:05"), e.Stage)
		printFailure(w, e)
	}
	return nil
}

// ago renders t relative to now ("5m ago"), or "never".
func ago(t, now time.Time) string { return server.Ago(t, now) }
