package crawl_test

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// shortlinkID is the WordPress ?p= number of the story with the
// "shortlink" flag; its feed entry links there, and it redirects.
const shortlinkID = "102"

func (o *otherSite) mainRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(o.robots["main"])
	})
	mux.HandleFunc("GET /feed/", o.serveRSS)
	mux.HandleFunc("GET /ja/feed/atom/", o.serveAtom)
	mux.HandleFunc("GET /vi/sitemap_index.xml", o.serveSitemapIndex)
	mux.HandleFunc("GET /vi/post-sitemap1.xml.gz", o.servePostSitemap)
	mux.HandleFunc("GET /vi/post-sitemap2.xml.gz", o.servePostSitemap)
	mux.HandleFunc("GET /vi/news-sitemap.xml", o.serveNewsSitemap)
	mux.HandleFunc("GET /category/viet-nam-japan/", o.serveListing)
	mux.HandleFunc("GET /", o.serveMainCatchAll)
	return mux
}

// serveMainCatchAll serves the ?p= shortlink, article pages with their
// AMP and print variants, and 301s from paths missing their slash.
func (o *otherSite) serveMainCatchAll(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/" && r.URL.Query().Get("p") != "" {
		for _, s := range o.stories {
			if s.has("shortlink") && r.URL.Query().Get("p") == shortlinkID {
				http.Redirect(w, r, s.path(), http.StatusMovedPermanently)
				return
			}
		}
	}
	for _, s := range o.stories {
		if s.via("syndicator") {
			continue
		}
		switch p := r.URL.Path; {
		case p == s.path() && r.URL.Query().Get("print") == "1":
			o.servePage(w, r, s, "print")
			return
		case p == s.path():
			o.servePage(w, r, s, "")
			return
		case p == s.path()+"amp/" && s.has("amp"):
			o.servePage(w, r, s, "amp")
			return
		case p+"/" == s.path():
			http.Redirect(w, r, s.path(), http.StatusMovedPermanently)
			return
		}
	}
	http.NotFound(w, r)
}

func (o *otherSite) serveRSS(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">`+
		`<channel><title>The Mekong Ledger – English</title><link>http://%s/</link>`+
		`<description>News on Viet Nam – Japan ties</description><language>en-US</language>`+"\n", r.Host)
	for _, s := range o.stories {
		if !s.via("rss") {
			continue
		}
		guid := fmt.Sprintf("http://%s%s?utm_source=rss&amp;utm_medium=feed", r.Host, s.path())
		if s.has("shortlink") {
			guid = fmt.Sprintf("http://%s/?p=%s&amp;utm_source=rss", r.Host, shortlinkID)
		}
		fmt.Fprintf(&b, "<item><title>%s</title><guid isPermaLink=\"true\">%s</guid><pubDate>%s</pubDate>"+
			"<dc:creator>%s</dc:creator><description>%s</description></item>\n",
			esc(s.Title), guid, s.Date.Format(time.RFC1123Z), esc(s.Byline), esc(s.Paras[0]))
	}
	b.WriteString("</channel></rss>")
	// The server-wide default charset, wrong for this UTF-8 document.
	writeCached(w, r, "application/rss+xml; charset=ISO-8859-1", `"rss-v1"`, []byte(b.String()))
}

func (o *otherSite) serveAtom(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja" xml:base="http://%s/ja/">`+
		`<title>メコン・レジャー 日本語版</title><id>tag:mekong-ledger.test,2026:ja</id><updated>2026-11-19T09:00:00Z</updated>`+
		`<link rel="self" href="feed/atom/"/>`+"\n", r.Host)
	for _, s := range o.stories {
		if !s.via("atom") {
			continue
		}
		rel := strings.TrimPrefix(s.path(), "/ja/")
		fmt.Fprintf(&b, "<entry><title>%s</title><link rel=\"alternate\" type=\"text/html\" href=\"%s?utm_source=atom&amp;utm_campaign=ja\"/>"+
			"<id>tag:mekong-ledger.test,2026:%s</id><updated>%s</updated><summary>%s</summary></entry>\n",
			esc(s.Title), rel, s.ID, s.Date.Format(time.RFC3339), esc(s.Paras[0]))
	}
	b.WriteString("</feed>")
	writeCached(w, r, "application/atom+xml", "", []byte(b.String()))
}

func (o *otherSite) serveSitemapIndex(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i, child := range []string{"post-sitemap1.xml.gz", "post-sitemap2.xml.gz", "news-sitemap.xml"} {
		fmt.Fprintf(&b, "<sitemap><loc>http://%s/vi/%s</loc><lastmod>2026-11-1%dT08:00:00+07:00</lastmod></sitemap>", r.Host, child, 7+i)
	}
	b.WriteString("</sitemapindex>")
	writeCached(w, r, "application/xml; charset=UTF-8", `"idx-v1"`, []byte(b.String()))
}

// servePostSitemap serves the two gzip-compressed child sitemaps; the
// stories listed only in sitemaps are split between them.
func (o *otherSite) servePostSitemap(w http.ResponseWriter, r *http.Request) {
	n := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/vi/post-sitemap"), ".xml.gz")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	i := 0
	for _, s := range o.stories {
		if !s.via("sitemap") {
			continue
		}
		i++
		if (i%2 == 1) == (n == "1") {
			fmt.Fprintf(&b, "<url><loc>http://%s%s</loc><lastmod>%s</lastmod></url>", r.Host, s.path(), s.Date.Format(time.RFC3339))
		}
	}
	b.WriteString("</urlset>")
	writeCached(w, r, "application/x-gzip", `"post-`+n+`-v1"`, gzipped([]byte(b.String())))
}

func (o *otherSite) serveNewsSitemap(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ` +
		`xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
	for _, s := range o.stories {
		if s.via("news") {
			fmt.Fprintf(&b, "<url><loc>http://%s%s</loc><news:news><news:publication><news:name>The Mekong Ledger</news:name>"+
				"<news:language>vi</news:language></news:publication><news:publication_date>%s</news:publication_date>"+
				"<news:title>%s</news:title></news:news></url>", r.Host, s.path(), s.Date.Format(time.RFC3339), esc(s.Title))
		}
	}
	b.WriteString("</urlset>")
	writeCached(w, r, "text/xml", `W/"news-v1"`, []byte(b.String()))
}
