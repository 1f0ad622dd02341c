package server_test

import (
	"testing"

	"github.com/vnjp-monitor/crawler/internal/server"
)

func TestMetrics_Search(t *testing.T) {
	m := server.NewMetrics()
	_, c := startServer(t, newReader(), m, nil)
	m.ObserveSearch("google-news", "results", 40)
	m.ObserveSearch("google-news", "results", 2)
	m.ObserveSearch("google-news", "rate_limited", 1)
	m.ObserveSearch("gdelt", "results", 7)
	families := scrape(t, c)
	for _, tt := range []struct {
		provider, event string
		want            float64
	}{{"google-news", "results", 42}, {"google-news", "rate_limited", 1}, {"gdelt", "results", 7}} {
		s := sample(families, "vnjp_search_events_total", map[string]string{"provider": tt.provider, "event": tt.event})
		if s == nil || counter(s) != tt.want {
			t.Errorf("vnjp_search_events_total{%s,%s}=%v, want %v", tt.provider, tt.event, s, tt.want)
		}
	}
}
