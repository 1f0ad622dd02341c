package testsite

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vnjp-monitor/crawler"
)

// BulkOptions configure StartBulk. Zero fields take the defaults.
type BulkOptions struct {
	Articles   int    // stories on the site; default 2,000
	Seed       uint64 // the same seed gives the same site
	PerSitemap int    // URLs per child sitemap; default 1,000
	// Latest is the publication time of the newest story; default
	// 2026-11-20 08:00 UTC.
	Latest time.Time
}

func (o BulkOptions) withDefaults() BulkOptions {
	if o.Articles <= 0 {
		o.Articles = 2000
	}
	if o.PerSitemap <= 0 {
		o.PerSitemap = 1000
	}
	if o.Latest.IsZero() {
		o.Latest = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	}
	return o
}

// Bulk is a large generated news site on one loopback host, for load tests
// and benchmarks: thousands of distinct stories in three languages, rendered
// in the main outlet's article templates (navigation, ads, related stories,
// comments, JSON-LD), listed by a sitemap index whose child sitemaps answer
// conditional requests. Its methods are safe for concurrent use.
type Bulk struct {
	out        *outlet
	tmpl       *template.Template
	stories    []*Story
	byPath     map[string]int
	perSitemap int
	modified   time.Time
	requests   atomic.Int64
}

// StartBulk generates the stories and serves them on 127.0.0.1 with a port
// chosen by the system. Call Close when done.
func StartBulk(opts BulkOptions) (*Bulk, error) {
	opts = opts.withDefaults()
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	b := &Bulk{
		tmpl:       tmpl,
		stories:    generateStories(opts.Articles, opts.Seed, opts.Latest),
		byPath:     make(map[string]int, opts.Articles),
		perSitemap: opts.PerSitemap,
		modified:   opts.Latest.Truncate(time.Second),
	}
	for i, st := range b.stories {
		b.byPath[st.path()] = i
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", b.serveRobots)
	mux.HandleFunc("GET /sitemap.xml", b.serveIndex)
	mux.HandleFunc("GET /sitemaps/{name}", b.serveChild)
	mux.HandleFunc("GET /", b.serveArticle)
	count := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.requests.Add(1)
		mux.ServeHTTP(w, r)
	})
	if b.out, err = listen("bulk", count); err != nil {
		return nil, err
	}
	return b, nil
}

// Close stops the server and drops open connections.
func (b *Bulk) Close() { b.out.close() }

// BaseURL is the site's root, such as http://127.0.0.1:41234.
func (b *Bulk) BaseURL() string { return b.out.base }

// Source is the crawler source that lists every story: the sitemap index.
func (b *Bulk) Source() crawler.Source {
	return crawler.Source{Name: "Bulk Meridian", Kind: crawler.KindSitemap, URL: b.out.base + "/sitemap.xml"}
}

// URLs returns every story's canonical URL, newest first.
func (b *Bulk) URLs() []string {
	out := make([]string, len(b.stories))
	for i, st := range b.stories {
		out[i] = b.out.base + st.path()
	}
	return out
}

// Stories returns copies of the generated stories, newest first, with their
// labels: relevant stories have a Japanese partner and carry the pillar
// their topic belongs to.
func (b *Bulk) Stories() []Story {
	out := make([]Story, len(b.stories))
	for i, st := range b.stories {
		out[i] = st.clone()
	}
	return out
}

// Requests is the number of requests the site has answered.
func (b *Bulk) Requests() int64 { return b.requests.Load() }

func (b *Bulk) serveRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\n\nSitemap: %s/sitemap.xml\n", b.out.base)
}

// serveIndex lists the child sitemaps.
func (b *Bulk) serveIndex(w http.ResponseWriter, r *http.Request) {
	idx := &sitemapIndex{NS: sitemapNS}
	for n := 0; n*b.perSitemap < len(b.stories); n++ {
		idx.Sitemaps = append(idx.Sitemaps, sitemapRef{
			Loc: fmt.Sprintf("%s/sitemaps/articles-%d.xml", b.out.base, n+1), LastMod: isoTime("en", b.modified),
		})
	}
	serveXML(w, r, "application/xml; charset=utf-8", idx, b.modified)
}

// serveChild lists one slice of the stories, newest first.
func (b *Bulk) serveChild(w http.ResponseWriter, r *http.Request) {
	raw, ok := strings.CutPrefix(r.PathValue("name"), "articles-")
	raw, xml := strings.CutSuffix(raw, ".xml")
	n, err := strconv.Atoi(raw)
	if !ok || !xml || err != nil || n < 1 || (n-1)*b.perSitemap >= len(b.stories) {
		http.NotFound(w, r)
		return
	}
	set := &urlSet{NS: sitemapNS}
	for _, st := range b.stories[(n-1)*b.perSitemap : min(n*b.perSitemap, len(b.stories))] {
		set.URLs = append(set.URLs, sitemapURL{Loc: b.out.base + st.path(), LastMod: isoTime(st.Lang, st.Published)})
	}
	serveXML(w, r, "application/xml; charset=utf-8", set, b.modified)
}

// serveArticle renders a story as the main outlet would, with neighbours as
// related stories and a fixed most-read list.
func (b *Bulk) serveArticle(w http.ResponseWriter, r *http.Request) {
	i, ok := b.byPath[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	st := b.stories[i]
	canonical := b.out.base + st.path()
	page := &articlePage{
		Story:       st,
		Ed:          editions[st.Lang],
		Canonical:   canonical,
		Charset:     "utf-8",
		Section:     link{Title: sectionName(st.Lang, st.Section), URL: sectionPath(st.Lang, st.Section)},
		ISODate:     isoTime(st.Lang, st.Published),
		Byline:      byline(st.Lang, st.Published),
		AuthorURL:   "/author/" + slugify(st.Author) + "/",
		Description: summary(st),
		JSONLD:      jsonLD(st, canonical, editions[st.Lang].Name, false),
		Comments:    commentsFor(st),
	}
	for k := 1; k <= 3; k++ {
		page.Related = append(page.Related, b.teaser((i+k*7)%len(b.stories)))
	}
	for k := range min(4, len(b.stories)) {
		page.MostRead = append(page.MostRead, b.teaser(k))
	}
	renderPage(w, b.tmpl, http.StatusOK, "article_"+st.Lang+".html", page, "")
}

func (b *Bulk) teaser(i int) teaser {
	st := b.stories[i]
	return teaser{Title: st.Title, URL: st.path(), Date: byline(st.Lang, st.Published)}
}
