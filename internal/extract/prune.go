package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pruneTail cuts doc after its maxElements-th element or maxParagraphs-th
// <p> in document order, whichever comes first: everything after that
// point is detached. Cost is linear in the part kept.
func pruneTail(doc *html.Node, maxElements, maxParagraphs int) {
	elements, paras := 0, 0
	var cut *html.Node
	var walk func(n *html.Node, depth int) bool
	walk = func(n *html.Node, depth int) bool {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode {
				elements++
				if ch.DataAtom == atom.P {
					paras++
				}
				if elements > maxElements || paras > maxParagraphs || depth > maxDepth {
					cut = ch
					return false
				}
			}
			if !walk(ch, depth+1) {
				return false
			}
		}
		return true
	}
	if walk(doc, 0) || cut == nil {
		return
	}
	// Detach cut and everything after it, at every level up to the root.
	for n := cut; n.Parent != nil; n = n.Parent {
		for sib := n.NextSibling; sib != nil; {
			next := sib.NextSibling
			n.Parent.RemoveChild(sib)
			sib = next
		}
	}
	cut.Parent.RemoveChild(cut)
}
