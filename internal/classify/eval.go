package classify

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	crawler "github.com/vnjp-monitor/crawler"
)

// Case is one labelled article, in the JSON-lines format of the
// development set: id, url, lang, title, text, relevant, pillars, primary.
type Case struct {
	ID       string   `json:"id"`
	URL      string   `json:"url"`
	Lang     string   `json:"lang"`
	Title    string   `json:"title"`
	Text     string   `json:"text"`
	Relevant bool     `json:"relevant"`
	Pillars  []string `json:"pillars"`
	Primary  string   `json:"primary"` // "" (null in JSON) for negatives
	Note     string   `json:"note,omitempty"`
	// Source names the file the case came from, for reports by file.
	Source string `json:"-"`
}

// ReadCases reads labelled cases, one JSON object per line; blank lines
// are skipped. The error names the line at fault.
func ReadCases(r io.Reader) ([]Case, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []Case
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Case
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, fmt.Errorf("cases line %d: %w", n, err)
		}
		if c.ID == "" {
			return nil, fmt.Errorf("cases line %d: missing id", n)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read cases: %w", err)
	}
	return out, nil
}

// Score counts one binary decision: true and false positives, false
// negatives, and the precision, recall and F1 derived from them (0 when
// undefined, as the project's scorer computes them).
type Score struct {
	TP, FP, FN            int
	Precision, Recall, F1 float64
}

func (s *Score) add(pred, gold bool) {
	switch {
	case pred && gold:
		s.TP++
	case pred:
		s.FP++
	case gold:
		s.FN++
	}
}

func (s *Score) finish() {
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// PillarScore is one pillar's score over the relevant cases; Support is
// the number of cases labelled with it.
type PillarScore struct {
	ID      string
	Support int
	Score
}

// LangReport is the breakdown for one language. MacroF1 is computed as on
// the whole set (every default pillar counts, so a pillar absent from the
// language's cases scores 0); MacroF1InPlay averages only the pillars
// labelled or predicted in those cases.
type LangReport struct {
	Lang            string
	Cases           int
	RelevanceF1     float64
	MacroF1         float64
	MacroF1InPlay   float64
	PrimaryAccuracy float64
}

// Disagreement is a case where the classifier and the label differ, with
// the classifier's evidence.
type Disagreement struct {
	ID, Lang    string
	Kind        string // "missed", "false positive", "pillars" or "primary"
	WantPillars []string
	WantPrimary string
	Got         crawler.Classification
}

// Report is the result of [Evaluate]. Pillar metrics are computed, as the
// project's scorer does, over the cases labelled relevant, counting a
// case's predicted pillars only when it was predicted relevant; MacroF1
// is the mean F1 over the 13 default pillars.
type Report struct {
	Cases           int
	Relevant        int // cases labelled relevant
	Relevance       Score
	Pillars         []PillarScore
	MacroF1         float64
	MacroF1InPlay   float64 // mean F1 over the pillars labelled or predicted at least once
	MicroF1         float64
	PrimaryCorrect  int
	PrimaryAccuracy float64
	Languages       []LangReport
	Disagreements   []Disagreement
}

// Evaluate classifies every case and scores the results.
func Evaluate(c *Classifier, cases []Case) Report {
	got := make([]crawler.Classification, len(cases))
	for i, k := range cases {
		got[i] = c.Classify(Input{ID: k.ID, Title: k.Title, Text: k.Text, Lang: k.Lang, URL: k.URL})
	}
	return evaluate(cases, got)
}

// evaluate scores classifications of cases, as a whole and by language.
func evaluate(cases []Case, got []crawler.Classification) Report {
	r := score(cases, got)
	byLang := map[string][]int{}
	for i, k := range cases {
		byLang[k.Lang] = append(byLang[k.Lang], i)
	}
	for _, l := range langOrder(byLang) {
		var sub []Case
		var subGot []crawler.Classification
		for _, i := range byLang[l] {
			sub = append(sub, cases[i])
			subGot = append(subGot, got[i])
		}
		s := score(sub, subGot)
		r.Languages = append(r.Languages, LangReport{
			Lang: l, Cases: len(sub), RelevanceF1: s.Relevance.F1, MacroF1: s.MacroF1,
			MacroF1InPlay: s.MacroF1InPlay, PrimaryAccuracy: s.PrimaryAccuracy,
		})
	}
	r.Disagreements = disagreements(cases, got)
	return r
}

// score computes the metrics of the project's scorer on one set of cases.
func score(cases []Case, got []crawler.Classification) Report {
	r := Report{Cases: len(cases)}
	per := make([]PillarScore, len(crawler.DefaultPillarIDs))
	for i, id := range crawler.DefaultPillarIDs {
		per[i].ID = id
	}
	var micro Score
	for i, k := range cases {
		g := got[i]
		r.Relevance.add(g.Relevant, k.Relevant)
		if !k.Relevant {
			continue
		}
		r.Relevant++
		for j := range per {
			id := per[j].ID
			pred := g.Relevant && slices.Contains(g.Pillars, id)
			gold := slices.Contains(k.Pillars, id)
			per[j].add(pred, gold)
			micro.add(pred, gold)
		}
		if g.Relevant && g.Primary == k.Primary {
			r.PrimaryCorrect++
		}
	}
	r.Relevance.finish()
	micro.finish()
	sum, inPlaySum, inPlay := 0.0, 0.0, 0
	for j := range per {
		per[j].finish()
		per[j].Support = per[j].TP + per[j].FN
		sum += per[j].F1
		if per[j].Support+per[j].FP > 0 {
			inPlaySum += per[j].F1
			inPlay++
		}
	}
	r.Pillars = per
	r.MacroF1 = sum / float64(len(per))
	if inPlay > 0 {
		r.MacroF1InPlay = inPlaySum / float64(inPlay)
	}
	r.MicroF1 = micro.F1
	r.PrimaryAccuracy = float64(r.PrimaryCorrect) / float64(max(r.Relevant, 1))
	return r
}

func disagreements(cases []Case, got []crawler.Classification) []Disagreement {
	var out []Disagreement
	for i, k := range cases {
		g := got[i]
		kind := ""
		switch {
		case k.Relevant && !g.Relevant:
			kind = "missed"
		case !k.Relevant && g.Relevant:
			kind = "false positive"
		case k.Relevant && !sameSet(k.Pillars, g.Pillars):
			kind = "pillars"
		case k.Relevant && k.Primary != g.Primary:
			kind = "primary"
		}
		if kind != "" {
			out = append(out, Disagreement{ID: k.ID, Lang: k.Lang, Kind: kind, WantPillars: k.Pillars, WantPrimary: k.Primary, Got: g})
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	sort.Strings(x)
	sort.Strings(y)
	return slices.Equal(x, y)
}

// langOrder puts en, vi and ja first, then any other language.
func langOrder(m map[string][]int) []string {
	var out []string
	for _, l := range []string{"en", "vi", "ja"} {
		if _, ok := m[l]; ok {
			out = append(out, l)
		}
	}
	var rest []string
	for l := range m {
		if l != "en" && l != "vi" && l != "ja" {
			rest = append(rest, l)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
