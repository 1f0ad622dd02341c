package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// blockTags start a new paragraph; everything else flows inline. Tags are
// matched by name because the extractor builds nodes without atoms.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "li": true, "dd": true, "dt": true, "blockquote": true,
	"pre": true, "table": true, "tr": true, "ul": true, "ol": true, "dl": true,
	"section": true, "article": true, "header": true, "footer": true,
	"figure": true, "figcaption": true, "summary": true, "details": true,
	"main": true, "aside": true, "nav": true, "form": true, "hr": true,
	"address": true, "center": true, "caption": true, "body": true,
}

// textRenderer turns an extracted content tree into paragraphs.
type textRenderer struct {
	paras []string
	cur   strings.Builder
	space bool // a collapsed space is pending before the next word
	nl    bool // the pending space came from a source line break
	soft  bool // an inline element boundary lies before the next character
	pre   int  // depth inside <pre>
}

// renderText returns the text under n as paragraphs separated by "\n\n",
// with whitespace collapsed inside each paragraph, line breaks kept as
// "\n" and table cells separated by " | ".
func renderText(n *html.Node) string {
	if n == nil {
		return ""
	}
	r := &textRenderer{}
	r.walk(n, 0)
	r.flush()
	return strings.Join(r.paras, "\n\n")
}

func (r *textRenderer) walk(n *html.Node, depth int) {
	switch {
	case depth > 512: // deeper nesting is not an article
	case n.Type == html.TextNode:
		r.text(n.Data)
	case n.Type == html.ElementNode:
		r.element(n, depth)
	default:
		r.children(n, depth)
	}
}

func (r *textRenderer) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, depth+1)
	}
}

func (r *textRenderer) element(n *html.Node, depth int) {
	tag := strings.ToLower(n.Data)
	switch tag {
	case "script", "style", "noscript", "template", "svg":
		return
	case "br":
		r.lineBreak()
		return
	case "td", "th":
		if strings.TrimSpace(r.cur.String()) != "" {
			r.cur.WriteString(" | ")
			r.space = false
		}
	}
	block := blockTags[tag]
	if block {
		r.flush()
	}
	if tag == "pre" {
		r.pre++
	}
	r.soft = true
	r.children(n, depth)
	r.soft = true
	if tag == "pre" {
		r.pre--
	}
	if block {
		r.flush()
	}
}

func (r *textRenderer) text(s string) {
	if r.pre > 0 {
		r.cur.WriteString(s)
		return
	}
	for _, c := range s {
		if invisible(c) {
			continue
		}
		if unicode.IsSpace(c) && c != '\u3000' { // the ideographic space is text
			if !r.space {
				r.nl = false
			}
			r.space = true
			r.nl = r.nl || c == '\n'
			continue
		}
		if r.cur.Len() > 0 && !endsWithNewline(&r.cur) {
			if (r.space && !r.cjkJoin(c)) || (!r.space && r.soft && r.softSpace(c)) {
				r.cur.WriteByte(' ')
			}
		}
		r.space, r.soft = false, false
		r.cur.WriteRune(c)
	}
}

// invisible reports characters that only hint at line breaking (soft
// hyphen, zero-width space, word joiner, BOM). Left in, they split words
// for every later search.
func invisible(c rune) bool {
	return c == '\u00AD' || c == '\u200B' || c == '\u2060' || c == '\uFEFF'
}

// softSpace reports whether an element boundary between the text so far
// and next stands for a space. The extractor trims the whitespace around
// inline elements ("<b>Name</b>said"), so words are separated again unless
// punctuation or CJK text makes a space wrong.
func (r *textRenderer) softSpace(next rune) bool {
	prev, _ := utf8.DecodeLastRuneInString(r.cur.String())
	if isCJK(prev) || isCJK(next) {
		return false
	}
	prevOK := unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune(".,;:!?)]}”’%", prev)
	nextOK := unicode.IsLetter(next) || unicode.IsDigit(next) || strings.ContainsRune("([{“‘", next)
	return prevOK && nextOK
}

// cjkJoin reports whether a source line break between two CJK characters
// should vanish, as browsers render it: Japanese text is wrapped in the
// source without spaces between the words.
func (r *textRenderer) cjkJoin(next rune) bool {
	if !r.nl || !isCJK(next) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(r.cur.String())
	return isCJK(prev)
}

func isCJK(c rune) bool {
	return unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF)
}

func (r *textRenderer) lineBreak() {
	if r.cur.Len() > 0 && !endsWithNewline(&r.cur) {
		r.cur.WriteByte('\n')
	}
	r.space = false
}

func endsWithNewline(b *strings.Builder) bool {
	s := b.String()
	return len(s) > 0 && s[len(s)-1] == '\n'
}

func (r *textRenderer) flush() {
	p := strings.TrimSpace(r.cur.String())
	r.cur.Reset()
	r.space = false
	if p == "" {
		return
	}
	// Drop blank lines inside a paragraph (runs of <br>, empty pre lines).
	lines := strings.Split(p, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.TrimRightFunc(l, unicode.IsSpace); strings.TrimSpace(l) != "" {
			kept = append(kept, l)
		}
	}
	r.paras = append(r.paras, strings.Join(kept, "\n"))
}
