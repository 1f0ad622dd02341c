package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	crawler "github.com/vnjp-monitor/crawler"
)

// PillarNotRelevant is the pillar label of articles judged not relevant
// (no primary pillar) in vnjp_articles_stored.
const PillarNotRelevant = "not-relevant"

// Result label values of vnjp_crawls_total.
const (
	ResultOK        = "ok"
	ResultError     = "error"
	ResultCancelled = "cancelled" // stopped by shutdown, not the source's fault
)

// Metrics holds the daemon's Prometheus collectors on a private registry, so
// tests and several instances in one process never collide on the global
// one. Its methods are safe for concurrent use.
type Metrics struct {
	reg           *prometheus.Registry
	fetches       *prometheus.CounterVec
	crawls        *prometheus.CounterVec
	crawlDuration *prometheus.HistogramVec
	lastSuccess   *prometheus.GaugeVec
	articles      *prometheus.GaugeVec
	silent        prometheus.Gauge
	failing       prometheus.Gauge
	digestMetrics
	reload reloadMetrics
	search *prometheus.CounterVec
}

// NewMetrics returns the daemon's collectors, registered together with the
// Go runtime and process collectors and a vnjp_build_info gauge.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vnjp_fetches_total",
			Help: "HTTP fetches by source and outcome: the status code, or error, timeout, robots.",
		}, []string{"source", "status"}),
		crawls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vnjp_crawls_total",
			Help: "Crawls of a source by result: ok, error or cancelled.",
		}, []string{"source", "result"}),
		crawlDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "vnjp_crawl_duration_seconds",
			Help: "Wall time of one crawl of one source.",
			// From a feed answered from cache to a listing crawl
			// held back by per-host delays.
			Buckets: []float64{0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600},
		}, []string{"source"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "vnjp_source_last_success_timestamp_seconds",
			Help: "Unix time of the last successful crawl of a source.",
		}, []string{"source"}),
		articles: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "vnjp_articles_stored",
			Help: `Articles in the database by primary pillar; pillar="` + PillarNotRelevant + `" counts those judged not relevant.`,
		}, []string{"pillar"}),
		silent: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "vnjp_sources_silent",
			Help: "Sources with no new article for longer than their expect_every.",
		}),
		failing: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "vnjp_sources_failing",
			Help: "Sources whose last crawl failed.",
		}),
		search: newSearchCounter(),
	}
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "vnjp_build_info",
		Help:        "Always 1; the version label says which build runs.",
		ConstLabels: prometheus.Labels{"version": crawler.Version},
	})
	build.Set(1)
	m.digestMetrics = newDigestMetrics()
	m.reg.MustRegister(m.fetches, m.crawls, m.crawlDuration, m.lastSuccess,
		m.articles, m.silent, m.failing, build,
		m.digests, m.digestArticles, m.search,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.reload = newReloadMetrics()
	m.reg.MustRegister(m.reload.collectors()...)
	return m
}

// ObserveFetch counts one fetch of source ending in status: an HTTP status
// code such as "200" or "304", or a failure kind such as "error" or
// "timeout".
func (m *Metrics) ObserveFetch(source, status string) {
	m.fetches.WithLabelValues(source, status).Inc()
}

// ObserveCrawl records one crawl of source that took d and ended with err
// (nil for success). A crawl cut short by shutdown (context.Canceled) is
// counted as cancelled rather than as an error.
func (m *Metrics) ObserveCrawl(source string, d time.Duration, err error) {
	result := ResultOK
	switch {
	case errors.Is(err, context.Canceled):
		result = ResultCancelled
	case err != nil:
		result = ResultError
	}
	m.crawls.WithLabelValues(source, result).Inc()
	m.crawlDuration.WithLabelValues(source).Observe(d.Seconds())
}

// SetLastSuccess records the time of the last successful crawl of source.
func (m *Metrics) SetLastSuccess(source string, t time.Time) {
	m.lastSuccess.WithLabelValues(source).Set(float64(t.UnixNano()) / 1e9)
}

// SetArticlesStored sets the number of stored articles whose primary pillar
// is pillar; "" stands for articles judged not relevant and is exported as
// PillarNotRelevant.
func (m *Metrics) SetArticlesStored(pillar string, n int) {
	if pillar == "" {
		pillar = PillarNotRelevant
	}
	m.articles.WithLabelValues(pillar).Set(float64(n))
}

// SetSourceFlags sets how many sources are silent and how many failing.
func (m *Metrics) SetSourceFlags(silent, failing int) {
	m.silent.Set(float64(silent))
	m.failing.Set(float64(failing))
}

// ForgetSource drops every series labelled with source, for a source removed
// by a configuration reload.
func (m *Metrics) ForgetSource(source string) {
	labels := prometheus.Labels{"source": source}
	m.fetches.DeletePartialMatch(labels)
	m.crawls.DeletePartialMatch(labels)
	m.crawlDuration.DeletePartialMatch(labels)
	m.lastSuccess.DeletePartialMatch(labels)
}

// Handler serves the registry in the Prometheus exposition formats.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
