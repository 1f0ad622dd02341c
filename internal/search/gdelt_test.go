package search_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/search"
	"github.com/vnjp-monitor/crawler/internal/search/searchtest"
)

func gdeltSource(endpoint string, queries ...crawler.SearchQuery) crawler.Source {
	return crawler.Source{Name: "GDELT", Kind: crawler.KindSearch, Provider: crawler.ProviderGDELT,
		Endpoint: endpoint, Queries: queries, Lookback: 24 * time.Hour}
}

func gdeltStories(n int, domain string, every time.Duration) []searchtest.Story {
	now := time.Now().UTC()
	var out []searchtest.Story
	for i := range n {
		out = append(out, searchtest.Story{
			URL:       fmt.Sprintf("https://%s/tin-tuc/hop-tac-%d.html", domain, i),
			Title:     fmt.Sprintf("Hợp tác địa phương số %d", i),
			Outlet:    domain,
			Language:  "Vietnamese",
			Published: now.Add(-time.Duration(i+1) * every),
		})
	}
	return out
}

// TestGDELTRateLimitedFirst: GDELT refuses the first request of a run; the
// pass waits and still reads every query, pacing itself so that the
// server's own five-second rule (here scaled down) is never broken again.
func TestGDELTRateLimitedFirst(t *testing.T) {
	g := searchtest.NewGDELT()
	defer g.Close()
	g.MinGap = 15 * time.Millisecond // under the searcher's 20ms interval
	g.Add("Vietnam Japan", "vietnamese", gdeltStories(3, "baohaiphong.example", time.Hour)...)
	g.Add("Vietnam Japan", "english", gdeltStories(2, "danang-today.example", time.Hour)...)
	g.Add("日越", "japanese", gdeltStories(1, "chubu-shimbun.example", time.Hour)...)
	g.RateLimit(1)
	obs := &counter{}
	s := newSearcher(t, &search.MemoryState{}, obs)
	src := gdeltSource(g.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "vi"},
		crawler.SearchQuery{Q: "Vietnam Japan", Lang: "en"}, crawler.SearchQuery{Q: "日越", Lang: "ja"})
	var got collector
	out, err := s.Run(context.Background(), src, nil, got.sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.urls()) != 6 || out.LastError != nil {
		t.Fatalf("found %d stories (%v), last error %v; want all 6", len(got.urls()), got.urls(), out.LastError)
	}
	if n := obs.get("gdelt rate_limited"); n != 1 {
		t.Errorf("%d rate-limited answers, want only the first", n)
	}
	if n := len(g.Requests()); n != 4 {
		t.Errorf("%d requests, want 4 (one retry)", n)
	}
	for _, r := range g.Requests() {
		q, _ := url.ParseQuery(r.Query)
		if q.Get("timespan") != "24h" || !strings.Contains(q.Get("query"), "sourcelang:") {
			t.Errorf("request %s: want the 24h lookback and a language filter", r.Query)
		}
	}
	vi := got.results[0]
	if vi.Lang != "vi" || vi.Outlet != "baohaiphong.example" || vi.Published.IsZero() {
		t.Errorf("result %+v: want lang vi, the domain as outlet and the seen date", vi)
	}
	// The next pass reads from the end of this one's window (plus the
	// overlap), not the whole lookback again.
	before := len(g.Requests())
	if _, err := s.Run(context.Background(), src, &crawler.SearchState{Queries: out.Queries}, (&collector{}).sink); err != nil {
		t.Fatal(err)
	}
	for _, r := range g.Requests()[before:] {
		// An hour of overlap, and the second or so the test took.
		if q, _ := url.ParseQuery(r.Query); q.Get("timespan") != "1h" && q.Get("timespan") != "61min" {
			t.Errorf("second pass asked timespan %q, want an hour and a minute at most", q.Get("timespan"))
		}
	}
}

