package daemon_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
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

// feedConfig is a daemon configuration with the feed as its one source,
// crawled once at start-up, robots.txt aside (the feed serves none).
func feedConfig(t *testing.T, feed *testsite.Feed) *config.Config {
	t.Helper()
	cfg := daemonConfig(t, "@every 1h", 10*time.Second,
		crawler.Source{Name: "Delta Courier", Kind: crawler.KindRSS, URL: feed.URL() + "/feed.xml"})
	cfg.Crawl.RespectRobots = false
	return cfg
}

// reached returns a channel closed when the feed sees its nth article
// request.
func reached(feed *testsite.Feed, n int) <-chan struct{} {
	ch := make(chan struct{})
	feed.SetHook(func(count int, r *http.Request) {
		if count == n {
			close(ch)
		}
	})
	return ch
}

// runDaemon starts d and returns its context's cancel and Run's result.
func runDaemon(d *daemon.Daemon) (context.CancelFunc, <-chan error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	return cancel, done
}

// SIGTERM (the cancelled context): no request starts after it, the one
// in flight finishes and is stored, Run returns nil, and nothing is held
// against the source; the pages left wait in the queue.
func TestStopLetsInFlightFinish(t *testing.T) {
	feed := testsite.StartFeed()
	defer feed.Close()
	feed.Stories(20)
	feed.SetArticleDelay(400 * time.Millisecond)
	second := reached(feed, 2)
	cfg := feedConfig(t, feed)
	d, err := daemon.Open(cfg, daemon.Options{Grace: 10 * time.Second, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	cancel, done := runDaemon(d)
	<-second
	stopped := time.Now()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if took := time.Since(stopped); took > 5*time.Second {
		t.Errorf("stop took %v", took)
	}
	if got := feed.ArticleRequests(); len(got) != 2 {
		t.Errorf("article requests %v; want none started after the stop", got)
	}
	st, err := store.Open(cfg.Database, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, n := range []int{1, 2} {
		if _, ok, _ := st.Lookup(fmt.Sprintf("%s/story/%d", feed.URL(), n)); !ok {
			t.Errorf("story %d, fetched before or during the stop, is not stored", n)
		}
	}
	state, _ := st.SourceState("Delta Courier")
	if state.ConsecutiveFailures != 0 || state.LastError != "" || !state.NextAttempt.IsZero() {
		t.Errorf("source state %+v; want nothing held against it", state)
	}
	if pending, _ := st.Pending("Delta Courier"); len(pending) != 18 {
		t.Errorf("%d pages queued, want 18", len(pending))
	}
}

// A request still running when the grace period ends is cancelled; that
// is not the page's fault either.
func TestStopCancelsAfterGrace(t *testing.T) {
	feed := testsite.StartFeed()
	defer feed.Close()
	feed.Stories(3)
	feed.SetArticleDelay(time.Minute)
	first := reached(feed, 1)
	cfg := feedConfig(t, feed)
	d, err := daemon.Open(cfg, daemon.Options{Grace: 300 * time.Millisecond, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	cancel, done := runDaemon(d)
	<-first
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after the grace period")
	}
	st, err := store.Open(cfg.Database, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if f, ok, _ := st.FailureOf(feed.URL() + "/story/1"); ok {
		t.Errorf("the cancelled page has a failure recorded: %+v", f)
	}
	if state, _ := st.SourceState("Delta Courier"); state.ConsecutiveFailures != 0 {
		t.Errorf("source state %+v; want no failure", state)
	}
}

// A rejected reload leaves the daemon healthy (200) but says so in
// /healthz and the metrics, until a reload works.
func TestFailedReloadShows(t *testing.T) {
	feed := testsite.StartFeed()
	defer feed.Close()
	cfg := feedConfig(t, feed)
	d, err := daemon.Open(cfg, daemon.Options{Grace: time.Second, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	cancel, done := runDaemon(d)
	defer func() { cancel(); <-done }()
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
	d, err := daemon.Open(cfg, daemon.Options{Grace: time.Second, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	cancel, done := runDaemon(d)
	defer func() { cancel(); <-done }()
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

// Damage found while running stops the daemon with ErrDamaged rather than
// letting it write on into the file.
func TestDamageStopsTheDaemon(t *testing.T) {
	feed := testsite.StartFeed()
	defer feed.Close()
	feed.Stories(30)
	cfg := feedConfig(t, feed)
	d, err := daemon.Open(cfg, daemon.Options{Grace: time.Second, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	cancel, done := runDaemon(d)
	defer cancel()
	base := "http://" + d.Addr()
	waitFor(t, "the first crawl to end", 20*time.Second, func() bool {
		state, _ := d.Store().SourceState("Delta Courier")
		return !state.LastSuccess.IsZero()
	})
	// Overwrite every page after the meta pages, as a failing disk might.
	f, err := os.OpenFile(cfg.Database, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	junk := make([]byte, st.Size()-8192)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	if _, err := f.WriteAt(junk, 8192); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, path := range []string{"/api/articles?all=1", "/api/sources", "/api/sources/Delta%20Courier/errors"} {
		if resp, err := http.Get(base + path); err == nil { // a read finds the damage
			resp.Body.Close()
		}
	}
	select {
	case err := <-done:
		if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), cfg.Database) {
			t.Fatalf("Run returned %v, want ErrDamaged naming the file", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the daemon ran on with a damaged database")
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
