package fetch

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"testing"

	"github.com/vnjp-monitor/crawler"
)

// listingSite serves testdata/listing-N.html at /world/asia?page=N; page 1
// also answers without the parameter. failPage answers 500 for that page.
func listingSite(t *testing.T, failPage string) *site {
	srv := newSite(t)
	pages := map[string][]byte{
		"":  mustRead(t, "listing-1.html"),
		"1": mustRead(t, "listing-1.html"),
		"2": mustRead(t, "listing-2.html"),
		"3": mustRead(t, "listing-3.html"),
	}
	srv.handle("/world/asia", func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Query().Get("page")
		body, ok := pages[p]
		if !ok || (failPage != "" && p == failPage) {
			http.Error(w, "listing unavailable", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	})
	return srv
}

func TestDiscoverHTML(t *testing.T) {
	articleRE := regexp.MustCompile(`/world/\d{4}/\d{2}/\d{2}/`)
	tests := []struct {
		name     string
		src      crawler.Source
		failPage string
		want     []string // paths on the test server, or absolute URLs
		wantReqs int
		wantErrs int
	}{
		{
			name: "SelectorPatternThreePages",
			src:  crawler.Source{LinkSelector: "main .story-list h3 a", ArticleRegexp: articleRE, NextSelector: "nav.pager a.next", MaxPages: 5},
			want: []string{
				"/world/2026/06/12/da-nang-drainage-grant.html",
				"/world/2026/06/11/bac-ninh-chip-training.html",
				"/world/2026/06/10/kumamoto-exchange.html",
				"/world/2026/06/09/green-loan.html",
				"/world/2026/06/08/lach-huyen-berth.html",
				"/world/2026/06/05/nurses-to-japan.html",
			},
			wantReqs: 3, // page 3 links back to page 2, which is not fetched again
		},
		{
			name: "OnePageByDefault",
			src:  crawler.Source{LinkSelector: "main .story-list h3 a", ArticleRegexp: articleRE, NextSelector: "nav.pager a.next"},
			want: []string{
				"/world/2026/06/12/da-nang-drainage-grant.html",
				"/world/2026/06/11/bac-ninh-chip-training.html",
				"/world/2026/06/10/kumamoto-exchange.html",
			},
			wantReqs: 1,
		},
		{
			name: "PatternWithoutSelector",
			src:  crawler.Source{ArticleRegexp: articleRE},
			want: []string{
				"/world/2026/06/12/da-nang-drainage-grant.html",
				"/world/2026/06/11/bac-ninh-chip-training.html",
				"/world/2026/06/10/kumamoto-exchange.html",
				"/world/2026/05/28/osaka-expo-vietnam-day.html",
			},
			wantReqs: 1,
		},
		{
			name: "NoPatternMeansSameSite",
			src:  crawler.Source{LinkSelector: "a"},
			want: []string{
				"/", "/world/", "/business/",
				"/world/2026/06/12/da-nang-drainage-grant.html",
				"/world/2026/06/11/bac-ninh-chip-training.html",
				"/world/2026/06/10/kumamoto-exchange.html",
				"/user/minh",
				"/world/2026/05/28/osaka-expo-vietnam-day.html",
				"/world/asia?page=2",
				"/about",
			},
			wantReqs: 1,
		},
		{
			name: "RelNextWithoutNextSelector",
			src:  crawler.Source{LinkSelector: "article.story", ArticleRegexp: articleRE, MaxPages: 2},
			want: []string{
				"/world/2026/06/12/da-nang-drainage-grant.html",
				"/world/2026/06/11/bac-ninh-chip-training.html",
				"/world/2026/06/10/kumamoto-exchange.html",
				"/world/2026/06/09/green-loan.html",
				"/world/2026/06/08/lach-huyen-berth.html",
			},
			wantReqs: 2,
		},
		{
			name:     "FailedPageTwoIsNotFatal",
			src:      crawler.Source{LinkSelector: "main .story-list h3 a", ArticleRegexp: articleRE, NextSelector: "nav.pager a.next", MaxPages: 3},
			failPage: "2",
			want: []string{
				"/world/2026/06/12/da-nang-drainage-grant.html",
				"/world/2026/06/11/bac-ninh-chip-training.html",
				"/world/2026/06/10/kumamoto-exchange.html",
			},
			wantReqs: 2,
			wantErrs: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := listingSite(t, tt.failPage)
			c := newTestClient(t, Options{}, nil)
			src := tt.src
			src.Kind, src.URL = crawler.KindHTML, srv.URL+"/world/asia"
			l, err := c.Discover(context.Background(), src)
			if err != nil {
				t.Fatalf("Discover: %v", err)
			}
			want := make([]string, len(tt.want))
			for i, p := range tt.want {
				want[i] = srv.URL + p
			}
			if got := itemURLs(l.Items); !slices.Equal(got, want) {
				t.Errorf("items:\n got %q\nwant %q", got, want)
			}
			if l.Requests != tt.wantReqs {
				t.Errorf("Requests=%d, want %d", l.Requests, tt.wantReqs)
			}
			if len(l.Errors) != tt.wantErrs {
				t.Errorf("Errors=%v, want %d", l.Errors, tt.wantErrs)
			}
		})
	}
}

func TestDiscoverHTMLTitlesAndLang(t *testing.T) {
	srv := listingSite(t, "")
	c := newTestClient(t, Options{}, nil)
	src := crawler.Source{Kind: crawler.KindHTML, URL: srv.URL + "/world/asia", ArticleRegexp: regexp.MustCompile(`/2026/06/1[12]/`)}
	l, err := c.Discover(context.Background(), src)
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	want := []Item{
		// The image link comes first with only alt text; the headline link
		// to the same story gives the title.
		{URL: srv.URL + "/world/2026/06/12/da-nang-drainage-grant.html", Title: "Viet Nam and Japan sign grant for Da Nang flood drainage", Lang: "en"},
		{URL: srv.URL + "/world/2026/06/11/bac-ninh-chip-training.html", Title: "Semiconductor training centre opens in Bac Ninh", Lang: "en"},
	}
	compareItems(t, l.Items, want, true)
}

func TestDiscoverHTMLFirstPageFails(t *testing.T) {
	srv := listingSite(t, "")
	c := newTestClient(t, Options{}, nil)
	_, err := c.Discover(context.Background(), crawler.Source{Kind: crawler.KindHTML, URL: srv.URL + "/world/asia?page=9"})
	if !Temporary(err) {
		t.Fatalf("Discover error %v, want a temporary (500) error", err)
	}
}

func TestDiscoverHTMLTitleFallback(t *testing.T) {
	srv := newSite(t)
	srv.handle("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><body>
			<a href="/a/1"><img src="/1.jpg" alt="Photo: new flights between Tokyo and Ha Noi"></a>
			<a href="/a/2" title="Port of Da Nang expands">  </a>
			<a href="/a/3"><img src="/3.jpg" alt="Photo"></a> <a href="/a/3">Headline three</a>
		</body></html>`))
	})
	c := newTestClient(t, Options{}, nil)
	l, err := c.Discover(context.Background(), crawler.Source{Kind: crawler.KindHTML, URL: srv.URL + "/", ArticleRegexp: regexp.MustCompile(`/a/\d`)})
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	want := []Item{
		{URL: srv.URL + "/a/1", Title: "Photo: new flights between Tokyo and Ha Noi"},
		{URL: srv.URL + "/a/2", Title: "Port of Da Nang expands"},
		{URL: srv.URL + "/a/3", Title: "Headline three"},
	}
	compareItems(t, l.Items, want, true)
}
