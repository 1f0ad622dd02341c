package server

import (
	"cmp"
	"fmt"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// SourceRow is one configured source with its health, as `crawler
// sources` and the sources page show it.
type SourceRow struct {
	crawler.SourceState
	Kind        string `json:"kind"`
	URL         string `json:"url"`    // the endpoint for a search source; credentials masked
	Status      string `json:"status"` // ok, failing, silent, never
	Silent      bool   `json:"silent"`
	ExpectEvery string `json:"expect_every"`
}

// SourceRows joins the configured sources with their recorded health, in
// the configuration's order.
func SourceRows(cfg *config.Config, states []crawler.SourceState, now time.Time) []SourceRow {
	byName := map[string]crawler.SourceState{}
	for _, st := range states {
		byName[st.Name] = st
	}
	rows := make([]SourceRow, 0, len(cfg.Sources))
	for _, src := range cfg.Sources {
		st, ok := byName[src.Name]
		if !ok {
			st.Name = src.Name
		}
		expect := cfg.SourceExpectEvery(src)
		rows = append(rows, SourceRow{
			SourceState: st, Kind: src.Kind, URL: health.Redact(cmp.Or(src.URL, src.Endpoint)),
			Status: health.Status(st, expect, now), Silent: health.Silent(st, expect, now),
			ExpectEvery: expect.String(),
		})
	}
	return rows
}

// Ago renders t relative to now ("5m ago"), or "never" for the zero time.
func Ago(t, now time.Time) string {
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
