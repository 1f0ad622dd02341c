package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// rxBodyClass matches class names that CMSs give to the container of an
// article's body. Only names this specific are used for merging: generic
// ones such as "post-content" also mark teasers in lists.
var rxBodyClass = regexp.MustCompile(`(?i)article[-_]{0,2}body|articlebody|story[-_]{0,2}body|body__container`)

// maxMergeDistance is how many levels above each container their common
// ancestor may be. Split bodies are wrapped in a grid cell or two each.
const maxMergeDistance = 4

// mergeSplitBodies joins article bodies that a page splits into several
// containers with the same class (a chunk, an advertisement, the next
// chunk...). The extractor takes the first matching container only, which
// loses everything after the first advertisement. Later chunks are moved,
// in order, into the first one.
func mergeSplitBodies(doc *html.Node) {
	groups := map[string][]*html.Node{}
	var order []string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 {
			return
		}
		if n.Type == html.ElementNode {
			if key := bodyKey(n); key != "" {
				if _, ok := groups[key]; !ok {
					order = append(order, key)
				}
				groups[key] = append(groups[key], n)
				return // nested containers belong to this one
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	for _, key := range order {
		g := groups[key]
		for _, n := range g[1:] {
			if near(g[0], n) {
				moveChildren(g[0], n)
			}
		}
	}
}

func bodyKey(n *html.Node) string {
	switch n.Data {
	case "div", "section", "article", "main":
	default:
		return ""
	}
	if strings.EqualFold(attr(n, "itemprop"), "articleBody") {
		return "itemprop"
	}
	if class := collapseSpace(attr(n, "class")); rxBodyClass.MatchString(class) {
		return "class:" + class
	}
	return ""
}

// near reports whether a and b have a common ancestor at most
// maxMergeDistance levels above each of them.
func near(a, b *html.Node) bool {
	depthA := map[*html.Node]int{}
	p := a.Parent
	for i := 1; p != nil && i <= maxMergeDistance; i++ {
		depthA[p] = i
		p = p.Parent
	}
	p = b.Parent
	for i := 1; p != nil && i <= maxMergeDistance; i++ {
		if _, ok := depthA[p]; ok {
			return true
		}
		p = p.Parent
	}
	return false
}

func moveChildren(dst, src *html.Node) {
	for c := src.FirstChild; c != nil; c = src.FirstChild {
		src.RemoveChild(c)
		dst.AppendChild(c)
	}
	if src.Parent != nil {
		src.Parent.RemoveChild(src)
	}
}
