package crawl_test

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/canon"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/search"
	"github.com/vnjp-monitor/crawler/internal/search/searchtest"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// Stories of the loopback site used by the search tests.
const (
	slugFeedAndSearch = "japanese-chipmaker-design-centre-hcm-city"          // in the world feed, found by both providers too
	slugSearchOnly    = "kagawa-ken-danang-shi-yuko-koryu-kyotei"            // in no configured source: reachable only by search
	slugGDELTOnly     = "ninh-binh-va-tinh-yamanashi-ky-thoa-thuan-huu-nghi" // found by GDELT alone
	slugDisallowed    = "vietnamese-community-osaka-autumn-festival"         // under /private/, which robots.txt forbids
	slugInternal      = "truong-dai-hoc-viet-nhat-trao-120-suat-hoc-bong"    // listed by GDELT under a host no source names
)

// events is an Observer counting fetch and search events.
type events struct {
	mu sync.Mutex
	n  map[string]int
}

func (e *events) ObserveFetch(source, status string) { e.add(source+" "+status, 1) }

func (e *events) ObserveSearch(provider, event string, n int) { e.add(provider+" "+event, n) }

func (e *events) add(k string, n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.n == nil {
		e.n = map[string]int{}
	}
	e.n[k] += n
}

func (e *events) get(k string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.n[k]
}

// searchEnv is the loopback site with one of its feeds configured, and two
// fake providers whose results point at its stories.
type searchEnv struct {
	*env
	google *searchtest.GoogleNews
	gdelt  *searchtest.GDELT
	events *events
}

func newSearchEnv(t *testing.T) *searchEnv {
	t.Helper()
	e := newEnv(t)
	gn, gd := searchtest.NewGoogleNews(), searchtest.NewGDELT()
	t.Cleanup(gn.Close)
	t.Cleanup(gd.Close)
	gd.MinGap = 10 * time.Millisecond
	se := &searchEnv{env: e, google: gn, gdelt: gd, events: &events{}}
	e.crawler.Observer = se.events
	e.crawler.Search = search.Options{GDELTInterval: 20 * time.Millisecond, ResolveInterval: time.Millisecond,
		Backoff: 20 * time.Millisecond, BatchSize: 2}

	story := func(slug, outlet string, opaque bool, tracking string) searchtest.Story {
		var title string
		for _, s := range e.site.Stories() {
			if s.Slug == slug {
				title = s.Title
			}
		}
		return searchtest.Story{URL: e.site.URL(slug) + tracking, Title: title, Outlet: outlet,
			OutletURL: e.site.URL(slug)[:strings.Index(e.site.URL(slug)[8:], "/")+8],
			Published: time.Now().Add(-time.Hour), Opaque: opaque, Language: "Vietnamese"}
	}
	gn.Add("Vietnam Japan",
		story(slugFeedAndSearch, "Meridian Post", true, "?utm_source=gnews&utm_medium=rss"),
		story(slugSearchOnly, "Meridian Post", false, ""),
		story(slugDisallowed, "Meridian Post", false, ""))
	gn.RateLimit(1)
	gd.Add("Vietnam Japan", "vietnamese",
		story(slugGDELTOnly, "meridian.example", false, ""),
		story(slugFeedAndSearch, "meridian.example", false, "#top"),
		story(slugSearchOnly, "meridian.example", false, "?utm_campaign=x"))
	// A result on a loopback address under a name no source configures:
	// the crawler must not be steered to internal addresses by a search.
	internal := story(slugInternal, "meridian.example", false, "")
	internal.URL = strings.Replace(internal.URL, "127.0.0.1", "localhost", 1)
	gd.Add("Vietnam Japan", "vietnamese", internal)
	gd.RateLimit(1)

	var feed crawler.Source
	for _, s := range e.sources {
		if s.Name == "Meridian Post World" {
			feed = s
		}
	}
	e.sources = []crawler.Source{
		feed,
		{Name: "News search", Kind: crawler.KindSearch, Provider: crawler.ProviderGoogleNews, Endpoint: gn.URL(),
			Queries: []crawler.SearchQuery{{Q: "Vietnam Japan", Lang: "en"}}},
		{Name: "GDELT", Kind: crawler.KindSearch, Provider: crawler.ProviderGDELT, Endpoint: gd.URL(),
			Queries: []crawler.SearchQuery{{Q: "Vietnam Japan", Lang: "vi"}}, Lookback: 24 * time.Hour},
	}
	return se
}