func TestGDELTBadAnswers(t *testing.T) {
	t.Run("Malformed", func(t *testing.T) {
		g := searchtest.NewGDELT()
		defer g.Close()
		g.Add("Vietnam Japan", "vietnamese", gdeltStories(8, "baohaiphong.example", time.Hour)...)
		g.Malformed(2) // the answer and the one retry
		s := newSearcher(t, &search.MemoryState{}, nil)
		src := gdeltSource(g.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "vi"})
		var got collector
		out, err := s.Run(context.Background(), src, nil, got.sink)
		if err == nil || !strings.Contains(err.Error(), "malformed gdelt answer") {
			t.Fatalf("err=%v, want the malformed answer reported", err)
		}
		if n := len(got.urls()); n == 0 || n >= 8 {
			t.Errorf("%d stories salvaged, want some but not all of a cut answer", n)
		}
		if qs := out.Queries[0]; !qs.Covered.IsZero() || qs.LastError == "" {
			t.Errorf("query state %+v: the window must be read again", qs)
		}
		// The next answer is whole: every story comes through.
		got = collector{}
		if _, err := s.Run(context.Background(), src, &crawler.SearchState{Queries: out.Queries}, got.sink); err != nil || len(got.urls()) != 8 {
			t.Errorf("retry found %d stories, %v; want 8", len(got.urls()), err)
		}
	})
	t.Run("MalformedOnce", func(t *testing.T) {
		g := searchtest.NewGDELT()
		defer g.Close()
		g.Add("Vietnam Japan", "vietnamese", gdeltStories(8, "baohaiphong.example", time.Hour)...)
		g.Malformed(1)
		s := newSearcher(t, &search.MemoryState{}, nil)
		var got collector
		out, err := s.Run(context.Background(), gdeltSource(g.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "vi"}), nil, got.sink)
		if err != nil || len(got.urls()) != 8 || out.Queries[0].Covered.IsZero() {
			t.Errorf("found %d, %v; want the retry's 8 stories and the window covered", len(got.urls()), err)
		}
	})
	t.Run("PlainText", func(t *testing.T) {
		g := searchtest.NewGDELT()
		defer g.Close()
		g.Refuse("Your search contained a phrase that was too short or too long.\nSecond line.")
		s := newSearcher(t, &search.MemoryState{}, nil)
		src := gdeltSource(g.URL(), crawler.SearchQuery{Q: "日越", Lang: "ja"})
		out, err := s.Run(context.Background(), src, nil, (&collector{}).sink)
		if err == nil || !strings.Contains(err.Error(), "too short or too long") || strings.Contains(err.Error(), "Second line") {
			t.Errorf("err=%v, want the answer's first line", err)
		}
		if qs := out.Queries[0]; !qs.Covered.IsZero() || !strings.Contains(qs.LastError, "too short") {
			t.Errorf("query state %+v, want the error kept and the window not covered", qs)
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		g := searchtest.NewGDELT()
		defer g.Close()
		s := newSearcher(t, &search.MemoryState{}, nil)
		src := gdeltSource(g.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "vi"})
		src.Endpoint += "/nowhere"
		_, err := s.Run(context.Background(), src, nil, (&collector{}).sink)
		if err == nil || !strings.Contains(err.Error(), "404") {
			t.Errorf("err=%v, want the 404 reported", err)
		}
	})
	t.Run("ProviderLinks", func(t *testing.T) {
		g := searchtest.NewGDELT()
		defer g.Close()
		links := gdeltStories(3, "baohaiphong.example", time.Hour)
		links[0].URL = "https://news.google.com/rss/articles/CBMiABC?oc=5"
		links[1].URL = g.URL() + "/api/v2/doc/doc?query=x"
		g.Add("Vietnam Japan", "vietnamese", links...)
		s := newSearcher(t, &search.MemoryState{}, nil)
		var got collector
		out, err := s.Run(context.Background(), gdeltSource(g.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "vi"}), nil, got.sink)
		if err != nil {
			t.Fatal(err)
		}
		if urls := got.urls(); len(urls) != 1 || urls[0] != links[2].URL || len(out.Errors) != 2 {
			t.Errorf("found %v with errors %v; want the publisher's link alone", urls, out.Errors)
		}
	})
	t.Run("NoMatch", func(t *testing.T) {
		g := searchtest.NewGDELT()
		defer g.Close()
		s := newSearcher(t, &search.MemoryState{}, nil)
		out, err := s.Run(context.Background(), gdeltSource(g.URL(), crawler.SearchQuery{Q: "nothing here", Lang: "en"}), nil, (&collector{}).sink)
		if err != nil || out.Results != 0 || out.Queries[0].Covered.IsZero() {
			t.Errorf("outcome %+v, %v; want no result and the window covered", out, err)
		}
	})
}

