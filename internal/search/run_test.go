package search_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/search"
	"github.com/vnjp-monitor/crawler/internal/search/searchtest"
)

// counter is an Observer that remembers its counts.
type counter struct {
	mu sync.Mutex
	n  map[string]int // "provider event" -> count
}

func (c *counter) ObserveSearch(provider, event string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[provider+" "+event] += n
}

func (c *counter) get(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[key]
}

// collector is a Sink that keeps what it is given.
type collector struct {
	mu      sync.Mutex
	results []search.Result
}

func (c *collector) sink(rs []search.Result) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.results = append(c.results, rs...)
	return nil
}

func (c *collector) urls() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, r := range c.results {
		out = append(out, r.URL)
	}
	slices.Sort(out)
	return out
}

// fastOptions keep the providers' pacing but in milliseconds.
var fastOptions = search.Options{
	GDELTInterval: 20 * time.Millisecond, ResolveInterval: time.Millisecond,
	Backoff: 10 * time.Millisecond, MaxWait: time.Second, Retries: 3, BatchSize: 2,
}

func newSearcher(t *testing.T, st search.State, obs search.Observer) *search.Searcher {
	t.Helper()
	fc, err := fetch.New(fetch.Options{UserAgent: "vnjp-search-test/1", Timeout: 5 * time.Second, RespectRobots: true,
		AllowHosts: []string{"127.0.0.1"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &search.Searcher{HTTP: fc, State: st, Options: fastOptions, Observer: obs}
}

func story(n int, outlet string, opaque bool) searchtest.Story {
	return searchtest.Story{
		URL:       fmt.Sprintf("https://%s.example/news/2026/story-%d.html", outlet, n),
		Title:     fmt.Sprintf("Story %d about a Hai Phong and Nagoya port partnership", n),
		Outlet:    strings.ToUpper(outlet[:1]) + outlet[1:] + " Daily",
		OutletURL: "https://" + outlet + ".example",
		Published: time.Date(2026, 3, 5, 8, n, 0, 0, time.UTC),
		Opaque:    opaque,
	}
}

func googleSource(endpoint string, queries ...crawler.SearchQuery) crawler.Source {
	return crawler.Source{Name: "News search", Kind: crawler.KindSearch, Provider: crawler.ProviderGoogleNews,
		Endpoint: endpoint, Queries: queries}
}

func TestGoogleNewsBothIDFormats(t *testing.T) {
	gn := searchtest.NewGoogleNews()
	defer gn.Close()
	gn.Add("Vietnam Japan", story(1, "harbour", false), story(2, "delta", true), story(3, "kyushu", true))
	gn.Add("日越", story(4, "chubu", false), story(5, "osaka", true))
	gn.RateLimit(1) // the first resolution call is refused
	obs := &counter{}
	st := &search.MemoryState{}
	s := newSearcher(t, st, obs)
	src := googleSource(gn.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "en"}, crawler.SearchQuery{Q: "日越", Lang: "ja"})
	var got collector
	out, err := s.Run(context.Background(), src, nil, got.sink)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, o := range []string{"harbour", "delta", "kyushu", "chubu", "osaka"} {
		want = append(want, story(i+1, o, false).URL)
	}
	slices.Sort(want)
	if !slices.Equal(got.urls(), want) {
		t.Errorf("found %v\nwant %v", got.urls(), want)
	}
	if out.Results != 5 || out.Decoded != 2 || out.Resolved != 3 || out.Unresolved != 0 {
		t.Errorf("outcome %+v, want 5 results, 2 decoded, 3 resolved, none left", out)
	}
	for key, want := range map[string]int{"google-news results": 5, "google-news decoded": 2, "google-news resolved": 3, "google-news rate_limited": 1} {
		if got := obs.get(key); got != want {
			t.Errorf("metric %s = %d, want %d", key, got, want)
		}
	}
	for _, r := range got.results {
		if strings.Contains(r.Title, " - ") || r.Outlet == "" || r.Published.IsZero() {
			t.Errorf("result %+v: want a title without the outlet suffix, an outlet and a date", r)
		}
	}
	if q := out.Queries; len(q) != 2 || q[0].LastResults != 3 || q[1].LastResults != 2 || q[0].LastError != "" {
		t.Errorf("query states %+v", q)
	}
	// Listed again, resolved links cost no request to the provider.
	before := len(gn.Requests())
	got = collector{}
	if _, err := s.Run(context.Background(), src, &crawler.SearchState{Queries: out.Queries}, got.sink); err != nil {
		t.Fatal(err)
	}
	if n := len(gn.Requests()) - before; n != 2 {
		t.Errorf("second pass made %d requests, want the 2 searches: %v", n, gn.Requests()[before:])
	}
	if len(got.urls()) != 5 {
		t.Errorf("second pass found %d stories, want 5 (from the cache and decoding)", len(got.urls()))
	}
}

// TestGoogleNewsRateLimitKeepsLinks: when the resolution call stays
// refused, the pass ends with the links queued, and the next pass resolves
// them.
func TestGoogleNewsRateLimitKeepsLinks(t *testing.T) {
	for _, mode := range []string{"429", "sorry"} {
		t.Run(mode, func(t *testing.T) {
			gn := searchtest.NewGoogleNews()
			defer gn.Close()
			gn.LinkBase = gn.URL() // links on the endpoint's own host
			gn.Add("Vietnam Japan", story(1, "delta", true), story(2, "kyushu", true), story(3, "harbour", false))
			if mode == "429" {
				gn.RateLimit(100)
			} else {
				gn.Sorry(100)
			}
			st := &search.MemoryState{}
			obs := &counter{}
			s := newSearcher(t, st, obs)
			src := googleSource(gn.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "vi"})
			var got collector
			out, err := s.Run(context.Background(), src, nil, got.sink)
			if err != nil {
				t.Fatalf("a pass whose query worked failed: %v", err)
			}
			if !errors.Is(out.LastError, search.ErrRateLimited) {
				t.Errorf("LastError=%v, want ErrRateLimited", out.LastError)
			}
			if len(got.urls()) != 1 || out.Unresolved != 2 {
				t.Errorf("found %v, %d unresolved; want the decodable story and 2 links queued", got.urls(), out.Unresolved)
			}
			if n := obs.get("google-news rate_limited"); n != fastOptions.Retries+1 {
				t.Errorf("%d rate-limited answers counted, want %d (bounded retries)", n, fastOptions.Retries+1)
			}
			queued, _ := st.Unresolved(src.Name)
			if len(queued) != 2 || queued[0].Title == "" || queued[0].Outlet == "" {
				t.Fatalf("queue %+v, want 2 links with their metadata", queued)
			}
			gn.RateLimit(0)
			gn.Sorry(0)
			got = collector{}
			out, err = s.Run(context.Background(), src, nil, got.sink)
			if err != nil || out.LastError != nil || out.Resolved != 2 || out.Unresolved != 0 {
				t.Fatalf("next pass: %+v, %v; want both links resolved", out, err)
			}
			for _, r := range got.results {
				if strings.Contains(r.URL, "127.0.0.1") || strings.Contains(r.URL, "news.google.com") {
					t.Errorf("provider link handed on: %s", r.URL)
				}
			}
		})
	}
}

// TestGoogleNewsArticleRedirect: an article page that redirects to the
// publisher resolves the link without the batch call.
func TestGoogleNewsArticleRedirect(t *testing.T) {
	gn := searchtest.NewGoogleNews()
	defer gn.Close()
	gn.Redirect = true
	gn.Add("Vietnam Japan", story(1, "delta", true))
	s := newSearcher(t, &search.MemoryState{}, nil)
	var got collector
	out, err := s.Run(context.Background(), googleSource(gn.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "en"}), nil, got.sink)
	if err != nil || out.Resolved != 1 || len(got.urls()) != 1 || got.urls()[0] != story(1, "delta", true).URL {
		t.Fatalf("outcome %+v, %v, found %v; want the redirect target", out, err, got.urls())
	}
	for _, r := range gn.Requests() {
		if r.Method == "POST" {
			t.Errorf("batch call made: %+v", r)
		}
	}
}

