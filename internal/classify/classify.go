package classify

import (
	"fmt"
	"slices"
	"sort"

	crawler "github.com/vnjp-monitor/crawler"
)

// Classifier decides relevance and pillars with a compiled taxonomy. It is
// safe for concurrent use.
type Classifier struct {
	pillars  []crawler.Pillar
	index    map[string]int      // pillar ID -> position
	matchers map[string]*matcher // by language, "vi+marks" for Vietnamese with diacritics
}

// Input is one article to classify.
type Input struct {
	ID    string // passed through by callers; not used for the decision
	Title string
	Text  string
	Lang  string // ISO 639-1; "" to detect it from the text
	URL   string // its path words stand in for a missing title
}

// New compiles a taxonomy (the 13 default pillars ship in config.yaml).
// The error names the pillar and the term at fault.
func New(pillars []crawler.Pillar) (*Classifier, error) {
	if err := validate(pillars); err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	m, err := compile(pillars)
	if err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	c := &Classifier{pillars: slices.Clone(pillars), index: map[string]int{}, matchers: m}
	for i, p := range pillars {
		c.index[p.ID] = i
	}
	return c, nil
}

// Classify returns the verdict on one article. Relevance is in 0..1 and
// Relevant is Relevance >= 0.5; Pillars is sorted by strength with the
// primary first, and is empty (not nil) when the article is not relevant;
// Evidence holds, under "relevance" and under each assigned pillar, at
// most three trimmed sentences that decided it.
func (c *Classifier) Classify(in Input) crawler.Classification {
	d := c.prepare(in)
	sc := d.countries()
	v := d.judge(sc)
	out := crawler.Classification{
		Relevant:  v.relevant,
		Relevance: round2(v.score),
		Pillars:   []string{},
		Evidence:  map[string][]string{crawler.EvidenceRelevance: v.evidence},
	}
	if !v.relevant {
		out.Relevance = min(out.Relevance, 0.49)
		return out
	}
	scores := c.scorePillars(d, v)
	assigned := make([]bool, len(scores))
	for p := range scores {
		assigned[p] = scores[p].assigned()
	}
	c.applyConventions(d, v, sc, scores, assigned)
	order := c.rank(scores, assigned)
	for _, p := range order {
		id := c.pillars[p].ID
		out.Pillars = append(out.Pillars, id)
		out.Evidence[id] = d.pillarEvidence(scores[p].hits, v.evidence)
	}
	out.Primary = out.Pillars[0]
	return out
}

// rank orders the assigned pillars by primary score. A relevant story
// always gets a pillar: the best-scoring one, or political trust (the
// relationship in general) when no term matched.
func (c *Classifier) rank(scores []pillarScore, assigned []bool) []int {
	var order []int
	for p := range scores {
		if assigned[p] {
			order = append(order, p)
		}
	}
	if len(order) == 0 {
		best := topPillar(scores, allTrue(len(scores)), -1)
		if scores[best].prim == 0 {
			if p, ok := c.index[crawler.PillarPolitical]; ok {
				best = p
			}
		}
		return []int{best}
	}
	sort.SliceStable(order, func(i, j int) bool {
		return scores[order[i]].prim > scores[order[j]].prim
	})
	return order
}

func allTrue(n int) []bool {
	b := make([]bool, n)
	for i := range b {
		b[i] = true
	}
	return b
}

func round2(f float64) float64 {
	return float64(int(f*100+0.5)) / 100
}
