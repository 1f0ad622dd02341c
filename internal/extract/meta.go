package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what the page says about itself outside the article body:
// <meta> tags, the <title>, the first <h1>, links and JSON-LD blocks. It is
// read in one walk over the tree, before any extraction mutates it.
type pageMeta struct {
	htmlLang  string
	title     string
	h1        string
	canonical string
	meta      map[string]string // lowercased name/property/itemprop/http-equiv → first content
	jsonLD    []string
	timeAttrs []string // datetime of <time> marked as the publication time
	firstTime string   // datetime of the first other <time> element
	dateTexts []string // short texts of elements whose class or id says "date"
	lead      string   // the standfirst printed after the headline, if any

	h1Ancestors map[*html.Node]bool
}

// maxDateTexts bounds how many date-like elements are kept; the article's
// own date comes before those of teasers in nearly every layout.
const maxDateTexts = 8

// dateClassWords mark class and id values of elements that show a date.
var dateClassWords = []string{"date", "time", "publish", "posted", "byline", "ngay", "meta"}

func dateClassed(v string) bool {
	if v == "" {
		return false
	}
	v = strings.ToLower(v)
	for _, w := range dateClassWords {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// get returns the first non-empty value among keys.
func (m *pageMeta) get(keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(m.meta[k]); v != "" {
			return v
		}
	}
	return ""
}

func readPage(doc *html.Node) *pageMeta {
	m := &pageMeta{meta: map[string]string{}}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 { // pathological nesting; the parser allows it, we need not
			return
		}
		if n.Type == html.ElementNode {
			m.visit(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return m
}

func (m *pageMeta) visit(n *html.Node) {
	switch n.DataAtom {
	case atom.Html:
		if m.htmlLang == "" {
			m.htmlLang = attr(n, "lang")
			if m.htmlLang == "" {
				m.htmlLang = attr(n, "xml:lang")
			}
		}
	case atom.Title:
		if m.title == "" && !inSVG(n) {
			m.title = textOf(n)
		}
	case atom.H1:
		if m.h1 == "" {
			m.h1 = textOf(n)
			m.h1Ancestors = map[*html.Node]bool{}
			for p := n.Parent; p != nil; p = p.Parent {
				m.h1Ancestors[p] = true
			}
		}
	case atom.P, atom.Div, atom.H2, atom.H3, atom.Section:
		m.visitLead(n)
	case atom.Meta:
		m.visitMeta(n)
	case atom.Link:
		if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
			m.canonical = strings.TrimSpace(attr(n, "href"))
		}
	case atom.Script:
		if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
			m.jsonLD = append(m.jsonLD, n.FirstChild.Data)
		}
	case atom.Time:
		if strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate") {
			if v := attr(n, "datetime"); v != "" {
				m.timeAttrs = append(m.timeAttrs, v)
			}
		} else if v := attr(n, "datetime"); v != "" && m.firstTime == "" {
			m.firstTime = v
		} else if v == "" {
			m.addDateText(n) // <time> without a machine-readable value
		}
	}
	m.visitDateText(n)
}

// visitLead keeps the first lead paragraph after the headline: an element
// classed as one (sapo, standfirst, summary...) that reads as prose.
func (m *pageMeta) visitLead(n *html.Node) {
	if m.lead != "" || m.h1 == "" || !leadClasses.matches(attr(n, "class")) && !leadClasses.matches(attr(n, "id")) {
		return
	}
	if countParagraphs(n, 0) > 1 {
		return // a container ("text-with-summary"), not a lead
	}
	if !m.nearHeadline(n) {
		return // a teaser's summary further down the page
	}
	t := collapseSpace(nodeText(n, "", 2000))
	if w := textWeight(t); w >= 60 && w <= maxLeadWeight && strings.ContainsAny(t, ".,。、") {
		m.lead = t
	}
}

// nearHeadline reports whether n shares an ancestor with the <h1> at most
// three levels above n.
func (m *pageMeta) nearHeadline(n *html.Node) bool {
	p := n.Parent
	for i := 0; i < 3 && p != nil; i++ {
		if m.h1Ancestors[p] {
			return true
		}
		p = p.Parent
	}
	return false
}

// maxLeadWeight bounds a lead paragraph's length (see textWeight).
const maxLeadWeight = 800

// countParagraphs counts the <p> and <li> elements under n, up to two.
func countParagraphs(n *html.Node, depth int) int {
	c := 0
	for ch := n.FirstChild; ch != nil && c < 2 && depth < maxDepth; ch = ch.NextSibling {
		if ch.DataAtom == atom.P || ch.DataAtom == atom.Li {
			c++
		}
		c += countParagraphs(ch, depth+1)
	}
	return c
}

// visitDateText keeps the visible text of elements such as
// <span class="date">, where Vietnamese and Japanese sites print the
// publication time ("Thứ năm, 12/11/2026, 08:30 (GMT+7)") without markup.
func (m *pageMeta) visitDateText(n *html.Node) {
	if len(m.dateTexts) >= maxDateTexts || n.DataAtom == atom.Html || n.DataAtom == atom.Body {
		return
	}
	if !dateClassed(attr(n, "class")) && !dateClassed(attr(n, "id")) {
		return
	}
	m.addDateText(n)
}

func (m *pageMeta) addDateText(n *html.Node) {
	if len(m.dateTexts) >= maxDateTexts {
		return
	}
	t := collapseSpace(nodeText(n, " ", 200))
	if t == "" {
		// <input class="published_date" value="..."> and the like
		t = strings.TrimSpace(firstNonEmpty(attr(n, "value"), attr(n, "content"), attr(n, "title")))
	}
	if t != "" && len(t) <= 120 && strings.ContainsAny(t, "0123456789") {
		m.dateTexts = append(m.dateTexts, t)
	}
}

func (m *pageMeta) visitMeta(n *html.Node) {
	content, ok := attrOK(n, "content")
	if !ok {
		// itemprop values are sometimes given as datetime or value.
		if content, ok = attrOK(n, "datetime"); !ok {
			return
		}
	}
	for _, key := range []string{"name", "property", "itemprop", "http-equiv"} {
		k := strings.ToLower(strings.TrimSpace(attr(n, key)))
		if k == "" {
			continue
		}
		if _, seen := m.meta[k]; !seen || strings.TrimSpace(m.meta[k]) == "" {
			m.meta[k] = content
		}
	}
}

func inSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}

func hasAttr(n *html.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf returns the whitespace-collapsed text under n, as a browser shows
// it in a title or headline: text nodes joined as they are, scripts left out.
func textOf(n *html.Node) string {
	return collapseSpace(nodeText(n, "", 1<<16))
}

// nodeText concatenates the text under n with sep between text nodes,
// stopping once about limit bytes are collected so that a date-classed
// wrapper around a whole article costs little.
func nodeText(n *html.Node, sep string, limit int) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case b.Len() > limit:
			return
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			b.WriteString(sep)
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		case n.Type == html.ElementNode && (n.DataAtom == atom.Rt || n.DataAtom == atom.Rp):
			return // ruby readings: the base text is the headline
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapseSpace trims s and turns each run of whitespace into one space,
// except that a lone ideographic space (U+3000), which Japanese headlines
// use as a separator, is kept as it is.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	run, ideographic := 0, true
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			run++
			ideographic = ideographic && r == '\u3000'
			continue
		}
		if run > 0 {
			if run == 1 && ideographic {
				b.WriteRune('\u3000')
			} else {
				b.WriteByte(' ')
			}
			run, ideographic = 0, true
		}
		b.WriteRune(r)
	}
	return b.String()
}