func TestGoogleNewsUnknownLinkDropped(t *testing.T) {
	gn := searchtest.NewGoogleNews()
	defer gn.Close()
	st := &search.MemoryState{}
	src := googleSource(gn.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "en"})
	// A link the provider no longer knows: its page is a 404.
	st.AddUnresolved(src.Name, []crawler.SearchLink{{ID: searchtest.NewID("gone"), Lang: "en", Added: time.Now()}})
	s := newSearcher(t, st, nil)
	for pass := 1; pass <= 6; pass++ {
		if _, err := s.Run(context.Background(), src, nil, (&collector{}).sink); err != nil {
			t.Fatal(err)
		}
	}
	if q, _ := st.Unresolved(src.Name); len(q) != 0 {
		t.Errorf("queue %+v, want the dead link dropped after its attempts", q)
	}
}

// TestMemoryStateEmpty: a state that never queued a link answers as empty.
func TestMemoryStateEmpty(t *testing.T) {
	var st search.MemoryState
	if err := st.RemoveUnresolved("News search", "CBMiA"); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateUnresolved("News search", []crawler.SearchLink{{ID: "CBMiA"}}); err != nil {
		t.Fatal(err)
	}
	if q, err := st.Unresolved("News search"); err != nil || len(q) != 0 {
		t.Errorf("Unresolved=%v, %v; want none", q, err)
	}
}
