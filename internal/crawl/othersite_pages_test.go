package crawl_test

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/encoding/japanese"
)

// Page furniture that an extractor must leave out of the text.
const (
	bigScript = `<script>window.__LEDGER__={"ads":{"slots":["top","mid","rail"],"refresh":30},` +
		`"consent":{"version":7,"vendors":[1,2,3,4,5,6,7,8,9,10]}};` +
		`(function(){var d=document,s=d.createElement('script');s.async=true;s.src='/ads.js';` +
		`d.head.appendChild(s);for(var i=0;i<200;i++){window['slot'+i]=i*i;}})();</script>`
	styleBlock = `<style>body{font-family:Georgia,serif;margin:0}.cookie{position:fixed;bottom:0}` +
		`.newsletter{border:1px solid #ccc;padding:1em}.comments li{margin:.5em 0}` +
		`article p{line-height:1.6}.related a{display:block}</style>`
	cookieBanner = `<div class="cookie" role="dialog"><p>We use cookies to measure readership and ` +
		`to keep you signed in. Choose Accept to allow all of them, or Settings to pick.</p>` +
		`<button>Accept</button><button>Settings</button></div>`
	newsletterBox = `<aside class="newsletter"><h3>Morning Ledger</h3><p>Our editors pick the ` +
		`five stories you need every weekday at six. Sign up, it is free, unsubscribe any time.</p>` +
		`<form><input type="email" placeholder="you@example.com"><button>Subscribe</button></form></aside>`
)

var viWeekdays = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// visibleDate writes the date the way each edition prints it; on pages
// without JSON-LD it is the only date there is.
func visibleDate(s *otherStory) string {
	d := s.Date
	switch s.Lang {
	case "vi":
		return fmt.Sprintf("%s, %s", viWeekdays[d.Weekday()], d.Format("02/01/2006 - 15:04"))
	case "ja":
		return fmt.Sprintf("%d年%d月%d日 %d時%02d分", d.Year(), d.Month(), d.Day(), d.Hour(), d.Minute())
	}
	return d.Format("Jan 2, 2006")
}

// canonicalTag varies by edition: the https variant of our own host, the
// www variant of the production domain, only og:url, or a relative link.
func (o *otherSite) canonicalTag(s *otherStory, host string) string {
	switch {
	case s.has("canonical-www"):
		return `<link rel="canonical" href="https://www.mekong-ledger.test` + s.path() + `">`
	case s.Lang == "vi":
		return `<meta property="og:url" content="https://` + host + s.path() + `">`
	case s.Lang == "ja":
		return `<link rel="canonical" href="` + s.path() + `">`
	}
	return `<link rel="canonical" href="https://` + host + s.path() + `">`
}

func jsonLD(s *otherStory, title string) string {
	return fmt.Sprintf(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",`+
		`"headline":%q,"datePublished":%q,"author":{"@type":"Person","name":%q}}</script>`,
		title, s.Date.Format(time.RFC3339), s.Byline)
}

