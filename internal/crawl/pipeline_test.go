package crawl_test

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// bulkEnv is a crawler over the generated bulk site.
type bulkEnv struct {
	site    *testsite.Bulk
	path    string
	store   *store.Store
	fetch   *fetch.Client
	crawler *crawl.Crawler
}

var taxonomy = sync.OnceValues(func() (*classify.Classifier, error) { return classify.New(config.Default().Pillars) })

func newBulkEnv(t *testing.T, articles int) *bulkEnv {
	t.Helper()
	site, err := testsite.StartBulk(testsite.BulkOptions{Articles: articles, PerSitemap: 100})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(site.Close)
	e := &bulkEnv{site: site, path: filepath.Join(t.TempDir(), "bulk.db")}
	e.open(t)
	return e
}

// open (re)opens the database and wires a crawler to it.
func (e *bulkEnv) open(t *testing.T) {
	t.Helper()
	st, err := store.Open(e.path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	clf, err := taxonomy()
	if err != nil {
		t.Fatal(err)
	}
	fc, err := fetch.New(fetch.Options{UserAgent: "vnjp-monitor-test/1", Parallelism: 4, Timeout: 5 * time.Second, RespectRobots: true, AllowHosts: []string{"127.0.0.1"}}, crawl.Validators{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	e.store, e.fetch = st, fc
	e.crawler = &crawl.Crawler{Fetch: fc, Store: st, Classifier: clf, MaxPerRun: 10000, Logger: slog.New(slog.DiscardHandler)}
}

// close checks and closes the database and drops idle connections.
func (e *bulkEnv) close(t *testing.T) {
	t.Helper()
	if err := e.store.Check(); err != nil {
		t.Errorf("database check: %v", err)
	}
	e.fetch.CloseIdleConnections()
	if err := e.store.Close(); err != nil {
		t.Fatal(err)
	}
}

// accounted checks that every story is either stored or still queued,
// never both, and returns how many are stored.
func (e *bulkEnv) accounted(t *testing.T) (stored int) {
	t.Helper()
	queued := map[string]bool{}
	items, err := e.store.Pending(e.site.Source().Name)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		queued[it.URL] = true
	}
	for _, u := range e.site.URLs() {
		_, ok, err := e.store.Lookup(u)
		if err != nil {
			t.Fatal(err)
		}
		if ok == queued[u] {
			t.Errorf("%s: stored=%v and queued=%v; want exactly one", u, ok, queued[u])
		}
		if f, failed, _ := e.store.FailureOf(u); failed {
			t.Errorf("%s: failure recorded: %+v", u, f)
		}
		if ok {
			stored++
		}
	}
	return stored
}

func TestPipelineStoresEveryStory(t *testing.T) {
	before := goleak.IgnoreCurrent()
	e := newBulkEnv(t, 150)
	e.crawler.BatchSize = 16
	var mu sync.Mutex
	outcomes := map[string]crawl.Outcome{}
	e.crawler.Outcomes = func(o crawl.Outcome) {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := outcomes[o.URL]; dup {
			t.Errorf("two outcomes for %s", o.URL)
		}
		outcomes[o.URL] = o
	}
	rep := e.crawler.Source(context.Background(), e.site.Source())
	if rep.Err != nil || rep.Errors > 0 || rep.Stored != 150 || rep.Fetched != 150 {
		t.Fatalf("report %+v, want 150 fetched and stored without errors", rep)
	}
	relevant := 0
	for i, st := range e.site.Stories() {
		o := outcomes[e.site.URLs()[i]]
		if o.Status != crawl.StatusStored || o.ID == "" {
			t.Errorf("%s: outcome %+v", st.Slug, o)
		}
		if o.Relevant {
			relevant++
		}
	}
	if relevant != rep.Relevant || relevant == 0 || relevant == 150 {
		t.Errorf("%d outcomes relevant, report says %d; want some but not all", relevant, rep.Relevant)
	}
	if got := e.accounted(t); got != 150 {
		t.Errorf("%d stories stored, want 150", got)
	}
	e.close(t)
	e.site.Close()
	goleak.VerifyNone(t, before)
}

func TestPipelineCancelKeepsPagesQueued(t *testing.T) {
	e := newBulkEnv(t, 200)
	// Batches large and slow enough that the cancellation falls inside one.
	e.crawler.BatchSize, e.crawler.BatchWait = 1000, time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for e.site.Requests() < 60 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	rep := e.crawler.Source(ctx, e.site.Source())
	if !rep.Interrupted || rep.Err != nil {
		t.Fatalf("cancelled pass: %+v; want it reported interrupted, not failed", rep)
	}
	e.close(t)
	e.open(t)
	defer e.close(t)
	stored := e.accounted(t)
	if stored == 0 || stored == 200 {
		t.Fatalf("%d of 200 stored after cancelling mid-pass; want the pages processed before, and only those", stored)
	}
	// The next pass picks up the rest.
	if rep := e.crawler.Source(context.Background(), e.site.Source()); rep.Err != nil || rep.Stored != 200-stored {
		t.Fatalf("next pass %+v, want the %d left", rep, 200-stored)
	}
}

// TestPipelineMergesCopiesInOneBatch serves one story at two addresses,
// the second with a dateline and a credit line, both listed together, so
// they meet in one batch.
func TestPipelineMergesCopiesInOneBatch(t *testing.T) {
	story := testsite.GenerateStory(7, 1, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	page := func(title string, body []string) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head><body><nav><a href="/">Home</a></nav><article><h1>%s</h1>`,
			story.Lang, html.EscapeString(title), html.EscapeString(title))
		for _, p := range body {
			fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(p))
		}
		b.WriteString("</article><footer>Contact</footer></body></html>")
		return b.String()
	}
	copyBody := append([]string{"HA NOI (Wire) —"}, story.Body...)
	copyBody = append(copyBody, "Reporting by the wire desk.")
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%[1]s/a</loc></url><url><loc>%[1]s/b</loc></url></urlset>`, srv.URL)
	})
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page(story.Title, story.Body)) })
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page("Wire: "+story.Title, copyBody)) })

	e := newBulkEnv(t, 10)
	defer e.close(t)
	e.crawler.BatchWait = time.Hour // one batch, flushed at the end
	rep := e.crawler.Source(context.Background(), crawler.Source{Name: "copies", Kind: crawler.KindSitemap, URL: srv.URL + "/sitemap.xml"})
	if rep.Err != nil || rep.Stored != 1 || rep.Merged != 1 {
		t.Fatalf("report %+v, want one story stored and its copy merged", rep)
	}
	a, _, _ := e.store.Lookup(srv.URL + "/a")
	b, _, _ := e.store.Lookup(srv.URL + "/b")
	if a == "" || a != b {
		t.Errorf("copies stored as %q and %q, want one record", a, b)
	}
}