// TestGDELTSplitsFullWindows: a window that returns the maximum of 250
// records is read again in halves, so every story of a busy day is found.
func TestGDELTSplitsFullWindows(t *testing.T) {
	g := searchtest.NewGDELT()
	defer g.Close()
	g.Add("Vietnam Japan", "vietnamese", gdeltStories(400, "baohaiphong.example", 3*time.Minute)...)
	s := newSearcher(t, &search.MemoryState{}, nil)
	var got collector
	out, err := s.Run(context.Background(), gdeltSource(g.URL(), crawler.SearchQuery{Q: "Vietnam Japan", Lang: "vi"}), nil, got.sink)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.urls()); n != 400 {
		t.Errorf("found %d stories, want 400", n)
	}
	if n := len(g.Requests()); n < 3 || n > 16 {
		t.Errorf("%d requests, want a few halves", n)
	}
	if out.LastError != nil {
		t.Errorf("LastError=%v", out.LastError)
	}
}

// TestSearchCancelled: a pass waiting out a 429 stops as soon as its
// context ends, and keeps every query's record.
func TestSearchCancelled(t *testing.T) {
	g := searchtest.NewGDELT()
	defer g.Close()
	g.RateLimit(100)
	s := newSearcher(t, &search.MemoryState{}, nil)
	s.Options.Backoff, s.Options.MaxWait = time.Hour, 2*time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	covered := time.Now().Add(-time.Hour).UTC()
	prev := &crawler.SearchState{Queries: []crawler.QueryState{{Q: "b", Lang: "en", Covered: covered, Results: 9}}}
	out, err := s.Run(ctx, gdeltSource(g.URL(), crawler.SearchQuery{Q: "a", Lang: "en"}, crawler.SearchQuery{Q: "b", Lang: "en"}), prev, (&collector{}).sink)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err=%v, want context.Canceled", err)
	}
	if len(out.Queries) != 2 || !out.Queries[1].Covered.Equal(covered) || out.Queries[1].Results != 9 {
		t.Errorf("queries %+v, want the second query's record kept", out.Queries)
	}
}

// TestGDELTRateLimitedPass: a provider that keeps refusing ends the pass
// after the bounded retries of one query, instead of paying them for
// every query.
func TestGDELTRateLimitedPass(t *testing.T) {
	g := searchtest.NewGDELT()
	defer g.Close()
	g.RateLimit(100)
	s := newSearcher(t, &search.MemoryState{}, nil)
	src := gdeltSource(g.URL(), crawler.SearchQuery{Q: "a", Lang: "en"}, crawler.SearchQuery{Q: "b", Lang: "vi"}, crawler.SearchQuery{Q: "c", Lang: "ja"})
	out, err := s.Run(context.Background(), src, nil, (&collector{}).sink)
	if !errors.Is(err, search.ErrRateLimited) {
		t.Fatalf("err=%v, want ErrRateLimited", err)
	}
	if n := len(g.Requests()); n != fastOptions.Retries+1 {
		t.Errorf("%d requests, want the %d tries of the first query only", n, fastOptions.Retries+1)
	}
	if !out.Queries[1].LastRun.IsZero() || out.Queries[0].LastError == "" {
		t.Errorf("queries %+v: want the first failed and the others not run", out.Queries)
	}
}
