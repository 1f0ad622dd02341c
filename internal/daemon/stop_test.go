package daemon_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
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

// startDaemon opens and runs a daemon on cfg, stopped when the test ends.
func startDaemon(t *testing.T, cfg *config.Config) *daemon.Daemon {
	t.Helper()
	d, err := daemon.Open(cfg, daemon.Options{Grace: time.Second, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	cancel, done := runDaemon(d)
	t.Cleanup(func() { cancel(); <-done })
	return d
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
