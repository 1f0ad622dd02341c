package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cleanSteps remove from the page, before the extractor sees it, the parts
// that are not the article but sit inside or next to it, in this order.
// Each step decides from structure (tags, class and id words, link
// density, repetition) and from the data in vocab.go.
var cleanSteps = []struct {
	name string
	run  func(*cleaner, *html.Node) bool // reports whether n was removed
}{
	{"ruby readings", dropRubyText},
	{"captions", dropCaption},
	{"boilerplate classes", dropBoilerClass},
	{"widget lists", dropWidget},
	{"advertisements", dropAdLabel},
	{"teaser links", dropTeaser},
	{"datelines", dropDateline},
}

// nodeStat is what the steps need to know about an element's text.
type nodeStat struct {
	text, link int // runes of visible text, of which inside links
	digits     int // ASCII digits in the text, so datelines are cheap to rule out
}

type cleaner struct {
	stats     map[*html.Node]nodeStat
	pageText  int                 // runes of visible text outside links, page-wide
	keep      map[*html.Node]bool // ancestors of the headline
	removed   int
	classSeen map[string]int // class or id value → classBoiler, classPrompt or classNeither
}

// cleanPage runs cleanSteps over doc, then drops promotions repeated
// within the page. It returns how many elements were removed.
func cleanPage(doc *html.Node) int {
	c := &cleaner{stats: map[*html.Node]nodeStat{}, keep: map[*html.Node]bool{}, classSeen: map[string]int{}}
	root := c.measure(doc, 0)
	c.pageText = root.text - root.link
	if h1 := findFirst(doc, atom.H1, 0); h1 != nil {
		for p := h1; p != nil; p = p.Parent {
			c.keep[p] = true
		}
	}
	c.walk(doc, 0)
	c.dropRepeats(doc)
	return c.removed
}

// measure fills c.stats bottom-up in one pass.
func (c *cleaner) measure(n *html.Node, depth int) nodeStat {
	var s nodeStat
	switch {
	case depth > maxDepth:
		return s
	case n.Type == html.TextNode:
		s.text = utf8.RuneCountInString(strings.TrimSpace(n.Data))
		s.digits = countDigits(n.Data)
		return s
	case n.Type == html.ElementNode && invisibleTag(n):
		c.stats[n] = s
		return s
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		cs := c.measure(ch, depth+1)
		s.text += cs.text
		s.link += cs.link
		s.digits += cs.digits
	}
	if n.DataAtom == atom.A {
		s.link = s.text
	}
	if n.Type == html.ElementNode {
		c.stats[n] = s
	}
	return s
}

// maxDepth bounds recursion on pathological nesting; the parser allows
// any depth, and no article is nested this deep.
const maxDepth = 512

func invisibleTag(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg:
		return true
	}
	return false
}

func (c *cleaner) walk(n *html.Node, depth int) {
	if depth > maxDepth {
		return
	}
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		if ch.Type == html.ElementNode && c.apply(ch) {
			ch = next
			continue
		}
		c.walk(ch, depth+1)
		ch = next
	}
}

func (c *cleaner) apply(n *html.Node) bool {
	for _, step := range cleanSteps {
		if step.run(c, n) {
			return true
		}
	}
	return false
}

func (c *cleaner) remove(n *html.Node) bool {
	if n.Parent == nil || c.keep[n] {
		return false
	}
	n.Parent.RemoveChild(n)
	c.removed++
	return true
}

// holdsArticle reports whether n contains at least half of the page's
// text outside links: such an element wraps the article, whatever its
// class says ("article has-related-links").
func (c *cleaner) holdsArticle(n *html.Node) bool {
	s := c.stats[n]
	return 2*(s.text-s.link) >= c.pageText && c.pageText > 0
}

// linkDense reports whether most of n's text is link text.
func (c *cleaner) linkDense(n *html.Node) bool {
	s := c.stats[n]
	return s.text > 0 && 2*s.link >= s.text
}

// dropRubyText keeps the base text of ruby annotations (furigana) and
// drops the readings: <ruby>漢字<rt>かんじ</rt></ruby> is 漢字. The
// <ruby> and <rb> wrappers go too, since the extractor discards
// paragraphs holding elements it does not know.
func dropRubyText(c *cleaner, n *html.Node) bool {
	switch n.DataAtom {
	case atom.Rt, atom.Rp:
		return c.remove(n)
	case atom.Ruby:
		unwrapRuby(n, n)
		return c.remove(n)
	}
	return false
}

