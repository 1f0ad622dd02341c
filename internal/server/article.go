package server

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	crawler "github.com/vnjp-monitor/crawler"
)

// evidenceBlock is one decision's evidence on the article page.
type evidenceBlock struct {
	Name, Class string
	Primary     bool
	Sentences   [][]segment
}

// link is an address shown on the article page.
type link struct{ Href, Text string }

// articlePage is the model of the article template.
type articlePage struct {
	Title              string
	Card               card
	Author, Site       string
	Published, Fetched string
	Kept               bool
	Verdict            string
	Evidence           []evidenceBlock
	RelevanceEvidence  [][]segment
	Paragraphs         [][]segment
	URLs               []link
	Sources            string
	MarkedFromTaxonomy bool
}

func (st *site) articlePage(a *crawler.Article) *articlePage {
	p := &articlePage{
		Title: a.Title, Card: st.card(a), Author: a.Author, Site: a.SiteName,
		Published: st.when(a.Published), Fetched: st.when(a.Fetched),
		Kept: a.Relevant, Verdict: st.verdict(a), Sources: strings.Join(a.Sources, ", "),
		MarkedFromTaxonomy: len(a.Spans) == 0,
	}
	var textSpans []span
	for _, c := range p.Card.Chips {
		b, spans := st.evidence(a, c.ID)
		b.Primary = c.Primary
		p.Evidence = append(p.Evidence, b)
		textSpans = append(textSpans, spans...)
	}
	rel, _ := st.evidence(a, crawler.EvidenceRelevance)
	p.RelevanceEvidence = rel.Sentences
	p.Paragraphs = st.paragraphs(a.Text, dropOverlaps(textSpans))
	for _, u := range a.URLs {
		p.URLs = append(p.URLs, link{Href: safeURL(u), Text: u})
	}
	if len(p.URLs) == 0 && a.URL != "" {
		p.URLs = []link{{Href: safeURL(a.URL), Text: a.URL}}
	}
	return p
}

func (st *site) when(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.In(st.loc()).Format("Mon 2 Jan 2006, 15:04 MST")
}

// verdict puts the classifier's decision in words.
func (st *site) verdict(a *crawler.Article) string {
	if !a.Relevant {
		return fmt.Sprintf("Not kept: judged not about Viet Nam–Japan relations (relevance %.2f).", a.Relevance)
	}
	v := fmt.Sprintf("Kept: about Viet Nam–Japan relations (relevance %.2f, %s).", a.Relevance, relevanceWords(a.Relevance))
	var others []string
	for _, c := range st.chips(a) {
		if c.Primary {
			v += " Mostly about " + c.Name + "."
		} else {
			others = append(others, c.Name)
		}
	}
	if len(others) > 0 {
		v += " Also about " + joinWords(others) + "."
	}
	return v
}

func joinWords(list []string) string {
	if len(list) == 1 {
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
}

// evidence returns the evidence sentences of one decision with their
// marks, and the marks placed in the article's text.
func (st *site) evidence(a *crawler.Article, id string) (evidenceBlock, []span) {
	p := st.pillar(id)
	b := evidenceBlock{Name: p.Name, Class: st.pillarClass(id)}
	var text []span
	add := func(sentence string, offset int, marks []span) {
		b.Sentences = append(b.Sentences, st.segments(sentence, 0, marks))
		if offset < 0 {
			return
		}
		for _, m := range marks {
			text = append(text, span{m.start + offset, m.end + offset, id})
		}
	}
	if spans, ok := a.Spans[id]; ok && len(spans) > 0 {
		for _, sp := range spans {
			add(sp.Sentence, sp.Offset, st.sentenceMarks(id, sp.Sentence, sp.Marks, true))
		}
		return b, text
	}
	for _, sentence := range a.Evidence[id] {
		offset := -1
		if i := strings.Index(a.Text, sentence); i >= 0 && sentence != "" {
			offset = utf8.RuneCountInString(a.Text[:i])
		}
		add(sentence, offset, st.sentenceMarks(id, sentence, nil, false))
	}
	return b, text
}

// paragraphs cuts text at blank lines and marks the spans in each.
func (st *site) paragraphs(text string, spans []span) [][]segment {
	var out [][]segment
	base := 0
	for _, par := range strings.Split(text, "\n\n") {
		n := utf8.RuneCountInString(par)
		if strings.TrimSpace(par) != "" {
			var in []span
			for _, s := range spans {
				if s.start >= base && s.end <= base+n {
					in = append(in, s)
				}
			}
			out = append(out, st.segments(par, base, in))
		}
		base += n + 2
	}
	return out
}
