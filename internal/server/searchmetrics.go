package server

import "github.com/prometheus/client_golang/prometheus"

func newSearchCounter() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "vnjp_search_events_total",
		Help: "Search provider events: results listed, links decoded offline, resolved online, " +
			"failed resolutions, rate_limited answers (429 or a redirect to a block page).",
	}, []string{"provider", "event"})
}

// ObserveSearch counts n events of a search provider, such as "results",
// "resolved" or "rate_limited".
func (m *Metrics) ObserveSearch(provider, event string, n int) {
	m.search.WithLabelValues(provider, event).Add(float64(n))
}
