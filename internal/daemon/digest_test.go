package daemon_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/daemon"
	"github.com/vnjp-monitor/crawler/internal/digest/smtptest"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// digestConfig adds a recipient on a two-second schedule, and the test
// mail server, to the daemon's test configuration.
func digestConfig(t *testing.T, site *testsite.Site, mail *smtptest.Server) *config.Config {
	t.Helper()
	cfg := testConfig(t, site)
	cfg.Digest.From = "VN–JP Monitor <monitor@example.org>"
	cfg.Digest.SMTP = config.SMTP{Host: "127.0.0.1", Port: mail.Port, TLS: config.TLSNone}
	cfg.Digest.Recipients = []config.Recipient{{Email: "desk@example.org", Name: "Bàn tin", Schedule: "@every 2s", Timezone: "Asia/Tokyo"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestDaemonDigests(t *testing.T) {
	site, err := testsite.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	site.SetSlowDelay(1500 * time.Millisecond)
	mail := smtptest.Start(t, smtptest.Options{})
	mail.Script(smtptest.Rcpt451) // the first delivery is refused
	cfg := digestConfig(t, site, mail)
	d, err := daemon.Open(cfg, daemon.Options{Grace: 3 * time.Second, Logger: quiet,
		DigestRetryEvery: 300 * time.Millisecond, DigestBackoff: health.Policy{BaseBackoff: 500 * time.Millisecond, MaxBackoff: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() { cancel(); <-done }()
	base := "http://" + d.Addr()

	waitFor(t, "a digest to be delivered after the refusal", 60*time.Second, func() bool { return len(mail.Messages()) > 0 })
	if mail.Connections() < 2 {
		t.Errorf("%d connections: the refused attempt is missing", mail.Connections())
	}
	first := smtptest.Parse(t, mail.Messages()[0].Data)
	if first.To.Name != "Bàn tin" || !strings.Contains(first.Text, "VIET NAM–JAPAN DIGEST") {
		t.Errorf("first digest: To %v, text:\n%.300s", first.To, first.Text)
	}

	// Unsubscribe as a mail client does (RFC 8058), through the daemon.
	unsub := regexp.MustCompile(`<(https?://[^>]+)>`).FindStringSubmatch(first.Header.Get("List-Unsubscribe"))
	if unsub == nil {
		t.Fatalf("List-Unsubscribe %q has no URL", first.Header.Get("List-Unsubscribe"))
	}
	u, _ := url.Parse(unsub[1])
	if code, body := get(t, base+u.RequestURI()); code != http.StatusOK || !strings.Contains(body, `<form method="post"`) {
		t.Errorf("GET unsubscribe = %d:\n%s", code, body)
	}
	resp, err := http.Post(base+u.RequestURI(), "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("one-click unsubscribe = %d", resp.StatusCode)
	}
	// Whatever was in flight settles; then nothing more arrives, even
	// with news and after a reload.
	time.Sleep(time.Second)
	delivered := len(mail.Messages())
	if err := d.Reload(digestConfig(t, site, mail)); err != nil {
		t.Fatal(err)
	}
	site.Publish(testsite.Story{
		Slug: "digest-after-unsubscribe", Lang: "en", Relevant: true,
		Title:   "Viet Nam and Japan sign a memorandum on training caregivers",
		Pillars: []string{"labour", "health"}, Primary: "labour",
		Body: []string{
			"Labour officials of Viet Nam and Japan signed a memorandum in Hanoi on Tuesday on training Vietnamese caregivers before they work in Japanese nursing homes.",
			"The two sides will share a curriculum for Japanese language and care skills, and recognise each other's certificates.",
		},
	})
	waitFor(t, "the new story to be stored", 20*time.Second, func() bool {
		_, ok, _ := d.Store().Lookup(site.URL("digest-after-unsubscribe"))
		return ok
	})
	time.Sleep(3 * time.Second) // at least one scheduled run
	if n := len(mail.Messages()); n != delivered {
		t.Errorf("%d messages after unsubscribing, want still %d", n, delivered)
	}
	if st, _, _ := d.Store().DigestState("desk@example.org"); st.Subscribed() {
		t.Error("the unsubscription was not stored")
	}

	// Every article went out once.
	seen := map[string]bool{}
	for _, m := range mail.Messages() {
		for _, line := range strings.Split(smtptest.Parse(t, m.Data).Text, "\n") {
			l := strings.TrimSpace(line)
			if strings.HasPrefix(l, site.BaseURL()) || strings.HasPrefix(l, site.SyndicationBaseURL()) {
				if seen[l] {
					t.Errorf("%s delivered twice", l)
				}
				seen[l] = true
			}
		}
	}
	if len(seen) == 0 {
		t.Error("no article links in the digests")
	}

	// Metrics count the refusal and the deliveries.
	_, body := get(t, base+"/metrics")
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]float64{}
	for _, m := range families["vnjp_digests_total"].GetMetric() {
		counts[m.GetLabel()[0].GetValue()] = m.GetCounter().GetValue()
	}
	if counts["sent"] < 1 || counts["failed"] < 1 {
		t.Errorf("vnjp_digests_total %v, want sent and failed", counts)
	}
	if n := families["vnjp_digest_articles_delivered_total"].GetMetric()[0].GetCounter().GetValue(); int(n) != len(seen) {
		t.Errorf("vnjp_digest_articles_delivered_total = %v, want %d", n, len(seen))
	}

	// The admin route answers loopback callers.
	resp, err = http.Post(base+"/admin/digest/send", "application/json", strings.NewReader(`{"recipient":"desk@example.org"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = io.Copy(&b, resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(b.String(), `"result":"unsubscribed"`) {
		t.Errorf("admin send = %d %s", resp.StatusCode, b.String())
	}
}