// TestSearchEndToEnd: stories found through search are fetched from the
// publisher and stored once each, whether a feed or the other provider
// found them too; no provider link is stored or fetched as an article, and
// robots.txt keeps the disallowed result unfetched.
func TestSearchEndToEnd(t *testing.T) {
	e := newSearchEnv(t)
	reports := e.pass(t)
	for i, r := range reports[1:] {
		if r.Listed != 3+i {
			t.Errorf("%s: %+v, want %d results listed", r.Source, r, 3+i)
		}
	}
	// The internal result is GDELT's one error. The disallowed result is
	// an error of whichever source reached it: the feed lists it too, and
	// sources crawl at the same time, so one or both report it.
	if r := reports[2]; r.Errors != 1 {
		t.Errorf("%s: %+v, want one error", r.Source, r)
	}
	disallowed := 0
	for _, r := range reports {
		for _, f := range r.Failures {
			if strings.Contains(f.URL, slugDisallowed) {
				disallowed++
			}
		}
	}
	if disallowed == 0 {
		t.Error("the robots-disallowed story is no failure of the pass, want it reported")
	}
	arts, err := e.store.List(store.Query{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, slug := range []string{slugFeedAndSearch, slugSearchOnly, slugGDELTOnly} {
		u := e.site.URL(slug)
		n := 0
		for _, a := range arts {
			if slices.Contains(a.URLs, u) {
				n++
				if a.URL != u {
					t.Errorf("%s stored as %s, want the canonical publisher URL", slug, a.URL)
				}
				for _, v := range a.URLs {
					if c, err := canon.URL(v); err != nil || c != v {
						t.Errorf("%s: stored URL %s is not canonical", slug, v)
					}
				}
				if a.SiteName == "" || a.Text == "" {
					t.Errorf("%s: site name %q, %d bytes of text", slug, a.SiteName, len(a.Text))
				}
			}
		}
		if n != 1 {
			t.Errorf("%s stored %d times, want once", slug, n)
		}
	}
	assertNoProviderURL(t, e, arts)
	for _, r := range e.site.Requests() {
		if strings.Contains(r.Path, slugDisallowed) {
			t.Errorf("robots-disallowed story requested: %s", r.Path)
		}
		if strings.HasPrefix(r.Host, "localhost") {
			t.Errorf("search result on an internal host fetched: %s%s", r.Host, r.Path)
		}
	}
	if _, ok, _ := e.store.Lookup(e.site.URL(slugInternal)); ok {
		t.Error("story reached through an internal host stored")
	}
	if _, ok, _ := e.store.Lookup(e.site.URL(slugDisallowed)); ok {
		t.Error("robots-disallowed story stored")
	}
	only := mustArticle(t, e.store, e.site.URL(slugSearchOnly))
	if only.Source != "News search" && only.Source != "GDELT" {
		t.Errorf("search-only story has source %q, want a search source", only.Source)
	}
	for k, want := range map[string]int{"google-news rate_limited": 1, "gdelt rate_limited": 1, "google-news resolved": 1, "google-news decoded": 2, "gdelt results": 4} {
		if got := e.events.get(k); got != want {
			t.Errorf("%s = %d, want %d", k, got, want)
		}
	}
	st, err := e.store.SourceState("News search")
	if err != nil || st.Search == nil || len(st.Search.Queries) != 1 || st.Search.Queries[0].LastResults != 3 || st.Search.Resolved != 1 {
		t.Fatalf("source state %+v (%v), want the query's count and one resolution", st.Search, err)
	}

	// A second pass finds the same results and fetches nothing again.
	before := len(e.site.Requests())
	reqsBefore := len(e.google.Requests())
	for _, r := range e.pass(t)[1:] {
		if r.Fetched != 0 || r.Stored != 0 {
			t.Errorf("second pass %s: %+v, want nothing fetched", r.Source, r)
		}
	}
	for _, r := range e.site.Requests()[before:] {
		if strings.Contains(r.Path, "/article/") {
			t.Errorf("second pass fetched %s again", r.Path)
		}
	}
	if n := len(e.google.Requests()) - reqsBefore; n != 1 {
		t.Errorf("second pass made %d Google requests, want the search alone", n)
	}
}

func assertNoProviderURL(t *testing.T, e *searchEnv, arts []*crawler.Article) {
	t.Helper()
	hosts := []string{hostOf(e.google.URL()), hostOf(e.gdelt.URL()), "news.google.com"}
	for _, a := range arts {
		for _, u := range a.URLs {
			if slices.Contains(hosts, hostOf(u)) {
				t.Errorf("provider URL stored: %s", u)
			}
		}
	}
	for _, r := range e.google.Requests() {
		if r.Path != "/rss/search" && r.Path != "/_/DotsSplashUi/data/batchexecute" && !strings.HasPrefix(r.Path, "/rss/articles/CBMi") {
			t.Errorf("unexpected request to the provider: %s %s", r.Method, r.Path)
		}
	}
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

func mustArticle(t *testing.T, st *store.Store, u string) *crawler.Article {
	t.Helper()
	id, ok, err := st.Lookup(u)
	if err != nil || !ok {
		t.Fatalf("%s not stored (%v)", u, err)
	}
	a, err := st.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestSearchLinksSurviveRateLimit: when the resolution stays refused for a
// whole pass, the pass still stores what it could, keeps the links in the
// database, and the next pass (of a new crawler, as after a restart)
// resolves and stores them.
func TestSearchLinksSurviveRateLimit(t *testing.T) {
	e := newSearchEnv(t)
	e.google.RateLimit(1000)
	e.sources = e.sources[1:2]
	rep := e.crawler.Source(context.Background(), e.sources[0])
	if rep.Err != nil {
		t.Fatalf("a pass whose search worked failed: %v", rep.Err)
	}
	if _, ok, _ := e.store.Lookup(e.site.URL(slugSearchOnly)); !ok {
		t.Error("the story with a decodable link was not stored")
	}
	st, _ := e.store.SourceState("News search")
	if st.Search == nil || st.Search.Unresolved != 1 || !strings.Contains(st.Search.LastError, "rate limited") {
		t.Fatalf("search state %+v, want one link left and the provider's error", st.Search)
	}
	e.google.RateLimit(0)
	c := &crawl.Crawler{Fetch: e.crawler.Fetch, Store: e.store, Classifier: e.crawler.Classifier, Search: e.crawler.Search}
	if rep := c.Source(context.Background(), e.sources[0]); rep.Err != nil || rep.Stored != 1 {
		t.Fatalf("next pass: %+v, want the resolved story stored", rep)
	}
	mustArticle(t, e.store, e.site.URL(slugFeedAndSearch))
	if st, _ := e.store.SourceState("News search"); st.Search.Unresolved != 0 || st.Search.Resolved != 1 || st.Search.LastError == "" {
		t.Errorf("search state %+v, want nothing left, one resolved and the earlier error kept", st.Search)
	}
}
