package server

import "github.com/prometheus/client_golang/prometheus"

// digestMetrics count the digest emails.
type digestMetrics struct {
	digests        *prometheus.CounterVec
	digestArticles prometheus.Counter
}

func newDigestMetrics() digestMetrics {
	return digestMetrics{
		digests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vnjp_digests_total",
			Help: "Digest emails by result: sent (accepted by the SMTP server) or failed (to be retried).",
		}, []string{"result"}),
		digestArticles: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "vnjp_digest_articles_delivered_total",
			Help: "Articles carried by digests the SMTP server accepted, counted once per recipient.",
		}),
	}
}

// ObserveDigest counts one digest that ended with result ("sent" or
// "failed") and carried articles.
func (m *Metrics) ObserveDigest(result string, articles int) {
	m.digests.WithLabelValues(result).Inc()
	if result == "sent" {
		m.digestArticles.Add(float64(articles))
	}
}
