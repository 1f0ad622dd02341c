package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Small tree helpers for the cleaning steps.

func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Li, atom.Section, atom.Aside, atom.Figure:
		return true
	}
	return false
}

func firstElement(n *html.Node) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode {
			return ch
		}
		if ch.Type == html.TextNode && strings.TrimSpace(ch.Data) != "" {
			return nil
		}
	}
	return nil
}

func nextElement(n *html.Node) *html.Node {
	for sib := n.NextSibling; sib != nil; sib = sib.NextSibling {
		if sib.Type == html.ElementNode {
			return sib
		}
		if sib.Type == html.TextNode && strings.TrimSpace(sib.Data) != "" {
			return nil
		}
	}
	return nil
}

func findFirst(n *html.Node, a atom.Atom, depth int) *html.Node {
	if depth > maxDepth {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if f := findFirst(ch, a, depth+1); f != nil {
			return f
		}
	}
	return nil
}
