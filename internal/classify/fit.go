package classify

import (
	"fmt"
	"slices"

	crawler "github.com/vnjp-monitor/crawler"
)

// fitted is a model being trained or cross-validated, laid out by
// pillar index.
type fitted struct {
	pol       int     // index of political trust, -1 without it
	threshold float64 // presence probability at which a pillar is kept
	cut       float64 // the same as log-odds
	rel       Linear
	pillars   []Linear // shared plus own, by pillar
	shared    Linear
	own       []Linear
	primary   []float64
	prior     []float64
}

// fit trains the three models on examples for the pillars ids, keeping
// a pillar at a presence probability of threshold.
func fit(ex []example, ids []string, lam Lambda, threshold float64) (*fitted, error) {
	npillars := len(ids)
	f := &fitted{pol: slices.Index(ids, crawler.PillarPolitical), threshold: threshold, cut: logOdds(threshold)}
	var err error
	if f.rel, err = fitRelevance(ex, lam.Relevance); err != nil {
		return nil, fmt.Errorf("relevance: %w", err)
	}
	if f.shared, f.own, err = fitPillars(ex, npillars, lam); err != nil {
		return nil, fmt.Errorf("pillars: %w", err)
	}
	f.pillars = combine(f.shared, f.own)
	// The primary model learns from presence log-odds as they look on
	// articles the presence model has not seen: out of fold.
	logits, err := crossLogits(ex, npillars, lam)
	if err != nil {
		return nil, fmt.Errorf("pillars: %w", err)
	}
	if f.primary, f.prior, err = fitPrimary(ex, logits, f.pol, f.cut, npillars, lam); err != nil {
		return nil, fmt.Errorf("primary: %w", err)
	}
	return f, nil
}

func fitRelevance(ex []example, lambda float64) (Linear, error) {
	nf := len(relevanceFeatures)
	rows := make([]sparseRow, len(ex))
	y := make([]float64, len(ex))
	for i, e := range ex {
		rows[i] = denseRow(e.rel, 0)
		y[i] = b2f(e.relevant)
	}
	lam := constant(nf+1, lambda)
	lam[nf] = biasLambda
	w, err := fitLogistic(rows, y, lam)
	if err != nil {
		return Linear{}, err
	}
	return Linear{Features: relevanceFeatures, Weights: w[:nf], Bias: w[nf]}, nil
}

// fitPillars fits the presence model on the relevant examples: one row
// per article and pillar, whose features appear twice, in the shared
// block and in the pillar's own.
func fitPillars(ex []example, npillars int, lam Lambda) (Linear, []Linear, error) {
	nf := len(pillarFeatures)
	block := nf + 1
	var rows []sparseRow
	var y []float64
	for _, e := range ex {
		if !e.relevant {
			continue
		}
		for p := range npillars {
			r := denseRow(e.pil[p], 0)
			own := denseRow(e.pil[p], block*(p+1))
			rows = append(rows, sparseRow{idx: append(r.idx, own.idx...), val: append(r.val, own.val...)})
			y = append(y, b2f(e.gold[p]))
		}
	}
	lambda := constant(block*(npillars+1), lam.Own)
	for j := range nf {
		lambda[j] = lam.Shared
	}
	lambda[nf] = biasLambda
	w, err := fitLogistic(rows, y, lambda)
	if err != nil {
		return Linear{}, nil, err
	}
	shared := Linear{Features: pillarFeatures, Weights: w[:nf], Bias: w[nf]}
	own := make([]Linear, npillars)
	for p := range own {
		b := w[block*(p+1) : block*(p+2)]
		own[p] = Linear{Features: pillarFeatures, Weights: b[:nf], Bias: b[nf]}
	}
	return shared, own, nil
}

func combine(shared Linear, own []Linear) []Linear {
	out := make([]Linear, len(own))
	for p, o := range own {
		l := Linear{Features: pillarFeatures, Weights: slices.Clone(shared.Weights), Bias: shared.Bias + o.Bias}
		for i, w := range o.Weights {
			l.Weights[i] += w
		}
		out[p] = l
	}
	return out
}