// articleHTML renders a full page of the Ledger or of the wire service.
// title and paras may differ from the story's (a syndicated rewrite).
func (o *otherSite) articleHTML(s *otherStory, host, title string, paras []string, head string) string {
	var b strings.Builder
	meta := `<meta charset="UTF-8">`
	switch {
	case s.has("sjis"), s.has("sjis-latin1"), s.has("wrongcharset"):
		meta = "" // only the bytes say what they are
	case s.has("eucjp-late-meta"):
		// Declared, but after more than the 1024 bytes browsers prescan.
		meta = "<script>var pad='" + strings.Repeat("x", 1500) + "';</script>" +
			`<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">`
	}
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=%q><head>%s<title>%s | The Mekong Ledger</title>\n", s.Lang, meta, esc(title))
	b.WriteString(head + "\n" + styleBlock + "\n" + bigScript + "\n")
	if s.has("jsonld") {
		b.WriteString(jsonLD(s, title) + "\n")
	}
	if s.has("amp") {
		b.WriteString(`<link rel="amphtml" href="amp/">` + "\n")
	}
	b.WriteString(`</head><body class="single-post">` + cookieBanner)
	b.WriteString(`<header><nav><a href="/">Home</a> <a href="/category/viet-nam-japan/">Viet Nam–Japan</a> ` +
		`<a href="/ja/">日本語</a> <a href="/vi/">Tiếng Việt</a> <a href="/search?s=">Search</a></nav></header>`)
	fmt.Fprintf(&b, "<main id=\"main\"><article><h1 class=\"entry-title\">%s</h1>\n", esc(title))
	fmt.Fprintf(&b, `<div class="entry-meta"><span class="byline">%s</span> · <span class="posted-on">%s</span></div>`+"\n",
		esc(s.Byline), visibleDate(s))
	b.WriteString(`<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/wp-content/uploads/photo.jpg" loading="lazy" alt="">` +
		`<figcaption>File photo</figcaption></figure>` + "\n")
	b.WriteString(`<div class="entry-content">`)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
	}
	b.WriteString("</div>" + newsletterBox + "</article>\n")
	fmt.Fprintf(&b, `<section class="comments"><h3>2 comments</h3><ol><li>Good news for commuters at last. `+
		`<a href="%s?replytocom=41#respond">Reply</a></li><li>When will the trains actually run? `+
		`<a href="%s?replytocom=42#respond">Reply</a></li></ol></section>`, s.path(), s.path())
	b.WriteString(`<aside class="related"><h3>Related</h3><a href="/category/viet-nam-japan/">More from this section</a>` +
		`<a href="/2026/11/">November archive</a></aside></main><footer>© The Mekong Ledger. All rights reserved.</footer></body></html>`)
	return b.String()
}

// ampHTML is the AMP twin, pointing back to the full page.
func (o *otherSite) ampHTML(s *otherStory, host string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html ⚡ lang=%q><head><meta charset="utf-8"><title>%s</title>`+
		`<link rel="canonical" href="http://%s%s"><style amp-custom>p{margin:0}</style></head><body>`,
		s.Lang, esc(s.Title), host, s.path())
	fmt.Fprintf(&b, "<h1>%s</h1><p class=\"meta\">%s · %s</p>\n", esc(s.Title), esc(s.Byline), visibleDate(s))
	for _, p := range s.Paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
	}
	b.WriteString("</body></html>")
	return b.String()
}

// printHTML is the print version: no canonical, no furniture.
func printHTML(s *otherStory) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<html><head><meta charset=\"utf-8\"><title>%s</title></head><body onload=\"print()\">"+
		"<h1>%s</h1><p>%s</p>\n", esc(s.Title), esc(s.Title), visibleDate(s))
	for _, p := range s.Paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
	}
	b.WriteString("</body></html>")
	return b.String()
}

// servePage serves a Ledger article with its quirks: 503 once, gzip
// whether asked or not, a wrong charset header, Shift_JIS bytes with no
// declaration, AMP and print variants.
func (o *otherSite) servePage(w http.ResponseWriter, r *http.Request, s *otherStory, variant string) {
	switch variant {
	case "amp":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(o.ampHTML(s, r.Host)))
		return
	case "print":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(printHTML(s)))
		return
	}
	if s.has("503") && o.hit(s.path()) == 1 {
		w.Header().Set("Retry-After", "1")
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	page := []byte(o.articleHTML(s, r.Host, s.Title, s.Paras, o.canonicalTag(s, r.Host)))
	switch {
	case s.has("sjis"):
		w.Header().Set("Content-Type", "text/html")
		page = legacy(o.t, japanese.ShiftJIS, string(page))
	case s.has("sjis-latin1"): // the server's default label, wrong
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		page = legacy(o.t, japanese.ShiftJIS, string(page))
	case s.has("eucjp-late-meta"):
		w.Header().Set("Content-Type", "text/html")
		page = legacy(o.t, japanese.EUCJP, string(page))
	case s.has("wrongcharset"):
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
	default:
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	}
	if s.has("gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		page = gzipped(page)
	}
	_, _ = w.Write(page)
}
