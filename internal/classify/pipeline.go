package classify

import (
	"math"
	"sort"
)

// stage is one step of the decision: a function of the document as the
// steps before it left it.
type stage struct {
	name string
	run  func(c *Classifier, d *document)
}

// pipeline is the whole decision, in the order it runs. Each stage reads
// what the stages before it added to the document and adds its own part;
// none changes an earlier stage's output.
//
//   - prepare: cut the input to its bounds, bring it to NFC, detect its
//     language, split it into sentences and normalise them, then find
//     every gazetteer name, role cue and taxonomy phrase in one
//     Aho–Corasick pass.
//   - index: keep the longest of overlapping names, order the hits and
//     build the per-sentence lookups the rules use.
//   - countries: sum up each sentence's names: the two countries, joined
//     or not, stand-ins, localities, third countries, frameworks.
//   - relevance: the pairing rules score how the two countries are
//     paired and say why a story is not about them; the relevance model
//     decides from that score and the features beside it.
//   - pillar-evidence: each sentence's phrases go through the sentence
//     rules (sentenceRules) and add to each pillar's evidence, weighed by
//     where the sentence is and whom it names.
//   - conventions: the hand-set decision: evidence thresholds, then the
//     labelling conventions (conventions), a feature of the models.
//   - pillars: the presence model decides each pillar.
//   - primary: the primary model chooses among the pillars kept.
//   - evidence: the verdict, with the sentences that decided it and the
//     phrases that counted in them.
var pipeline = []stage{
	{"prepare", (*Classifier).prepare},
	{"index", func(c *Classifier, d *document) { d.index(len(c.pillars)) }},
	{"countries", (*Classifier).countries},
	{"relevance", (*Classifier).relevance},
	{"pillar-evidence", (*Classifier).pillarEvidenceStage},
	{"conventions", (*Classifier).conventionsStage},
	{"pillars", (*Classifier).presence},
	{"primary", (*Classifier).primary},
	{"evidence", (*Classifier).verdict},
}

// wanted reports whether the pillar stages have work: a relevant story,
// or any story while training.
func (d *document) wanted() bool { return d.v.relevant || d.extract }

// relevance decides whether the story is about the two countries.
func (c *Classifier) relevance(d *document) {
	d.judge(c.vocab)
	v := &d.v
	if c.model == nil {
		v.score = v.rule
	} else {
		v.score = sigmoid(c.model.relevance.score(d.relevanceVector()))
	}
	v.relevant = v.score >= 0.5
}

func (c *Classifier) pillarEvidenceStage(d *document) {
	if d.wanted() {
		c.scorePillars(d)
	}
}

func (c *Classifier) conventionsStage(d *document) {
	if d.wanted() {
		c.decideByRules(d)
	}
}

// presence decides each pillar: the model's probability against the
// model's threshold, or the hand-set decision without a model. A
// relevant story always gets a pillar: the likeliest one.
func (c *Classifier) presence(d *document) {
	if !d.wanted() {
		return
	}
	if c.model == nil {
		d.chosen = d.rule.order
		return
	}
	d.logit = make([]float64, len(c.pillars))
	best := 0
	for p := range c.pillars {
		d.logit[p] = c.model.pillars[p].score(d.pillarVector(p))
		if d.logit[p] >= c.model.cut {
			d.chosen = append(d.chosen, p)
		}
		if d.logit[p] > d.logit[best] {
			best = p
		}
	}
	if len(d.chosen) == 0 {
		d.chosen = []int{best}
	}
}

// primary orders the pillars kept: the primary model's choice first,
// then by presence.
func (c *Classifier) primary(d *document) {
	if !d.wanted() || c.model == nil || len(d.chosen) < 2 {
		return
	}
	xs := d.primaryVectors(d.chosen, d.logit, c.political())
	score := make(map[int]float64, len(d.chosen))
	for k, p := range d.chosen {
		score[p] = c.model.primaryScore(p, xs[k])
	}
	top := d.chosen[0]
	for _, p := range d.chosen {
		if score[p] > score[top] {
			top = p
		}
	}
	sort.SliceStable(d.chosen, func(i, j int) bool {
		a, b := d.chosen[i], d.chosen[j]
		if (a == top) != (b == top) {
			return a == top
		}
		return d.logit[a] > d.logit[b]
	})
}

// clampLogit bounds a log-odds for use as a feature.
func clampLogit(z float64) float64 {
	if math.IsNaN(z) {
		return 0
	}
	return max(-4, min(4, z))
}
