package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// sourceRow is one line of `crawler sources`.
type sourceRow struct {
	crawler.SourceState
	Kind        string `json:"kind"`
	URL         string `json:"url"`
	Status      string `json:"status"` // ok, failing, silent, never
	Silent      bool   `json:"silent"`
	ExpectEvery string `json:"expect_every"`
}

func runSources(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("sources", "[--json]")
	asJSON := fs.Bool("json", false, "write JSON lines")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	r, closeReader, err := openReader(a, cfg)
	if err != nil {
		return err
	}
	defer closeReader()
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
	return nil
}

// sourceRows joins the configured sources with their recorded health.
func sourceRows(cfg *config.Config, states []crawler.SourceState, now time.Time) []sourceRow {
	byName := map[string]crawler.SourceState{}
	for _, st := range states {
		byName[st.Name] = st
	}
	rows := make([]sourceRow, 0, len(cfg.Sources))
	for _, src := range cfg.Sources {
		st, ok := byName[src.Name]
		if !ok {
			st.Name = src.Name
		}
		expect := cfg.SourceExpectEvery(src)
		rows = append(rows, sourceRow{
			SourceState: st, Kind: src.Kind, URL: src.URL,
			Status: health.Status(st, expect, now), Silent: health.Silent(st, expect, now),
			ExpectEvery: expect.String(),
		})
	}
	return rows
}

func writeSourceTable(w io.Writer, rows []sourceRow, now time.Time) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tSTATUS\tLAST ATTEMPT\tLAST SUCCESS\tLAST NEW\tFAILURES\tARTICLES\tLAST ERROR")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", r.Name, r.Status,
			ago(r.LastAttempt, now), ago(r.LastSuccess, now), ago(r.LastNew, now),
			r.ConsecutiveFailures, r.Articles, truncate(r.LastError, 60))
	}
	tw.Flush()
}

// ago renders t relative to now ("5m ago"), or "never".
func ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t).Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds ago", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d.Hours()))
	}
	return fmt.Sprintf("%dd ago", int(d.Hours()/24))
}
