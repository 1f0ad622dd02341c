package classify

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	crawler "github.com/vnjp-monitor/crawler"
)

// CVSummary is a cross-validated score: each repeat splits the cases
// into folds anew, trains on all folds but one and classifies that one,
// so every case is classified once per repeat by a model that never saw
// it. Figures are means over the repeats; SD holds their standard
// deviations.
type CVSummary struct {
	Folds   int   `json:"folds"`
	Repeats int   `json:"repeats"`
	Seed    int64 `json:"seed"`
	Cases   int   `json:"cases"`
	CVScores
	SD        CVScores            `json:"sd"`
	Pillars   map[string]float64  `json:"pillar_f1"`
	Languages map[string]CVScores `json:"languages"`
	// Sources breaks the figures down by the file the cases came from.
	Sources map[string]CVScores `json:"sources,omitempty"`
}

// CVScores are the headline figures of one evaluation.
type CVScores struct {
	RelevancePrecision float64 `json:"relevance_precision"`
	RelevanceRecall    float64 `json:"relevance_recall"`
	RelevanceF1        float64 `json:"relevance_f1"`
	MacroF1            float64 `json:"macro_f1"`
	MicroF1            float64 `json:"micro_f1"`
	Primary            float64 `json:"primary"`
}

func scoresOf(r Report) CVScores {
	return CVScores{RelevancePrecision: r.Relevance.Precision, RelevanceRecall: r.Relevance.Recall,
		RelevanceF1: r.Relevance.F1, MacroF1: r.MacroF1, MicroF1: r.MicroF1, Primary: r.PrimaryAccuracy}
}

func (s CVScores) values() []float64 {
	return []float64{s.RelevancePrecision, s.RelevanceRecall, s.RelevanceF1, s.MacroF1, s.MicroF1, s.Primary}
}

func scoresFrom(v []float64) CVScores {
	return CVScores{v[0], v[1], v[2], v[3], v[4], v[5]}
}

