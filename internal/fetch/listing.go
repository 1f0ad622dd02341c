package fetch

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/canon"
)

// Default selectors for HTML listings.
const (
	defaultLinkSelector = "a[href]"
	defaultNextSelector = `link[rel~="next"], a[rel~="next"]`
)

// discoverHTML reads a listing page and follows its "next" link up to
// src.MaxPages pages. Only the first page's failure is fatal.
func (s *session) discoverHTML(src crawler.Source, b *builder) error {
	pages := max(src.MaxPages, 1)
	visited := make(map[string]bool)
	next := src.URL
	for n := 1; n <= pages && next != ""; n++ {
		if key, err := canon.URL(next); err == nil {
			visited[key] = true
		}
		res, err := s.conditionalGet(next, acceptHTML, b)
		if err != nil {
			if n == 1 {
				return err
			}
			b.errorf("listing page %d %s: %w", n, next, err)
			return nil
		}
		if res == nil {
			return nil // 304: the pages after this one have not moved either
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(htmlToUTF8(res.body, res.header.Get("Content-Type"))))
		if err != nil {
			if n == 1 {
				return fmt.Errorf("parse listing: %w", err)
			}
			b.errorf("listing page %d %s: parse: %w", n, next, err)
			return nil
		}
		base := documentBase(doc, res.finalURL)
		listLinks(doc, base, src, b)
		s.saveValidators(res, b)
		next = nextPage(doc, base, src.NextSelector)
		if key, err := canon.URL(next); err == nil && visited[key] {
			next = ""
		}
	}
	return nil
}

// documentBase honours <base href>, which listing templates use to make
// relative links resolve against the site root.
func documentBase(doc *goquery.Document, pageURL string) string {
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if u, err := canon.Resolve(pageURL, href); err == nil {
			return u
		}
	}
	return pageURL
}

// listLinks adds the article links selected on one listing page. A selector
// may point at the links themselves or at containers holding one. A link's
// text is its title; an image link's alt text or a title attribute is used
// only when no link to the same story on the page has text, because image
// links usually come before the headline.
func listLinks(doc *goquery.Document, base string, src crawler.Source, b *builder) {
	sel := cmp.Or(strings.TrimSpace(src.LinkSelector), defaultLinkSelector)
	lang := normLang(doc.Find("html").AttrOr("lang", ""))
	baseHost := siteHost(base)
	fallback := make(map[string]string)
	doc.Find(sel).Each(func(_ int, el *goquery.Selection) {
		a := el
		if goquery.NodeName(el) != "a" {
			a = containerLink(el)
		}
		href, ok := a.Attr("href")
		if !ok {
			return
		}
		u, err := canon.Resolve(base, href)
		if err != nil {
			return // javascript:, mailto: and other non-article links
		}
		if src.ArticleRegexp != nil {
			if !src.ArticleRegexp.MatchString(u) {
				return
			}
		} else if siteHost(u) != baseHost {
			return
		}
		if _, ok := fallback[u]; !ok {
			fallback[u] = collapseSpace(cmp.Or(a.AttrOr("title", ""), a.Find("img[alt]").AttrOr("alt", "")))
		}
		b.add(Item{URL: u, Title: collapseSpace(a.Text()), Lang: lang})
	})
	for u, title := range fallback {
		if it := &b.Items[b.seen[u]]; it.Title == "" {
			it.Title = title
		}
	}
}

// containerLink picks the link of a story container: the first one with
// text (the headline) rather than an image link before it.
func containerLink(el *goquery.Selection) *goquery.Selection {
	links := el.Find("a[href]")
	for i := range links.Length() {
		if l := links.Eq(i); strings.TrimSpace(l.Text()) != "" {
			return l
		}
	}
	return links.First()
}

// nextPage returns the absolute URL of the next listing page, or "".
func nextPage(doc *goquery.Document, base, selector string) string {
	sel := cmp.Or(strings.TrimSpace(selector), defaultNextSelector)
	el := doc.Find(sel).First()
	if goquery.NodeName(el) != "a" && goquery.NodeName(el) != "link" {
		el = el.Find("a[href]").First()
	}
	href, ok := el.Attr("href")
	if !ok {
		return ""
	}
	u, err := canon.Resolve(base, href)
	if err != nil {
		return ""
	}
	return u
}

// siteHost is the host of u without a leading "www.", so that links
// between www.example.com and example.com count as the same site.
func siteHost(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(p.Host), "www.")
}
