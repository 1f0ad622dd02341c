package daemon_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/daemon"
	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// A rejected reload leaves the daemon healthy (200) but says so in
// /healthz and the metrics, until a reload works.
func TestFailedReloadShows(t *testing.T) {
	feed := testsite.StartFeed()
	defer feed.Close()
	cfg := feedConfig(t, feed)
	d := startDaemon(t, cfg)
	base := "http://" + d.Addr()
	waitFor(t, "the daemon to be healthy", 5*time.Second, func() bool { code, _ := get(t, base+"/healthz"); return code == 200 })

	broken := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(broken, []byte("crawl:\n  timeout: 876000h\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, lerr := config.Load(broken)
	if lerr == nil {
		t.Fatal("the broken file loaded")
	}
	d.ReloadFailed(lerr)
	code, body := get(t, base+"/healthz")
	var h struct {
		Status      string `json:"status"`
		ReloadError string `json:"reload_error"`
	}
	if err := json.Unmarshal([]byte(body), &h); err != nil {
		t.Fatal(err)
	}
	if code != http.StatusOK || h.Status != "ok" || !strings.Contains(h.ReloadError, "crawl.timeout") {
		t.Errorf("/healthz = %d %s; want 200 with the reload error", code, body)
	}
	if _, m := get(t, base+"/metrics"); !strings.Contains(m, "vnjp_config_last_reload_successful 0") ||
		!strings.Contains(m, `vnjp_config_reloads_total{result="error"} 1`) {
		t.Errorf("metrics do not show the failed reload:\n%s", grepLines(m, "vnjp_config"))
	}

	if err := d.Reload(cfg); err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, base+"/healthz"); strings.Contains(body, "reload_error") {
		t.Errorf("after a good reload /healthz still shows an error: %s", body)
	}
	if _, m := get(t, base+"/metrics"); !strings.Contains(m, "vnjp_config_last_reload_successful 1") {
		t.Errorf("metrics after a good reload:\n%s", grepLines(m, "vnjp_config"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// The failures of a source are served by the API with their reasons.
func TestSourceErrorsAPI(t *testing.T) {
	feed := testsite.StartFeed()
	defer feed.Close()
	feed.SetLinks(feed.URL()+"/story/1", feed.URL()+"/missing/page", "http://169.254.169.254/latest/")
	cfg := feedConfig(t, feed)
	d := startDaemon(t, cfg)
	base := "http://" + d.Addr()
	var list []crawler.FetchError
	waitFor(t, "two failures in the error log", 10*time.Second, func() bool {
		_, body := get(t, base+"/api/sources/Delta%20Courier/errors")
		return json.Unmarshal([]byte(body), &list) == nil && len(list) == 2
	})
	reasons := fmt.Sprint(list)
	for _, want := range []string{"/missing/page", "404", "169.254.169.254", "refused to connect"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("error log lacks %q: %s", want, reasons)
		}
	}
	if code, body := get(t, base+"/api/sources/nobody/errors"); code != 200 || strings.TrimSpace(body) != "[]" {
		t.Errorf("unknown source: %d %s", code, body)
	}
}

// A feed item, or a redirect, pointing at the daemon's own API is refused
// like any internal address and recorded as a permanent failure.
func TestFeedCannotReachTheDaemonAPI(t *testing.T) {
	feed := testsite.StartFeed()
	defer feed.Close()
	cfg := feedConfig(t, feed)
	cfg.HTTP.Listen = "127.0.0.2:0" // loopback, but not the source's host
	d, err := daemon.Open(cfg, daemon.Options{Grace: time.Second, Logger: quiet})
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	api := "http://" + d.Addr() + "/api/articles?all=1"
	links := []string{api, feed.URL() + "/redirect?to=" + url.QueryEscape(api)}
	feed.SetLinks(links...)
	cancel, done := runDaemon(d)
	defer func() { cancel(); <-done }()
	waitFor(t, "both links to be refused", 10*time.Second, func() bool {
		for _, u := range links {
			if f, ok, _ := d.Store().FailureOf(u); !ok || !f.Permanent || !strings.Contains(f.Reason, "refused to connect to 127.0.0.2") {
				return false
			}
		}
		return true
	})
	if list, _ := d.Store().List(store.Query{All: true}); len(list) != 0 {
		t.Errorf("stored %d articles from the API", len(list))
	}
}

// Credentials in a source URL appear nowhere in the API or the metrics.
func TestAPIShowsNoCredentials(t *testing.T) {
	feed := testsite.StartFeed()
	defer feed.Close()
	feed.SetAuth("reader", "hunter2")
	feed.Stories(1)
	u, _ := url.Parse(feed.URL())
	cfg := daemonConfig(t, "@every 1h", 5*time.Second,
		crawler.Source{Name: "members", Kind: crawler.KindRSS, URL: "http://reader:hunter2@" + u.Host + "/feed.xml?token=t0ken-value"},
		crawler.Source{Name: "wrong", Kind: crawler.KindRSS, URL: "http://reader:wr0ng-pw@" + u.Host + "/feed.xml?token=t0ken-value"})
	d := startDaemon(t, cfg)
	base := "http://" + d.Addr()
	waitFor(t, "both sources crawled", 10*time.Second, func() bool {
		_, body := get(t, base+"/api/sources")
		return strings.Contains(body, `"last_error"`) && strings.Count(body, `"last_attempt"`) == 2
	})
	var all strings.Builder
	for _, path := range []string{"/api/sources", "/api/sources/wrong/errors", "/api/sources/members/errors", "/api/articles?all=1", "/metrics", "/healthz"} {
		_, body := get(t, base+path)
		all.WriteString(body)
	}
	if !strings.Contains(all.String(), "401") {
		t.Fatalf("the wrong password's failure is not in the API:\n%s", all.String())
	}
	for _, secret := range []string{"hunter2", "wr0ng-pw", "t0ken-value"} {
		if strings.Contains(all.String(), secret) {
			t.Errorf("the API shows %q", secret)
		}
	}
}