func TestPassExpiresStaleQueueEntries(t *testing.T) {
	e := newBulkEnv(t, 10)
	defer e.close(t)
	now := time.Now()
	e.crawler.Now = func() time.Time { return now }
	e.crawler.PendingMaxAge = 30 * 24 * time.Hour
	stale := e.site.BaseURL() + "/article/long-gone"
	fresh := e.site.BaseURL() + "/article/missing"
	if _, err := e.store.AddPending(e.site.Source().Name, []store.PendingItem{
		{URL: stale, Added: now.Add(-31 * 24 * time.Hour)},
		{URL: fresh, Added: now.Add(-29 * 24 * time.Hour)},
	}); err != nil {
		t.Fatal(err)
	}
	rep := e.crawler.Source(context.Background(), e.site.Source())
	if rep.Stored != 10 {
		t.Fatalf("report %+v, want the 10 stories", rep)
	}
	if _, failed, _ := e.store.FailureOf(stale); failed {
		t.Error("the stale entry was fetched instead of expired")
	}
	if f, failed, _ := e.store.FailureOf(fresh); !failed || !f.Permanent {
		t.Errorf("the younger entry was not fetched (failure %+v %v); it is a 404", f, failed)
	}
	if left, _ := e.store.Pending(e.site.Source().Name); len(left) != 0 {
		t.Errorf("queue left %+v", left)
	}
}