// unwrapRuby moves the base text under n to before at, dropping readings.
func unwrapRuby(n, at *html.Node) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		switch {
		case ch.DataAtom == atom.Rt || ch.DataAtom == atom.Rp || ch.DataAtom == atom.Rtc:
		case ch.DataAtom == atom.Rb:
			unwrapRuby(ch, at)
		default:
			n.RemoveChild(ch)
			at.Parent.InsertBefore(ch, at)
		}
		ch = next
	}
}

func dropCaption(c *cleaner, n *html.Node) bool {
	if n.DataAtom == atom.Figcaption {
		return c.remove(n)
	}
	return false
}

// dropWidget removes a list of other articles under a heading such as
// 関連記事 or "Tin liên quan": the heading's container when it is mostly
// links, else the heading and the link lists that follow it.
func dropWidget(c *cleaner, n *html.Node) bool {
	s := c.stats[n]
	if s.text == 0 || s.text > 40 || s.link > 0 && s.link == s.text {
		return false
	}
	if !widgetTitles.MatchString(textOf(n)) {
		return false
	}
	if p := n.Parent; p != nil && p.FirstChild != nil && firstElement(p) == n && !c.holdsArticle(p) {
		ps := c.stats[p]
		if 2*ps.link >= ps.text-s.text && ps.link > 0 {
			return c.remove(p)
		}
	}
	for sib := nextElement(n); sib != nil && c.linkDense(sib) && c.remove(sib); sib = nextElement(n) {
	}
	return c.remove(n)
}

// dropAdLabel removes an advertisement: a label such as "ADVERTISEMENT",
// 広告 or "Quảng cáo" with the promotion it labels (its small container,
// or a link that follows it).
func dropAdLabel(c *cleaner, n *html.Node) bool {
	s := c.stats[n]
	if s.text == 0 || s.text > 20 || !adLabels.MatchString(textOf(n)) {
		return false
	}
	if p := n.Parent; p != nil && firstElement(p) == n && c.stats[p].text <= 300 && !c.holdsArticle(p) && p.DataAtom != atom.Body {
		return c.remove(p)
	}
	if sib := nextElement(n); sib != nil && c.linkDense(sib) && c.stats[sib].text <= 300 {
		c.remove(sib)
	}
	return c.remove(n)
}

// dropTeaser removes a "Read more: <headline>" line that points to
// another article.
func dropTeaser(c *cleaner, n *html.Node) bool {
	s := c.stats[n]
	if s.link == 0 || s.text > 200 {
		return false
	}
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Li, atom.Section, atom.Aside:
	default:
		return false
	}
	t := textOf(n)
	loc := teaserPrefixes.FindStringIndex(t)
	if loc == nil {
		return false
	}
	rest := utf8.RuneCountInString(strings.TrimSpace(t[loc[1]:]))
	if rest == 0 || 2*s.link < rest {
		return false
	}
	return c.remove(n)
}

// dropRepeats removes small link blocks whose text appears more than
// once on the page: the same promotion placed twice in an article.
func (c *cleaner) dropRepeats(doc *html.Node) {
	var blocks []*html.Node
	var texts []string
	count := map[string]int{} // text of small link blocks → occurrences
	var collect func(n *html.Node, depth int)
	collect = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		if n.Type == html.ElementNode {
			s, ok := c.stats[n]
			if ok && s.link > 0 && s.text >= 10 && s.text <= 200 && isBlock(n) {
				t := squash(textOf(n))
				blocks, texts = append(blocks, n), append(texts, t)
				count[t]++
				return
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			collect(ch, depth+1)
		}
	}
	collect(doc, 0)
	for i, n := range blocks {
		if count[texts[i]] > 1 && c.linkDense(n) {
			c.remove(n)
		}
	}
}

// dropDateline removes a line that only gives the article's date (and
// its small container with the source's name or a label such as 配信):
// the date is metadata, read separately.
func dropDateline(c *cleaner, n *html.Node) bool {
	s := c.stats[n]
	if s.text == 0 || s.text > 60 || s.digits < 3 || !dateLine(textOf(n)) {
		return false
	}
	if p := n.Parent; p != nil && c.stats[p].text <= s.text+24 && !c.holdsArticle(p) && p.DataAtom != atom.Body && c.remove(p) {
		return true
	}
	return c.remove(n)
}
