package classify

import (
	"cmp"
	"slices"
	"strings"

	crawler "github.com/vnjp-monitor/crawler"
)

// ErrorClass counts one class of mistakes made out of fold: a pillar
// missed or added, or a primary chosen wrongly, in one language, with
// one pattern of the pillar's evidence. Reading mistakes by class rather
// than article by article is what keeps a fix general.
type ErrorClass struct {
	Pillar string // the pillar missed or added; the labelled primary for "primary"
	Lang   string
	Kind   string // "missed", "added" or "primary"
	// Pattern describes the pillar's evidence ("1 sentence naming both,
	// headline; rules: no"), or for "primary" the pillar chosen instead.
	Pattern string
	Count   float64 // mean per repeat
}

// errorClasses counts the mistakes of each repeat's out-of-fold
// classifications got, on the cases labelled relevant and found so.
func errorClasses(ex []example, ids []string, got [][]crawler.Classification) []ErrorClass {
	type key struct{ pillar, lang, kind, pattern string }
	count := map[key]float64{}
	for _, rep := range got {
		for i, e := range ex {
			g := rep[i]
			if !e.relevant || !g.Relevant {
				continue
			}
			for p, id := range ids {
				pred := slices.Contains(g.Pillars, id)
				switch {
				case pred && !e.gold[p]:
					count[key{id, e.c.Lang, "added", evidencePattern(e.doc, p)}]++
				case !pred && e.gold[p]:
					count[key{id, e.c.Lang, "missed", evidencePattern(e.doc, p)}]++
				}
			}
			if g.Primary != e.c.Primary {
				count[key{e.c.Primary, e.c.Lang, "primary", "chose " + g.Primary}]++
			}
		}
	}
	out := make([]ErrorClass, 0, len(count))
	for k, n := range count {
		out = append(out, ErrorClass{Pillar: k.pillar, Lang: k.lang, Kind: k.kind, Pattern: k.pattern, Count: n / float64(len(got))})
	}
	slices.SortFunc(out, func(a, b ErrorClass) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Pillar, b.Pillar), strings.Compare(a.Kind, b.Kind),
			strings.Compare(a.Lang, b.Lang), strings.Compare(a.Pattern, b.Pattern))
	})
	return out
}

// evidencePattern describes pillar p's evidence in a document in a few
// words: where its phrases sit, and whether the hand-set rules assign it.
func evidencePattern(d *document, p int) string {
	s := &d.scores[p]
	var b strings.Builder
	switch {
	case s.enum:
		b.WriteString("in a list of fields")
	case s.total == 0:
		b.WriteString("no phrase")
	case !s.solid:
		b.WriteString("weak phrases only")
	case s.both >= 2:
		b.WriteString("2+ sentences naming both")
	case s.both == 1:
		b.WriteString("1 sentence naming both")
	case s.oneSide > 0:
		b.WriteString("one-side sentences only")
	default:
		b.WriteString("third-country sentences only")
	}
	if s.title > 0 {
		b.WriteString(", headline")
	}
	if d.rule.assigned[p] {
		b.WriteString("; rules: yes")
	} else {
		b.WriteString("; rules: no")
	}
	return b.String()
}