// crossLogits returns each relevant example's presence log-odds from a
// presence model fitted without it (five folds, in a fixed order).
func crossLogits(ex []example, npillars int, lam Lambda) ([][]float64, error) {
	const folds = 5
	out := make([][]float64, len(ex))
	for k := range folds {
		var train []example
		for i, e := range ex {
			if i%folds != k {
				train = append(train, e)
			}
		}
		shared, own, err := fitPillars(train, npillars, lam)
		if err != nil {
			return nil, err
		}
		ls := combine(shared, own)
		for i := k; i < len(ex); i += folds {
			out[i] = presenceLogits(ls, ex[i].pil)
		}
	}
	return out, nil
}

func presenceLogits(ls []Linear, pil [][]float64) []float64 {
	out := make([]float64, len(ls))
	for p := range ls {
		out[p] = ls[p].score(pil[p])
	}
	return out
}

// candidates are the pillars the primary is chosen among: those whose
// presence log-odds reach cut (the likeliest one when none does).
func candidates(logit []float64, cut float64) []int {
	var out []int
	best := 0
	for p, z := range logit {
		if z >= cut {
			out = append(out, p)
		}
		if z > logit[best] {
			best = p
		}
	}
	if len(out) == 0 {
		out = []int{best}
	}
	return out
}

// fitPrimary fits the primary model: among the candidates of each
// relevant example (the labelled primary added when the presence model
// missed it), the labelled primary is the choice.
func fitPrimary(ex []example, logits [][]float64, pol int, cut float64, npillars int, lam Lambda) ([]float64, []float64, error) {
	nf := len(primaryFeatures)
	var groups []choiceGroup
	for i, e := range ex {
		if !e.relevant {
			continue
		}
		cands := candidates(logits[i], cut)
		if !slices.Contains(cands, e.primary) {
			cands = append(cands, e.primary)
		}
		if len(cands) < 2 {
			continue
		}
		xs := e.doc.primaryVectors(cands, logits[i], pol)
		g := choiceGroup{chosen: slices.Index(cands, e.primary)}
		for k, p := range cands {
			x := make([]float64, nf+npillars)
			copy(x, xs[k])
			x[nf+p] = 1
			g.x = append(g.x, x)
		}
		groups = append(groups, g)
	}
	lambda := constant(nf+npillars, lam.Prior)
	for j := range nf {
		lambda[j] = lam.Primary
	}
	w, err := fitChoice(groups, lambda)
	if err != nil {
		return nil, nil, err
	}
	return w[:nf], w[nf:], nil
}

// predict classifies an example with a fitted model, as Classify would.
func (f *fitted) predict(e *example, ids []string) crawler.Classification {
	out := crawler.Classification{Pillars: []string{}}
	out.Relevant = sigmoid(f.rel.score(e.rel)) >= 0.5
	if !out.Relevant {
		return out
	}
	logit := presenceLogits(f.pillars, e.pil)
	cands := candidates(logit, f.cut)
	xs := e.doc.primaryVectors(cands, logit, f.pol)
	top, best := cands[0], 0.0
	for k, p := range cands {
		s := f.prior[p]
		for j, w := range f.primary {
			s += w * xs[k][j]
		}
		if k == 0 || s > best {
			top, best = p, s
		}
	}
	out.Primary = ids[top]
	out.Pillars = append(out.Pillars, ids[top])
	for _, p := range cands {
		if p != top {
			out.Pillars = append(out.Pillars, ids[p])
		}
	}
	return out
}

// model lays a fitted model out as a model file's weights.
func (f *fitted) model(ids []string) *Model {
	m := &Model{Format: modelFormat, Relevance: f.rel,
		Pillars: PillarModel{Shared: f.shared, ByPillar: map[string]Linear{}, Threshold: f.threshold},
		Primary: PrimaryModel{Features: primaryFeatures, Weights: f.primary, Prior: map[string]float64{}}}
	for p, id := range ids {
		m.Pillars.ByPillar[id] = f.own[p]
		m.Primary.Prior[id] = f.prior[p]
	}
	return m
}

func denseRow(x []float64, offset int) sparseRow {
	r := sparseRow{}
	for j, v := range x {
		if v != 0 {
			r.idx = append(r.idx, offset+j)
			r.val = append(r.val, v)
		}
	}
	r.idx = append(r.idx, offset+len(x)) // the bias
	r.val = append(r.val, 1)
	return r
}

func constant(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}
