package crawl_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// wantNothingHeld fails unless the source's state shows no failure and no
// backoff, and no page of the site has a failure recorded.
func (e *feedEnv) wantNothingHeld(t *testing.T, n int) {
	t.Helper()
	st, err := e.store.SourceState("Delta Courier")
	if err != nil {
		t.Fatal(err)
	}
	if st.ConsecutiveFailures != 0 || st.LastError != "" || !health.Due(st, time.Now()) {
		t.Errorf("source state after an interruption: %+v; want no failure and no backoff", st)
	}
	for i := 1; i <= n; i++ {
		u := e.site.URL() + "/story/" + strconv.Itoa(i)
		if f, ok, _ := e.store.FailureOf(u); ok {
			t.Errorf("%s: failure recorded after an interruption: %+v", u, f)
		}
	}
	if logged, _ := e.store.SourceErrors("Delta Courier", 0); len(logged) != 0 {
		t.Errorf("error log after an interruption: %v", logged)
	}
}

// Ctrl-C in the middle of a pass: nothing is held against the source or
// the pages, the pages not fetched stay queued, and the next pass fetches
// them.
func TestCancelledPassRecordsNothing(t *testing.T) {
	site := startFeed(t)
	site.Stories(12)
	e := newFeedEnv(t, site, site.URL()+"/feed.xml", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	site.SetHook(func(count int, r *http.Request) {
		if count == 5 {
			cancel()
			<-r.Context().Done() // the client gives up on this one
		}
	})
	rep := e.crawler.Source(ctx, e.cfg.Sources[0])
	if !rep.Interrupted || rep.Err != nil || rep.Errors != 0 {
		t.Fatalf("report %+v; want interrupted, no error", rep)
	}
	// Pages fetched before the interruption but not yet committed stay
	// queued like the others.
	stored := rep.Stored
	if stored > 4 {
		t.Errorf("stored %d, more than the 4 fetched before the interruption", stored)
	}
	e.wantNothingHeld(t, 12)
	pending, err := e.store.Pending("Delta Courier")
	if err != nil || len(pending) != 12-stored {
		t.Fatalf("%d pages queued (%v), want the %d not stored", len(pending), err, 12-stored)
	}

	site.SetHook(nil)
	rep = e.crawler.Source(context.Background(), e.cfg.Sources[0])
	if rep.Interrupted || rep.Err != nil || rep.Stored != 12-stored {
		t.Fatalf("next pass: %+v; want the %d left stored", rep, 12-stored)
	}
	if st, _ := e.store.SourceState("Delta Courier"); st.Articles != 12 || st.LastSuccess.IsZero() {
		t.Errorf("state after both passes: %+v", st)
	}
}

// A graceful stop: no request starts after the stop, the one in flight
// finishes and is stored, the rest stay queued, nothing is held against
// anyone.
func TestStopStartingLetsInFlightFinish(t *testing.T) {
	site := startFeed(t)
	site.Stories(10)
	e := newFeedEnv(t, site, site.URL()+"/feed.xml", "")
	stop := make(chan struct{})
	site.SetHook(func(count int, r *http.Request) {
		if count == 3 {
			close(stop)
			time.Sleep(300 * time.Millisecond) // still answered in full
		}
	})
	ctx := fetch.StopStarting(context.Background(), stop)
	rep := e.crawler.Source(ctx, e.cfg.Sources[0])
	if got := site.ArticleRequests(); len(got) != 3 {
		t.Errorf("article requests %v; want none after the stop", got)
	}
	if !rep.Interrupted || rep.Err != nil || rep.Stored != 3 || rep.Errors != 0 {
		t.Fatalf("report %+v; want interrupted with the 3 started pages stored", rep)
	}
	e.wantNothingHeld(t, 10)
	if pending, _ := e.store.Pending("Delta Courier"); len(pending) != 7 {
		t.Errorf("%d pages queued, want 7", len(pending))
	}
}
