package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnjp-monitor/crawler/internal/lang"
)

// textContext is what the paragraph steps know about the page.
type textContext struct {
	title, h1, author, lead string
}

// paragraphSteps tidy the extracted text, in this order. Each takes the
// paragraphs and returns those to keep.
var paragraphSteps = []struct {
	name string
	run  func([]string, *textContext) []string
}{
	{"fragment echoed before the headline", dropEchoBeforeHeadline},
	{"headline copy", dropHeadlineCopy},
	{"adjacent repeats", dropAdjacentRepeats},
	{"pull quotes", dropPullQuotes},
	{"paywall", cutAtPaywall},
	{"page lines", dropPageLines},
	{"trailing byline", dropTrailingByline},
	{"lead", addLead},
}

// cleanParagraphs runs paragraphSteps over text, whose paragraphs are
// separated by blank lines.
func cleanParagraphs(text string, ctx *textContext) string {
	if text == "" {
		return ""
	}
	var paras []string
	for _, p := range strings.Split(text, "\n\n") {
		if squash(p) != "" {
			paras = append(paras, p)
		}
	}
	for _, step := range paragraphSteps {
		paras = step.run(paras, ctx)
	}
	return strings.Join(paras, "\n\n")
}

func (ctx *textContext) isHeadline(p string) bool {
	k := squash(p)
	return k != "" && (k == squash(ctx.title) || k == squash(ctx.h1))
}

// dropEchoBeforeHeadline handles an extractor quirk: it sometimes emits a
// paragraph of the body, then the whole article from its headline on.
// Paragraphs before a headline copy that all reappear after it go.
func dropEchoBeforeHeadline(paras []string, ctx *textContext) []string {
	for k := 1; k < len(paras) && k <= 3; k++ {
		if !ctx.isHeadline(paras[k]) {
			continue
		}
		after := map[string]bool{}
		for _, p := range paras[k+1:] {
			for _, l := range strings.Split(p, "\n") {
				after[squash(l)] = true
			}
		}
		for _, p := range paras[:k] {
			for _, l := range strings.Split(p, "\n") {
				if !after[squash(l)] {
					return paras
				}
			}
		}
		return paras[k+1:]
	}
	return paras
}

// dropHeadlineCopy drops a copy of the headline among the first
// paragraphs (the extractor often keeps the <h1>) and the short lines
// before it (kicker, section name).
func dropHeadlineCopy(paras []string, ctx *textContext) []string {
	for k := 0; k < len(paras) && k < 3; k++ {
		if ctx.isHeadline(paras[k]) {
			return paras[k+1:]
		}
		if looksLikeProse(paras[k]) || strings.ContainsAny(paras[k], ".!?。！？") {
			break
		}
	}
	return paras
}

// dropAdjacentRepeats drops a paragraph repeated back to back (a caption
// rendered twice), and a long paragraph that was a line of an earlier
// block (the extractor emitted a block, then its parts again). Short repeats further
// apart stay: interviews repeat their questions and recipes their steps.
func dropAdjacentRepeats(paras []string, _ *textContext) []string {
	out := paras[:0:0]
	prev := ""
	seen := map[string]bool{}
	for _, p := range paras {
		k := squash(p)
		if k == prev || textWeight(p) >= 60 && seen[k] {
			continue
		}
		if lines := strings.Split(p, "\n"); len(lines) > 1 {
			for _, l := range lines {
				seen[squash(l)] = true
			}
		}
		out = append(out, p)
		prev = k
	}
	return out
}

// cutAtPaywall ends the text at a paywall's wall ("この記事は有料記事です",
// "残り1203文字"): the page shows its teaser, then prompts.
func cutAtPaywall(paras []string, _ *textContext) []string {
	for i, p := range paras {
		if i > 0 && utf8.RuneCountInString(p) <= 200 && paywallWall.MatchString(p) {
			return paras[:i]
		}
	}
	return paras
}

// dropPageLines drops short lines about the page rather than the story:
// datelines, copyright and credit lines, invitations to subscribe or
// continue reading, advertisement labels, the author's name alone.
func dropPageLines(paras []string, ctx *textContext) []string {
	out := paras[:0:0]
	author := squash(ctx.author)
	for _, p := range paras {
		short := utf8.RuneCountInString(p) <= 120
		switch {
		case short && dateLine(p),
			short && creditLine(p),
			short && staffCredit(p),
			short && pageNotice(p),
			captionLine(p),
			short && paywallPrompts.MatchString(p) && !looksLikeProse(p),
			adLabels.MatchString(p),
			author != "" && squash(p) == author:
			continue
		}
		out = append(out, p)
	}
	return out
}

// dropTrailingByline drops a last paragraph that is only a name (a
// byline printed under the text, "HOÀNG MAI"): at most four capitalised
// words, no punctuation.
func dropTrailingByline(paras []string, _ *textContext) []string {
	if len(paras) < 2 {
		return paras
	}
	last := paras[len(paras)-1]
	words := strings.Fields(last)
	if len(words) == 0 || len(words) > 4 || utf8.RuneCountInString(last) > 30 || strings.HasSuffix(last, ".") {
		return paras
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsFunc(w, func(c rune) bool { return !unicode.IsLetter(c) && c != '.' && c != '-' }) {
			return paras
		}
	}
	return paras[:len(paras)-1]
}

// addLead puts the page's lead paragraph first when the extractor left
// it out (it sits between the headline and the body's container). In
// Vietnamese and Japanese news the lead (sapo, リード) is the article's
// first paragraph; English sites' standfirsts are a summary apart from
// the body, and are left out as the English benchmark's readers did.
func addLead(paras []string, ctx *textContext) []string {
	if ctx.lead == "" || len(paras) == 0 {
		return paras
	}
	if l := lang.Detect(ctx.lead); l != "vi" && l != "ja" {
		return paras
	}
	lead := squash(ctx.lead)
	for _, p := range paras {
		if k := squash(p); strings.Contains(k, lead) || strings.Contains(lead, k) && len(k) > len(lead)/2 {
			return paras
		}
	}
	return append([]string{ctx.lead}, paras...)
}