// folds assigns each example a fold, stratified by language and
// relevance so that every fold looks like the whole set.
func folds(ex []example, k int, rng *rand.Rand) []int {
	groups := map[string][]int{}
	for i, e := range ex {
		key := fmt.Sprintf("%s/%v", e.c.Lang, e.relevant)
		groups[key] = append(groups[key], i)
	}
	keys := make([]string, 0, len(groups))
	for key := range groups {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	out := make([]int, len(ex))
	next := 0
	for _, key := range keys {
		idx := groups[key]
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		for _, i := range idx {
			out[i] = next % k
			next++
		}
	}
	return out
}

// crossValidate returns the report of each repeat of k-fold
// cross-validation.
func crossValidate(ex []example, ids []string, s TrainSettings) ([]Report, error) {
	reports, _, err := crossPredict(ex, ids, s)
	return reports, err
}

// crossPredict returns each repeat's report and classifications.
func crossPredict(ex []example, ids []string, s TrainSettings) ([]Report, [][]crawler.Classification, error) {
	rng := rand.New(rand.NewPCG(uint64(s.Seed), 0x5eed))
	cases := make([]Case, len(ex))
	for i, e := range ex {
		cases[i] = *e.c
	}
	var reports []Report
	var all [][]crawler.Classification
	for range s.Repeats {
		fold := folds(ex, s.Folds, rng)
		got := make([]crawler.Classification, len(ex))
		for k := range s.Folds {
			var train []example
			for i, e := range ex {
				if fold[i] != k {
					train = append(train, e)
				}
			}
			lam, threshold := s.Lambda, s.Threshold
			if s.Tune {
				var err error
				if lam, threshold, err = tune(train, ids, s); err != nil {
					return nil, nil, err
				}
			}
			f, err := fit(train, ids, lam, threshold)
			if err != nil {
				return nil, nil, err
			}
			for i := range ex {
				if fold[i] == k {
					got[i] = f.predict(&ex[i], ids)
				}
			}
		}
		reports = append(reports, evaluate(cases, got))
		all = append(all, got)
	}
	return reports, all, nil
}

// summarise averages the reports of the repeats.
func summarise(reports []Report, s TrainSettings) *CVSummary {
	sum := &CVSummary{Folds: s.Folds, Repeats: len(reports), Seed: s.Seed, Cases: reports[0].Cases,
		Pillars: map[string]float64{}, Languages: map[string]CVScores{}}
	var all [][]float64
	byLang := map[string][][]float64{}
	for _, r := range reports {
		all = append(all, scoresOf(r).values())
		for _, p := range r.Pillars {
			sum.Pillars[p.ID] += p.F1 / float64(len(reports))
		}
		for _, l := range r.Languages {
			byLang[l.Lang] = append(byLang[l.Lang], []float64{0, 0, l.RelevanceF1, l.MacroF1, 0, l.PrimaryAccuracy})
		}
	}
	mean, sd := meanSD(all)
	sum.CVScores, sum.SD = scoresFrom(mean), scoresFrom(sd)
	for l, v := range byLang {
		m, _ := meanSD(v)
		sum.Languages[l] = scoresFrom(m)
	}
	return sum
}

// bySource scores each repeat's classifications per source file and
// averages them.
func bySource(cases []Case, got [][]crawler.Classification) map[string]CVScores {
	idx := map[string][]int{}
	for i, k := range cases {
		if k.Source != "" {
			idx[k.Source] = append(idx[k.Source], i)
		}
	}
	if len(idx) < 2 {
		return nil
	}
	out := map[string]CVScores{}
	for src, is := range idx {
		var rows [][]float64
		for _, g := range got {
			sub, subGot := make([]Case, len(is)), make([]crawler.Classification, len(is))
			for k, i := range is {
				sub[k], subGot[k] = cases[i], g[i]
			}
			rows = append(rows, scoresOf(score(sub, subGot)).values())
		}
		m, _ := meanSD(rows)
		out[src] = scoresFrom(m)
	}
	return out
}

func meanSD(rows [][]float64) (mean, sd []float64) {
	n := len(rows[0])
	mean, sd = make([]float64, n), make([]float64, n)
	for _, r := range rows {
		for j, v := range r {
			mean[j] += v / float64(len(rows))
		}
	}
	if len(rows) < 2 {
		return mean, sd
	}
	for _, r := range rows {
		for j, v := range r {
			sd[j] += (v - mean[j]) * (v - mean[j]) / float64(len(rows)-1)
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j])
	}
	return mean, sd
}

// The candidates tuning chooses among: multipliers of DefaultLambda, and
// presence thresholds.
var (
	lambdaScales  = []float64{0.25, 1, 4}
	thresholdGrid = []float64{0.3, 0.4, 0.5}
)

// tune chooses the regularisation and the presence threshold by an
// inner cross-validation on the training examples alone: the pair with
// the best mean of relevance F1, macro-F1 and primary accuracy.
func tune(ex []example, ids []string, s TrainSettings) (Lambda, float64, error) {
	inner := TrainSettings{Folds: 3, Repeats: 1, Seed: s.Seed + 1}
	best, bestT, bestScore := DefaultLambda, DefaultThreshold, math.Inf(-1)
	for _, m := range lambdaScales {
		for _, t := range thresholdGrid {
			inner.Lambda, inner.Threshold = DefaultLambda.scaled(m), t
			reports, err := crossValidate(ex, ids, inner)
			if err != nil {
				return Lambda{}, 0, err
			}
			r := reports[0]
			if score := r.Relevance.F1 + r.MacroF1 + r.PrimaryAccuracy; score > bestScore {
				best, bestT, bestScore = inner.Lambda, t, score
			}
		}
	}
	return best, bestT, nil
}

func (l Lambda) scaled(m float64) Lambda {
	return Lambda{Relevance: l.Relevance * m, Shared: l.Shared * m, Own: l.Own * m, Primary: l.Primary * m, Prior: l.Prior * m}
}
