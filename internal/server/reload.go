package server

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// reloadMetrics count configuration reloads, so a rejected one shows on a
// dashboard and not only in the log.
type reloadMetrics struct {
	total      *prometheus.CounterVec
	successful prometheus.Gauge
	lastTime   prometheus.Gauge
}

func newReloadMetrics() reloadMetrics {
	return reloadMetrics{
		total: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vnjp_config_reloads_total",
			Help: "Configuration reloads (SIGHUP) by result: ok or error.",
		}, []string{"result"}),
		successful: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "vnjp_config_last_reload_successful",
			Help: "1 when the last configuration reload worked (or none was tried), 0 when it was rejected.",
		}),
		lastTime: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "vnjp_config_last_reload_timestamp_seconds",
			Help: "Unix time of the last configuration reload attempt.",
		}),
	}
}

func (r reloadMetrics) collectors() []prometheus.Collector {
	r.successful.Set(1)
	return []prometheus.Collector{r.total, r.successful, r.lastTime}
}

// ObserveReload records a configuration reload at t that ended with err
// (nil when it worked).
func (m *Metrics) ObserveReload(t time.Time, err error) {
	result, ok := ResultOK, 1.0
	if err != nil {
		result, ok = ResultError, 0
	}
	m.reload.total.WithLabelValues(result).Inc()
	m.reload.successful.Set(ok)
	m.reload.lastTime.Set(float64(t.UnixNano()) / 1e9)
}

// SetReloadError makes /healthz show the error of the last rejected
// configuration reload, as "reload_error": the daemon still answers 200,
// since it runs on with the previous configuration, but an operator sees
// that the file on disk is not the one in force.
func (s *Server) SetReloadError(fn func() error) {
	s.routesMu.Lock()
	defer s.routesMu.Unlock()
	s.reloadErr = fn
}

func (s *Server) reloadError() string {
	s.routesMu.Lock()
	fn := s.reloadErr
	s.routesMu.Unlock()
	if fn == nil {
		return ""
	}
	if err := fn(); err != nil {
		return err.Error()
	}
	return ""
}
