package testsite

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// xmlSurfaces are the feeds and sitemaps of both outlets with their root
// element.
func xmlSurfaces(s *Site) map[string]string {
	m, y := s.BaseURL(), s.SyndicationBaseURL()
	return map[string]string{
		m + "/rss/world.xml":            "rss",
		m + "/rss/business.xml":         "rss",
		m + "/ja/atom.xml":              "feed",
		m + "/sitemap.xml":              "sitemapindex",
		m + "/sitemaps/vi-articles.xml": "urlset",
		m + "/sitemaps/vi-news.xml":     "urlset",
		y + "/feed.rss":                 "rss",
	}
}

func TestFeedsParse(t *testing.T) {
	s := mustStart(t)
	for u, root := range xmlSurfaces(s) {
		t.Run(u[strings.LastIndex(u, "/")+1:], func(t *testing.T) {
			r := get(t, u)
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			var doc struct{ XMLName xml.Name }
			if err := xml.Unmarshal(r.body, &doc); err != nil {
				t.Fatalf("parse: %v", err)
			}
			if doc.XMLName.Local != root {
				t.Errorf("root = %q, want %q", doc.XMLName.Local, root)
			}
			if n := len(feedLinks(t, r.body)); n < 2 {
				t.Errorf("%d links, want at least 2", n)
			}
		})
	}
}

