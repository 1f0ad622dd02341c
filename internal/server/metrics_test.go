package server_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/vnjp-monitor/crawler/internal/server"
)

// scrape fetches /metrics and parses it with the Prometheus text parser.
func scrape(t testing.TB, c *server.Client) map[string]*dto.MetricFamily {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.BaseURL+"/metrics", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/plain") // the text format, not protobuf
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %s", resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return families
}

// sample finds the metric of family name whose labels include want.
func sample(families map[string]*dto.MetricFamily, name string, want map[string]string) *dto.Metric {
	mf := families[name]
	if mf == nil {
		return nil
	}
next:
	for _, m := range mf.GetMetric() {
		for k, v := range want {
			found := false
			for _, lp := range m.GetLabel() {
				if lp.GetName() == k && lp.GetValue() == v {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		return m
	}
	return nil
}

func TestMetrics(t *testing.T) {
	m := server.NewMetrics()
	_, c := startServer(t, newReader(), m, nil)

	success := time.Date(2026, 3, 14, 8, 0, 0, 0, time.UTC)
	m.ObserveFetch("vnexpress-en", "200")
	m.ObserveFetch("vnexpress-en", "200")
	m.ObserveFetch("vnexpress-en", "304")
	m.ObserveFetch("nhk", "timeout")
	m.ObserveCrawl("vnexpress-en", 1500*time.Millisecond, nil)
	m.ObserveCrawl("nhk", 30*time.Second, errors.New("timeout"))
	m.ObserveCrawl("nhk", time.Second, context.Canceled)
	m.SetLastSuccess("vnexpress-en", success)
	m.SetArticlesStored("semiconductors", 7)
	m.SetArticlesStored("", 40)
	m.SetSourceFlags(2, 1)

	families := scrape(t, c)
	tests := []struct {
		name   string
		family string
		labels map[string]string
		value  func(*dto.Metric) float64
		want   float64
	}{
		{"fetch 200", "vnjp_fetches_total", map[string]string{"source": "vnexpress-en", "status": "200"}, counter, 2},
		{"fetch 304", "vnjp_fetches_total", map[string]string{"source": "vnexpress-en", "status": "304"}, counter, 1},
		{"fetch timeout", "vnjp_fetches_total", map[string]string{"source": "nhk", "status": "timeout"}, counter, 1},
		{"crawl ok", "vnjp_crawls_total", map[string]string{"source": "vnexpress-en", "result": "ok"}, counter, 1},
		{"crawl error", "vnjp_crawls_total", map[string]string{"source": "nhk", "result": "error"}, counter, 1},
		{"crawl cancelled", "vnjp_crawls_total", map[string]string{"source": "nhk", "result": "cancelled"}, counter, 1},
		{"duration count", "vnjp_crawl_duration_seconds", map[string]string{"source": "nhk"}, histCount, 2},
		{"duration sum", "vnjp_crawl_duration_seconds", map[string]string{"source": "nhk"}, histSum, 31},
		{"last success", "vnjp_source_last_success_timestamp_seconds", map[string]string{"source": "vnexpress-en"}, gauge, float64(success.Unix())},
		{"pillar", "vnjp_articles_stored", map[string]string{"pillar": "semiconductors"}, gauge, 7},
		{"not relevant", "vnjp_articles_stored", map[string]string{"pillar": server.PillarNotRelevant}, gauge, 40},
		{"silent", "vnjp_sources_silent", nil, gauge, 2},
		{"failing", "vnjp_sources_failing", nil, gauge, 1},
		{"build info", "vnjp_build_info", nil, gauge, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sample(families, tt.family, tt.labels)
			if s == nil {
				t.Fatalf("no %s%v in /metrics", tt.family, tt.labels)
			}
			if got := tt.value(s); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("%s%v=%v, want %v", tt.family, tt.labels, got, tt.want)
			}
		})
	}
	if families["go_goroutines"] == nil {
		t.Error("Go runtime metrics missing")
	}
}

func TestMetrics_ForgetSource(t *testing.T) {
	m := server.NewMetrics()
	_, c := startServer(t, nil, m, nil)
	m.ObserveFetch("gone", "200")
	m.ObserveCrawl("gone", time.Second, nil)
	m.SetLastSuccess("gone", time.Now())
	m.ObserveFetch("kept", "200")
	m.ForgetSource("gone")

	families := scrape(t, c)
	for _, name := range []string{"vnjp_fetches_total", "vnjp_crawls_total", "vnjp_crawl_duration_seconds", "vnjp_source_last_success_timestamp_seconds"} {
		if s := sample(families, name, map[string]string{"source": "gone"}); s != nil {
			t.Errorf("%s still has source=gone", name)
		}
	}
	if sample(families, "vnjp_fetches_total", map[string]string{"source": "kept"}) == nil {
		t.Error("ForgetSource dropped another source")
	}
}

func TestMetrics_PrivateRegistry(t *testing.T) {
	// Two instances in one process must not collide, as they would on the
	// global registry.
	a, b := server.NewMetrics(), server.NewMetrics()
	a.ObserveFetch("x", "200")
	b.ObserveFetch("x", "200")
	_, c := startServer(t, nil, b, nil)
	if code, body := get(t, c, "/metrics"); code != 200 || !strings.Contains(body, `vnjp_fetches_total{source="x",status="200"} 1`) {
		t.Errorf("GET /metrics: %d, want one fetch counted in b only", code)
	}
}

func counter(m *dto.Metric) float64   { return m.GetCounter().GetValue() }
func gauge(m *dto.Metric) float64     { return m.GetGauge().GetValue() }
func histCount(m *dto.Metric) float64 { return float64(m.GetHistogram().GetSampleCount()) }
func histSum(m *dto.Metric) float64   { return m.GetHistogram().GetSampleSum() }
