package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// classMatcher tells whether a class or id value names boilerplate, using
// boilerClassWords.
type classMatcher struct {
	exact  map[string]bool     // one-word entries
	prefix []string            // one-word entries ending in "*"
	runs   map[string][]string // first word → multi-word entries starting with it
	whole  map[string]bool     // entries that must be the whole value
}

var (
	boilerClasses = newClassMatcher(boilerClassWords)
	promptClasses = newClassMatcher(promptClassWords)
	leadClasses   = newClassMatcher(leadClassWords)
)

func newClassMatcher(entries []string) *classMatcher {
	m := &classMatcher{exact: map[string]bool{}, runs: map[string][]string{}, whole: map[string]bool{}}
	for _, e := range entries {
		switch {
		case strings.HasPrefix(e, "="):
			m.whole[e[1:]] = true
		case strings.Contains(e, " "):
			first, _, _ := strings.Cut(e, " ")
			m.runs[first] = append(m.runs[first], e)
		case strings.HasSuffix(e, "*"):
			m.prefix = append(m.prefix, strings.TrimSuffix(e, "*"))
		default:
			m.exact[e] = true
		}
	}
	return m
}

// matches reports whether any class name in value names boilerplate.
func (m *classMatcher) matches(value string) bool {
	if m.whole[strings.ToLower(strings.TrimSpace(value))] {
		return true
	}
	for _, name := range strings.Fields(value) {
		if m.matchName(name) {
			return true
		}
	}
	return false
}

func (m *classMatcher) matchName(name string) bool {
	words := classNameWords(name)
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		// Two-letter words are utility classes when a number follows
		// ("pr-4" is padding, not a promotion).
		if m.exact[w] && (len(w) > 2 || !isDigits(next)) {
			return true
		}
		for _, p := range m.prefix {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
		for _, run := range m.runs[w] {
			if strings.HasPrefix(strings.Join(words[i:], " ")+" ", run+" ") {
				return true
			}
		}
	}
	return false
}

// classNameWords splits a class name into lowercase words at punctuation,
// digits and lower-to-upper case changes: "relatedNews_box2" gives
// "related", "news", "box", "2".
func classNameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range name {
		switch {
		case unicode.IsDigit(r):
			if len(cur) > 0 && !unicode.IsDigit(prev) {
				flush()
			}
			cur = append(cur, r)
		case unicode.IsLetter(r):
			if len(cur) > 0 && (unicode.IsDigit(prev) || unicode.IsUpper(r) && unicode.IsLower(prev)) {
				flush()
			}
			cur = append(cur, r)
		default:
			flush()
		}
		prev = r
	}
	flush()
	return words
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// dropBoilerClass removes an element whose class or id names boilerplate
// (unless it holds the article), or a paywall prompt of prompt size.
func dropBoilerClass(c *cleaner, n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Head, atom.Title, atom.Meta, atom.Link, atom.Script:
		return false
	}
	kind := max(c.classKind(attr(n, "class")), c.classKind(attr(n, "id")))
	switch kind {
	case classBoiler:
		return !c.holdsArticle(n) && c.remove(n)
	case classPrompt:
		return c.stats[n].text <= maxPromptText && c.remove(n)
	}
	return false
}

const (
	classNeither = iota
	classPrompt
	classBoiler
)

// classKind classifies a class or id value, remembering the answer: a
// page repeats the same few values on many elements.
func (c *cleaner) classKind(v string) int {
	if v == "" {
		return classNeither
	}
	if k, ok := c.classSeen[v]; ok {
		return k
	}
	k := classNeither
	switch {
	case boilerClasses.matches(v):
		k = classBoiler
	case promptClasses.matches(v):
		k = classPrompt
	}
	c.classSeen[v] = k
	return k
}

// maxPromptText is the most text, in runes, of a paywall prompt.
const maxPromptText = 400