func TestNewsSitemapMetadata(t *testing.T) {
	s := mustStart(t)
	var set struct {
		URLs []struct {
			Loc  string `xml:"loc"`
			News struct {
				Title string `xml:"title"`
				Date  string `xml:"publication_date"`
			} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(get(t, s.BaseURL()+"/sitemaps/vi-news.xml").body, &set); err != nil {
		t.Fatalf("parse: %v", err)
	}
	if len(set.URLs) != newsSitemapSize {
		t.Fatalf("%d URLs, want %d", len(set.URLs), newsSitemapSize)
	}
	for _, u := range set.URLs {
		st := storyAt(t, s, u.Loc)
		date, err := time.Parse(time.RFC3339, u.News.Date)
		if u.News.Title != st.Title || err != nil || !date.Equal(st.Published) {
			t.Errorf("%s: news title %q date %q, want %q %v", u.Loc, u.News.Title, u.News.Date, st.Title, st.Published)
		}
	}
}

// storyAt returns the story whose canonical URL is u without its query.
func storyAt(tb testing.TB, s *Site, u string) Story {
	tb.Helper()
	for _, st := range s.Stories() {
		if s.URL(st.Slug) == stripQuery(u) {
			return st
		}
	}
	tb.Fatalf("no story at %s", u)
	return Story{}
}

func TestStoryInTwoFeeds(t *testing.T) {
	s := mustStart(t)
	count := map[string]int{}
	for _, u := range []string{"/rss/world.xml", "/rss/business.xml"} {
		for _, link := range feedLinks(t, get(t, s.BaseURL()+u).body) {
			count[stripQuery(link)]++
		}
	}
	if got := count[s.URL("japanese-firms-upbeat-on-viet-nam-survey")]; got != 2 {
		t.Errorf("JETRO survey story is in %d feeds, want 2", got)
	}
}

func TestConditionalGET(t *testing.T) {
	s := mustStart(t)
	for u := range xmlSurfaces(s) {
		t.Run(u[strings.LastIndex(u, "/")+1:], func(t *testing.T) {
			first := get(t, u)
			etag, modified := first.header.Get("ETag"), first.header.Get("Last-Modified")
			if etag == "" || modified == "" {
				t.Fatalf("ETag %q, Last-Modified %q: want both", etag, modified)
			}
			tests := []struct {
				name    string
				headers []string
				want    int
			}{
				{"etag", []string{"If-None-Match", etag}, http.StatusNotModified},
				{"etag in list", []string{"If-None-Match", `"stale", ` + etag}, http.StatusNotModified},
				{"stale etag", []string{"If-None-Match", `"stale"`}, http.StatusOK},
				{"modified since", []string{"If-Modified-Since", modified}, http.StatusNotModified},
				{"older date", []string{"If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT"}, http.StatusOK},
			}
			for _, tt := range tests {
				r := get(t, u, tt.headers...)
				if r.status != tt.want {
					t.Errorf("%s: status %d, want %d", tt.name, r.status, tt.want)
				}
				if r.status == http.StatusNotModified && len(r.body) != 0 {
					t.Errorf("%s: 304 with a %d-byte body", tt.name, len(r.body))
				}
			}
		})
	}
}

func TestPublish(t *testing.T) {
	tests := []struct {
		name    string
		story   Story
		surface string // path of the feed, sitemap or listing that must show it first
	}{
		{"en world", Story{Slug: "new-world-story", Lang: "en", Section: "world", Title: "A new world story"}, "/rss/world.xml"},
		{"en business", Story{Slug: "new-business-story", Lang: "en", Section: "business", Title: "A new business story"}, "/rss/business.xml"},
		{"ja", Story{Slug: "atarashii-kiji", Lang: "ja", Title: "新しい記事"}, "/ja/atom.xml"},
		{"vi news", Story{Slug: "bai-moi", Lang: "vi", Title: "Bài mới"}, "/sitemaps/vi-news.xml"},
		{"vi all", Story{Slug: "bai-moi-2", Lang: "vi", Title: "Bài mới 2"}, "/sitemaps/vi-articles.xml"},
		{"vi index", Story{Slug: "bai-moi-3", Lang: "vi", Title: "Bài mới 3"}, "/sitemap.xml"},
		{"en politics", Story{Slug: "new-politics-story", Lang: "en", Section: "politics", Title: "A new politics story"}, "/politics/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustStart(t)
			u := s.BaseURL() + tt.surface
			before := get(t, u)
			st := tt.story
			st.Author, st.Body = "Desk", []string{"First paragraph.", "Second paragraph."}
			s.Publish(st)
			after := get(t, u, "If-None-Match", before.header.Get("ETag"))
			if after.status != http.StatusOK {
				t.Fatalf("status after Publish = %d, want 200", after.status)
			}
			if tt.surface == "/politics/" {
				checkListingTop(t, s, after.body, st.Slug)
				return
			}
			if after.header.Get("ETag") == before.header.Get("ETag") {
				t.Error("ETag unchanged after Publish")
			}
			lmBefore, _ := http.ParseTime(before.header.Get("Last-Modified"))
			lmAfter, _ := http.ParseTime(after.header.Get("Last-Modified"))
			if !lmAfter.After(lmBefore) {
				t.Errorf("Last-Modified %v, want after %v", lmAfter, lmBefore)
			}
			links := feedLinks(t, after.body)
			if tt.surface == "/sitemap.xml" {
				return // the index changes; its children are checked above
			}
			if len(links) == 0 || stripQuery(links[0]) != s.URL(st.Slug) {
				t.Errorf("first link = %v, want %s", links[:min(1, len(links))], s.URL(st.Slug))
			}
			if r := get(t, s.URL(st.Slug)); r.status != http.StatusOK {
				t.Errorf("published story: status %d", r.status)
			}
			if !slices.ContainsFunc(s.Stories(), func(o Story) bool { return o.Slug == st.Slug }) {
				t.Error("published story missing from Stories")
			}
		})
	}
}

// checkListingTop checks that slug is the first article of a listing page.
func checkListingTop(t *testing.T, s *Site, body []byte, slug string) {
	t.Helper()
	doc := parseHTML(t, body)
	for _, a := range find(doc, isElem("a")) {
		if href := attr(a, "href"); strings.HasPrefix(href, "/article/") || strings.HasPrefix(href, "/private/") {
			if got, want := resolve(t, s.BaseURL()+"/", href), s.URL(slug); got != want {
				t.Errorf("first article link %s, want %s", got, want)
			}
			return
		}
	}
	t.Error("listing has no article link")
}

func TestPublishTwiceInOneSecond(t *testing.T) {
	s := mustStart(t)
	u := s.BaseURL() + "/ja/atom.xml"
	s.Publish(Story{Slug: "ichi", Lang: "ja", Title: "一", Author: "A", Body: []string{"本文。"}})
	first := get(t, u).header.Get("Last-Modified")
	s.Publish(Story{Slug: "ni", Lang: "ja", Title: "二", Author: "A", Body: []string{"本文。"}})
	if r := get(t, u, "If-Modified-Since", first); r.status != http.StatusOK {
		t.Errorf("If-Modified-Since %s after a second Publish: status %d, want 200", first, r.status)
	}
}
