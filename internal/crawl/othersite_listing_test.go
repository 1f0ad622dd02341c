package crawl_test

import (
	"fmt"
	"net/http"
	"strings"
)

// listingLinks writes the story links of one listing page, each in a
// different form: root-relative with a fragment, no trailing slash,
// AMP-only, protocol-relative, document-relative, absolute. Every page
// also carries links the crawler must not follow or must not request.
func (o *otherSite) listingLinks(page int, host string) string {
	byID := map[string]*otherStory{}
	for _, s := range o.stories {
		byID[s.ID] = s
	}
	link := func(href, text string) string {
		return fmt.Sprintf(`<article class="post"><h2 class="entry-title"><a href="%s">%s</a></h2></article>`+"\n", href, esc(text))
	}
	var b strings.Builder
	switch page {
	case 1:
		e1, e3, e5 := byID["e1"], byID["e3"], byID["e5"]
		b.WriteString(link(e1.path()+"#comments", e1.Title))
		b.WriteString(link(e1.path()+"?replytocom=42#respond", "Reply to a reader"))
		b.WriteString(link(strings.TrimSuffix(e3.path(), "/"), e3.Title))
		b.WriteString(link(e3.path()+"?print=1", "Print this story"))
		b.WriteString(link(e3.path()+"print/", "Printer-friendly page"))
		b.WriteString(link(e5.path()+"amp/", e5.Title))
		b.WriteString(link("/2026/11/19/annual-report.pdf", "Our annual report (PDF)"))
		b.WriteString(`<nav class="pagination"><a class="next page-numbers" href="?page=2">Next ›</a></nav>`)
	case 2:
		e7, e8 := byID["e7"], byID["e8"]
		b.WriteString(link("//"+host+e7.path(), e7.Title))
		b.WriteString(link(e8.path(), e8.Title))
		b.WriteString(link("/members/2026/11/12/insider-briefing-on-the-summit/", "Members only: the summit briefing"))
		b.WriteString(`<p><a class="load-more button" href="/category/viet-nam-japan/?page=3">Load more</a></p>`)
	case 3:
		v6, j6 := byID["v6"], byID["j6"]
		b.WriteString(link("http://"+host+v6.path(), v6.Title))
		b.WriteString(link("../../"+strings.TrimPrefix(j6.path(), "/"), j6.Title))
	}
	return b.String()
}

// serveListing serves /category/viet-nam-japan/ and its ?page=N pages.
func (o *otherSite) serveListing(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/category/viet-nam-japan/" {
		http.NotFound(w, r)
		return
	}
	page := 1
	switch r.URL.Query().Get("page") {
	case "", "1":
	case "2":
		page = 2
	case "3":
		page = 3
	default:
		http.NotFound(w, r)
		return
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Viet Nam–Japan | The Mekong Ledger</title>` +
		styleBlock + bigScript + `</head><body class="archive category">` + cookieBanner +
		`<header><nav><a href="/">Home</a> <a href="/tag/japan/">Japan</a> <a href="/2026/11/">November 2026</a>` +
		` <a href="/wp-admin/">Log in</a> <a href="/search?s=metro">Search</a></nav></header>` +
		`<div id="main"><h1 class="page-title">Category: Viet Nam–Japan</h1>` + "\n")
	b.WriteString(o.listingLinks(page, r.Host))
	b.WriteString(`</div>` + newsletterBox + `<footer><a href="/2026/11/18/">Yesterday</a></footer></body></html>`)
	writeCached(w, r, "text/html; charset=UTF-8", fmt.Sprintf(`"cat-%d-v1"`, page), []byte(b.String()))
}

// wireCopies are the wire service's rewrites of two Ledger stories: new
// headline, a dateline before the first paragraph, a credit line after.
var wireCopies = map[string]struct{ title, dateline, credit string }{
	"e1": {"Yen loan will take Ho Chi Minh City's second metro line across the river",
		"HO CHI MINH CITY (Pacific Wire) — ", "This report first appeared in The Mekong Ledger."},
	"j1": {"日越首脳が会談　半導体・人材で連携強化", "【東京】", "（メコン・レジャー提供）"},
}

func wirePath(s *otherStory) string {
	return "/news/" + s.Date.Format("2006-01-02") + "-" + s.Slug + ".html"
}

func (o *otherSite) wireRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write(o.robots["wire"])
	})
	mux.HandleFunc("GET /rss.xml", o.serveWireRSS)
	mux.HandleFunc("GET /news/{file}", func(w http.ResponseWriter, r *http.Request) {
		for _, s := range o.stories {
			if wirePath(s) != r.URL.Path {
				continue
			}
			title, paras := s.Title, s.Paras
			if c, ok := wireCopies[s.ID]; ok {
				title = c.title
				paras = append([]string{c.dateline + s.Paras[0]}, s.Paras[1:]...)
				paras = append(paras, c.credit)
			} else if !s.via("syndicator") {
				break
			}
			head := `<link rel="canonical" href="http://` + r.Host + r.URL.Path + `">`
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(o.articleHTML(s, r.Host, title, paras, head)))
			return
		}
		http.NotFound(w, r)
	})
	return mux
}

func (o *otherSite) serveWireRSS(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Pacific Wire</title><link>http://%s/</link>`, r.Host)
	for _, s := range o.stories {
		c, isCopy := wireCopies[s.ID]
		if !isCopy && !s.via("syndicator") {
			continue
		}
		title := s.Title
		if isCopy {
			title = c.title
		}
		fmt.Fprintf(&b, "<item><title>%s</title><link>http://%s%s</link><guid isPermaLink=\"false\">wire-%s</guid></item>\n",
			esc(title), r.Host, wirePath(s), s.ID)
	}
	b.WriteString("</channel></rss>")
	writeCached(w, r, "text/xml", "", []byte(b.String()))
}
