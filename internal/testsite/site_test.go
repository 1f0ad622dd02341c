package testsite

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/vnjp-monitor/crawler"
)

// TestSourcesReachEveryStory walks every source like a polite crawler and
// checks that each public story is reached, every article page renders,
// and the disallowed and hostile links are where they should be.
func TestSourcesReachEveryStory(t *testing.T) {
	s := mustStart(t)
	hostile := s.HostileURLs()
	reached := map[string]bool{} // canonical URL -> true
	sawPrivate, sawHostile, sawUTM := false, 0, false
	for _, src := range s.Sources() {
		links := discover(t, src)
		if len(links) == 0 {
			t.Errorf("source %s lists nothing", src.Name)
		}
		for _, u := range links {
			sawUTM = sawUTM || strings.Contains(u, "utm_source=")
			switch {
			case strings.Contains(u, "/private/"):
				sawPrivate = true
			case slices.Contains(hostile, stripQuery(u)):
				sawHostile++
			default:
				reached[checkArticle(t, s, u)] = true
			}
		}
	}
	for _, st := range s.Stories() {
		if got := reached[s.URL(st.Slug)]; got == st.Disallowed {
			t.Errorf("story %s (disallowed %v): reached = %v", st.Slug, st.Disallowed, got)
		}
	}
	if !sawPrivate {
		t.Error("no source links to the robots-disallowed section")
	}
	if sawHostile != len(hostile) {
		t.Errorf("sources link to %d hostile URLs, want %d", sawHostile, len(hostile))
	}
	if !sawUTM {
		t.Error("no feed link carries tracking parameters")
	}
}

// checkArticle fetches an article URL, checks that it renders, and returns
// its canonical URL (the original's for syndicated copies).
func checkArticle(t *testing.T, s *Site, u string) string {
	t.Helper()
	r := get(t, u)
	if r.status != http.StatusOK {
		t.Fatalf("GET %s: status %d", u, r.status)
	}
	doc := parseHTML(t, r.body)
	if pageTitle(doc) == "" {
		t.Errorf("%s: empty <title>", u)
	}
	if len(find(doc, isElem("p"))) < 5 {
		t.Errorf("%s: fewer than 5 paragraphs", u)
	}
	if slug, ok := s.SyndicatedURLs()[stripQuery(u)]; ok {
		return s.URL(slug)
	}
	canonical := linkRel(doc, "canonical")
	if canonical != stripQuery(u) {
		t.Errorf("%s: canonical %q, want the URL without tracking parameters", u, canonical)
	}
	return canonical
}

func TestArticleMetadata(t *testing.T) {
	s := mustStart(t)
	for _, st := range s.Stories() {
		if st.Charset != "" {
			continue // checked by TestLegacyCharsetPages
		}
		t.Run(st.Slug, func(t *testing.T) {
			r := get(t, s.URL(st.Slug))
			if got, want := r.header.Get("Content-Type"), "text/html; charset=utf-8"; got != want {
				t.Errorf("Content-Type = %q, want %q", got, want)
			}
			if !utf8.Valid(r.body) {
				t.Fatal("body is not valid UTF-8")
			}
			doc := parseHTML(t, r.body)
			if got := metaProperty(doc, "og:title"); got != st.Title {
				t.Errorf("og:title = %q, want %q", got, st.Title)
			}
			published, err := time.Parse(time.RFC3339, metaProperty(doc, "article:published_time"))
			if err != nil || !published.Equal(st.Published) {
				t.Errorf("article:published_time = %v (%v), want %v", published, err, st.Published)
			}
			checkJSONLD(t, doc, st)
			checkBoilerplate(t, s, doc, st)
		})
	}
}

// checkBoilerplate checks the noise around the story: reader comments,
// an ad slot and links to at least three other stories.
func checkBoilerplate(t *testing.T, s *Site, doc *html.Node, st Story) {
	t.Helper()
	page := text(doc)
	for _, c := range commentsFor(&st) {
		if !strings.Contains(page, c.Text) {
			t.Errorf("comment %q missing", c.Text)
		}
	}
	if ads := find(doc, func(n *html.Node) bool { return strings.Contains(attr(n, "class"), "ad-") }); len(ads) == 0 {
		t.Error("no ad slot")
	}
	others := map[string]bool{}
	for _, a := range find(doc, isElem("a")) {
		href := resolve(t, s.BaseURL()+"/", attr(a, "href"))
		for _, o := range s.Stories() {
			if o.Slug != st.Slug && href == s.URL(o.Slug) {
				others[href] = true
			}
		}
	}
	if len(others) < 3 {
		t.Errorf("links to %d other stories, want at least 3", len(others))
	}
}

