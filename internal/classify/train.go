package classify

import (
	"errors"
	"fmt"
	"math"

	crawler "github.com/vnjp-monitor/crawler"
)

// TrainSettings are the settings of training and of its
// cross-validation.
type TrainSettings struct {
	Folds   int   `json:"folds"`
	Repeats int   `json:"repeats"`
	Seed    int64 `json:"seed"`
	// Lambda is the L2 regularisation. When Tune is set, training picks
	// it by cross-validation on the training data from the candidates in
	// lambdaGrid.
	Lambda Lambda `json:"lambda"`
	// Threshold is the presence probability at which a pillar is kept.
	// When Tune is set, training picks it from thresholdGrid too.
	Threshold float64 `json:"threshold"`
	Tune      bool    `json:"tune"`
}

// Lambda holds the strength of the L2 penalty on each group of weights:
// relevance, the pillar weights shared by every pillar, each pillar's
// own, and the primary's weights and per-pillar priors. Larger is
// simpler.
type Lambda struct {
	Relevance float64 `json:"relevance"`
	Shared    float64 `json:"shared"`
	Own       float64 `json:"own"`
	Primary   float64 `json:"primary"`
	Prior     float64 `json:"prior"`
}

// DefaultLambda is the regularisation fixed in advance: strong, as 271
// labelled articles call for, each pillar's own weights held four times
// closer to zero than the shared ones.
var DefaultLambda = Lambda{Relevance: 1, Shared: 1, Own: 4, Primary: 1, Prior: 4}

// DefaultThreshold is the presence probability at which a pillar is
// kept, fixed in advance: for a calibrated model, the threshold that
// maximises the expected F1 is half the F1 attainable, and pillars reach
// about 0.8.
const DefaultThreshold = 0.4

// DefaultTrainSettings are the settings `crawler train` uses unless told
// otherwise.
var DefaultTrainSettings = TrainSettings{Folds: 5, Repeats: 5, Seed: 1, Lambda: DefaultLambda, Threshold: DefaultThreshold}

// biasLambda keeps a bias almost free while keeping the problem strictly
// convex.
const biasLambda = 1e-3

// example is one labelled article's features, computed once.
type example struct {
	c        *Case
	doc      *document
	rel      []float64   // relevance features
	pil      [][]float64 // pillar features by pillar
	gold     []bool      // labelled pillars by pillar
	primary  int         // labelled primary; -1 when not relevant or unknown
	relevant bool
}

// examples computes every case's features with c, which must have no
// model.
func (c *Classifier) examples(cases []Case) ([]example, error) {
	out := make([]example, len(cases))
	for i := range cases {
		k := &cases[i]
		d := c.run(Input{ID: k.ID, Title: k.Title, Text: k.Text, Lang: k.Lang, URL: k.URL}, true)
		e := example{c: k, doc: d, rel: d.relevanceVector(), relevant: k.Relevant, primary: -1,
			gold: make([]bool, len(c.pillars))}
		for p := range c.pillars {
			e.pil = append(e.pil, d.pillarVector(p))
		}
		for _, id := range k.Pillars {
			p, ok := c.index[id]
			if !ok {
				return nil, fmt.Errorf("case %s: pillar %q is not in the taxonomy", k.ID, id)
			}
			e.gold[p] = true
		}
		if k.Relevant {
			p, ok := c.index[k.Primary]
			if !ok {
				return nil, fmt.Errorf("case %s: primary %q is not in the taxonomy", k.ID, k.Primary)
			}
			e.primary = p
			e.gold[p] = true
		}
		d.release()
		out[i] = e
	}
	return out, nil
}

// release drops the buffers that training does not need.
func (d *document) release() {
	d.low, d.pos, d.slug, d.slugPos, d.text = nil, nil, nil, nil, ""
}

// trainer computes the features of labelled cases once for training and
// cross-validation.
type trainer struct {
	ids []string
	ex  []example
}

func newTrainer(pillars []crawler.Pillar, cfg crawler.ClassifierConfig, cases []Case, s TrainSettings) (*trainer, error) {
	if len(cases) == 0 {
		return nil, errNoCases
	}
	if err := s.check(len(cases)); err != nil {
		return nil, err
	}
	c, err := New(pillars, WithConfig(cfg), WithoutModel())
	if err != nil {
		return nil, err
	}
	ex, err := c.examples(cases)
	if err != nil {
		return nil, err
	}
	return &trainer{ids: c.ids, ex: ex}, nil
}

var errNoCases = errors.New("no labelled cases")

// CVResult is the outcome of cross-validation: the summary, each
// repeat's full report and the classes of mistakes made out of fold.
type CVResult struct {
	Summary *CVSummary
	Reports []Report
	Errors  []ErrorClass
}

// CrossValidate measures training with settings s on labelled cases by
// repeated k-fold cross-validation: the figures predict how a model
// trained so does on articles it has never seen.
func CrossValidate(pillars []crawler.Pillar, cfg crawler.ClassifierConfig, cases []Case, s TrainSettings) (*CVResult, error) {
	t, err := newTrainer(pillars, cfg, cases, s)
	if err != nil {
		return nil, err
	}
	reports, got, err := crossPredict(t.ex, t.ids, s)
	if err != nil {
		return nil, err
	}
	sum := summarise(reports, s)
	sum.Sources = bySource(cases, got)
	return &CVResult{Summary: sum, Reports: reports, Errors: errorClasses(t.ex, t.ids, got)}, nil
}

// Train fits the models on labelled cases. With s.Repeats above zero it
// first cross-validates the same training and records the figures in
// the model; with s.Tune it chooses the regularisation by
// cross-validation on the cases.
func Train(pillars []crawler.Pillar, cfg crawler.ClassifierConfig, cases []Case, s TrainSettings) (*Model, error) {
	t, err := newTrainer(pillars, cfg, cases, s)
	if err != nil {
		return nil, err
	}
	var summary *CVSummary
	if s.Repeats > 0 {
		reports, got, err := crossPredict(t.ex, t.ids, s)
		if err != nil {
			return nil, err
		}
		summary = summarise(reports, s)
		summary.Sources = bySource(cases, got)
	}
	if s.Tune {
		if s.Lambda, s.Threshold, err = tune(t.ex, t.ids, s); err != nil {
			return nil, err
		}
	}
	f, err := fit(t.ex, t.ids, s.Lambda, s.Threshold)
	if err != nil {
		return nil, err
	}
	m := f.model(t.ids)
	m.Settings = s
	m.CV = summary
	return m, nil
}

// check rejects settings that cannot be run on n cases.
func (s TrainSettings) check(n int) error {
	switch {
	case s.Folds < 2:
		return fmt.Errorf("folds: %d, want at least 2", s.Folds)
	case s.Folds > n:
		return fmt.Errorf("folds: %d for %d cases", s.Folds, n)
	case s.Repeats < 0:
		return fmt.Errorf("repeats: %d, want 0 or more", s.Repeats)
	case !(s.Threshold > 0 && s.Threshold < 1):
		return fmt.Errorf("threshold: %v, want a probability between 0 and 1", s.Threshold)
	}
	for _, v := range []float64{s.Lambda.Relevance, s.Lambda.Shared, s.Lambda.Own, s.Lambda.Primary, s.Lambda.Prior} {
		if !(v > 0) {
			return fmt.Errorf("lambda: every strength must be positive, got %+v", s.Lambda)
		}
	}
	return nil
}

// logOdds is the inverse of sigmoid.
func logOdds(p float64) float64 { return math.Log(p / (1 - p)) }
