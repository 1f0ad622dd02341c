package testsite

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/vnjp-monitor/crawler"
)

// mustStart starts a site and closes it when the test ends.
func mustStart(tb testing.TB) *Site {
	tb.Helper()
	s, err := Start()
	if err != nil {
		tb.Fatalf("Start: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// response is a fetched page.
type response struct {
	status int
	header http.Header
	body   []byte
}

// get fetches u with optional request headers (name, value pairs) and
// without following redirects.
func get(tb testing.TB, u string, headers ...string) response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		tb.Fatalf("new request %s: %v", u, err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		tb.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read %s: %v", u, err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: body}
}

// parseHTML parses a page or fails the test.
func parseHTML(tb testing.TB, body []byte) *html.Node {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader(string(body)))
	if err != nil {
		tb.Fatalf("parse html: %v", err)
	}
	return doc
}

// find returns the nodes under n that match.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if match(d) {
			out = append(out, d)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func isElem(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == tag }
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// pageTitle is the text of <title>.
func pageTitle(doc *html.Node) string {
	if ts := find(doc, isElem("title")); len(ts) > 0 {
		return text(ts[0])
	}
	return ""
}

// linkRel returns the href of <link rel=rel>, "" when absent.
func linkRel(doc *html.Node, rel string) string {
	for _, l := range find(doc, isElem("link")) {
		if attr(l, "rel") == rel {
			return attr(l, "href")
		}
	}
	return ""
}

// metaProperty returns the content of <meta property=p> or <meta name=p>.
func metaProperty(doc *html.Node, p string) string {
	for _, m := range find(doc, isElem("meta")) {
		if attr(m, "property") == p || attr(m, "name") == p {
			return attr(m, "content")
		}
	}
	return ""
}

// resolve makes href absolute against base.
func resolve(tb testing.TB, base, href string) string {
	tb.Helper()
	b, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("parse %s: %v", base, err)
	}
	r, err := b.Parse(href)
	if err != nil {
		tb.Fatalf("parse %s: %v", href, err)
	}
	return r.String()
}

// feedLinks returns the item links of an RSS or Atom feed or the locs of a
// sitemap or sitemap index.
func feedLinks(tb testing.TB, body []byte) []string {
	tb.Helper()
	var doc struct {
		XMLName xml.Name
		Items   []struct {
			Link string `xml:"link"`
		} `xml:"channel>item"`
		Entries []struct {
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		tb.Fatalf("parse xml: %v", err)
	}
	var out []string
	for _, it := range doc.Items {
		out = append(out, it.Link)
	}
	for _, e := range doc.Entries {
		out = append(out, e.Link.Href)
	}
	for _, u := range doc.URLs {
		out = append(out, u.Loc)
	}
	for _, sm := range doc.Sitemaps {
		out = append(out, sm.Loc)
	}
	return out
}

// discover walks a source the way a crawler would and returns the article
// URLs it lists, tracking parameters included.
func discover(tb testing.TB, src crawler.Source) []string {
	tb.Helper()
	switch src.Kind {
	case crawler.KindRSS:
		return feedLinks(tb, get(tb, src.URL).body)
	case crawler.KindSitemap:
		var out []string
		for _, child := range feedLinks(tb, get(tb, src.URL).body) {
			out = append(out, feedLinks(tb, get(tb, child).body)...)
		}
		return out
	default:
		return discoverListing(tb, src)
	}
}

// discoverListing follows a listing's next links up to MaxPages and keeps
// the links inside <main> that match ArticlePattern.
func discoverListing(tb testing.TB, src crawler.Source) []string {
	tb.Helper()
	pattern := regexp.MustCompile(src.ArticlePattern)
	var out []string
	page := src.URL
	for range src.MaxPages {
		r := get(tb, page)
		if r.status != http.StatusOK {
			tb.Fatalf("listing %s: status %d", page, r.status)
		}
		doc := parseHTML(tb, r.body)
		for _, m := range find(doc, isElem("main")) {
			for _, a := range find(m, isElem("a")) {
				if href := resolve(tb, page, attr(a, "href")); pattern.MatchString(href) {
					out = append(out, href)
				}
			}
		}
		next := ""
		for _, a := range find(doc, isElem("a")) {
			if attr(a, "rel") == "next" {
				next = resolve(tb, page, attr(a, "href"))
			}
		}
		if next == "" {
			break
		}
		page = next
	}
	return out
}

// stripQuery drops the query and fragment of u.
func stripQuery(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	return u
}