// checkJSONLD finds the NewsArticle block and compares it with the story.
func checkJSONLD(t *testing.T, doc *html.Node, st Story) {
	t.Helper()
	for _, sc := range find(doc, isElem("script")) {
		if attr(sc, "type") != "application/ld+json" {
			continue
		}
		var ld struct {
			Type          string `json:"@type"`
			Headline      string `json:"headline"`
			DatePublished string `json:"datePublished"`
			Author        []struct {
				Name string `json:"name"`
			} `json:"author"`
		}
		if err := json.Unmarshal([]byte(text(sc)), &ld); err != nil {
			t.Fatalf("JSON-LD: %v", err)
		}
		published, err := time.Parse(time.RFC3339, ld.DatePublished)
		if ld.Type != "NewsArticle" || ld.Headline != st.Title || err != nil || !published.Equal(st.Published) ||
			len(ld.Author) != 1 || ld.Author[0].Name != st.Author {
			t.Errorf("JSON-LD = %+v, want NewsArticle %q by %s at %v", ld, st.Title, st.Author, st.Published)
		}
		return
	}
	t.Error("no JSON-LD block")
}

func TestBylineFormats(t *testing.T) {
	at := time.Date(2026, 11, 16, 1, 30, 0, 0, time.UTC)
	tests := []struct{ lang, want string }{
		{"en", "Monday, November 16, 2026 - 08:30 GMT+7"},
		{"vi", "Thứ Hai, 16/11/2026 08:30 (GMT+7)"},
		{"ja", "2026年11月16日 10時30分"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := byline(tt.lang, at); got != tt.want {
				t.Errorf("byline = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBylineOnPages(t *testing.T) {
	s := mustStart(t)
	tests := []struct{ slug, want string }{
		{"gan-80000-lao-dong-sang-nhat-ban-10-thang", "Thứ Năm, 19/11/2026 07:45 (GMT+7)"},
		{"nichietsu-gaimu-boei-jikan-2plus2", "2026年11月20日 18時00分"},
		{"japanese-firms-upbeat-on-viet-nam-survey", "Monday, November 16, 2026 - 08:30 GMT+7"},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			if body := get(t, s.URL(tt.slug)).body; !strings.Contains(string(body), tt.want) {
				t.Errorf("page has no byline %q", tt.want)
			}
		})
	}
}

func TestSourcesShape(t *testing.T) {
	s := mustStart(t)
	kinds := map[string]int{}
	for _, src := range s.Sources() {
		kinds[src.Kind]++
		if src.ArticleRegexp != nil {
			t.Errorf("%s: ArticleRegexp set, want nil", src.Name)
		}
		if src.Kind == crawler.KindHTML && (src.LinkSelector == "" || src.ArticlePattern == "" || src.NextSelector == "" || src.MaxPages != politicsPages) {
			t.Errorf("%s: listing source incomplete: %+v", src.Name, src)
		}
	}
	if kinds[crawler.KindRSS] < 3 || kinds[crawler.KindSitemap] != 1 || kinds[crawler.KindHTML] != 1 {
		t.Errorf("source kinds = %v", kinds)
	}
}

func TestNotFoundAndNavigation(t *testing.T) {
	s := mustStart(t)
	tests := []struct {
		path   string
		status int
	}{
		{"/", 200}, {"/world/", 200}, {"/business/", 200}, {"/vi/", 200}, {"/vi/kinh-te/", 200},
		{"/ja/", 200}, {"/ja/keizai/", 200}, {"/tag/politics/", 200}, {"/author/linh-tran/", 200},
		{"/static/site.css", 200}, {"/politics/page/4/", 404}, {"/author/nobody/", 404},
		{"/article/no-such-story", 404}, {"/vi/no-such-section/", 404},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := get(t, s.BaseURL()+tt.path).status; got != tt.status {
				t.Errorf("status = %d, want %d", got, tt.status)
			}
		})
	}
}
