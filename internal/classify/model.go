package classify

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
)

// builtinModel is the model trained on the project's labelled articles
// by `crawler train`; the file records the command, the data and the
// cross-validated scores.
//
//go:embed model.json
var builtinModel []byte

// modelFormat is the version of the model file's layout.
const modelFormat = 1

// Model holds the learned weights of the three decisions: relevance,
// each pillar's presence, and the primary pillar. It is written by
// [Train] as JSON and read by [ParseModel]; a file records what produced
// it.
type Model struct {
	Format int `json:"format"`
	// Command is the command line that produced the model.
	Command string `json:"command"`
	// Data describes each labelled file trained on.
	Data []DataFile `json:"data"`
	// Settings are the training settings, the chosen regularisation
	// included.
	Settings TrainSettings `json:"settings"`
	// CV holds the cross-validated scores reached with these settings,
	// when they were measured.
	CV *CVSummary `json:"cv,omitempty"`

	Relevance Linear       `json:"relevance"`
	Pillars   PillarModel  `json:"pillars"`
	Primary   PrimaryModel `json:"primary"`
}

// DataFile names a labelled file a model was trained on.
type DataFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
	Cases  int    `json:"cases"`
}

// Linear is a logistic model: the probability is the logistic function
// of Bias plus the dot product of Weights and the features.
type Linear struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	Bias     float64   `json:"bias"`
}

// PillarModel decides each pillar's presence with weights shared by all
// pillars plus each pillar's own (a pillar the model does not know, such
// as one a user added, uses the shared weights alone).
type PillarModel struct {
	Shared   Linear            `json:"shared"`
	ByPillar map[string]Linear `json:"by_pillar"`
	// Threshold is the presence probability at which a pillar is kept.
	Threshold float64 `json:"threshold"`
}

// PrimaryModel chooses the primary among the assigned pillars: the one
// with the highest score, Weights·features plus the pillar's prior.
type PrimaryModel struct {
	Features []string           `json:"features"`
	Weights  []float64          `json:"weights"`
	Prior    map[string]float64 `json:"prior"`
}

// ParseModel reads a model file and checks that it matches the
// classifier's features.
func ParseModel(data []byte) (*Model, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Model
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("model: %w (retrain it with `crawler train`)", err)
	}
	return &m, nil
}

var errModelFormat = errors.New("unknown format")

func (m *Model) check() error {
	if m.Format != modelFormat {
		return fmt.Errorf("%w %d, want %d", errModelFormat, m.Format, modelFormat)
	}
	if err := m.Relevance.check("relevance", relevanceFeatures); err != nil {
		return err
	}
	if err := m.Pillars.Shared.check("pillars.shared", pillarFeatures); err != nil {
		return err
	}
	if t := m.Pillars.Threshold; !(t > 0 && t < 1) {
		return fmt.Errorf("pillars.threshold: %v, want a probability between 0 and 1", t)
	}
	for id, l := range m.Pillars.ByPillar {
		if err := l.check("pillars.by_pillar."+id, pillarFeatures); err != nil {
			return err
		}
	}
	if !slices.Equal(m.Primary.Features, primaryFeatures) || len(m.Primary.Weights) != len(primaryFeatures) {
		return fmt.Errorf("primary: trained on features %v, the classifier computes %v", m.Primary.Features, primaryFeatures)
	}
	return nil
}

func (l *Linear) check(name string, want []string) error {
	if !slices.Equal(l.Features, want) || len(l.Weights) != len(want) {
		return fmt.Errorf("%s: trained on features %v, the classifier computes %v", name, l.Features, want)
	}
	for _, w := range l.Weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return fmt.Errorf("%s: weight %v", name, w)
		}
	}
	return nil
}

// score returns Bias + Weights·x.
func (l *Linear) score(x []float64) float64 {
	s := l.Bias
	for i, w := range l.Weights {
		s += w * x[i]
	}
	return s
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// compiledModel is a model laid out for one taxonomy's pillars.
type compiledModel struct {
	src       *Model
	cut       float64 // presence log-odds at which a pillar is kept
	relevance Linear
	pillars   []Linear // by pillar index: shared plus the pillar's own
	prior     []float64
	primary   []float64
}

func (m *Model) compile(ids []string) *compiledModel {
	cm := &compiledModel{src: m, relevance: m.Relevance, primary: m.Primary.Weights, cut: logOdds(m.Pillars.Threshold)}
	for _, id := range ids {
		l := Linear{Features: pillarFeatures, Weights: slices.Clone(m.Pillars.Shared.Weights), Bias: m.Pillars.Shared.Bias}
		if own, ok := m.Pillars.ByPillar[id]; ok {
			for i, w := range own.Weights {
				l.Weights[i] += w
			}
			l.Bias += own.Bias
		}
		cm.pillars = append(cm.pillars, l)
		cm.prior = append(cm.prior, m.Primary.Prior[id])
	}
	return cm
}

// primaryScore returns a candidate's score for the primary.
func (cm *compiledModel) primaryScore(p int, x []float64) float64 {
	s := cm.prior[p]
	for i, w := range cm.primary {
		s += w * x[i]
	}
	return s
}

// Round rounds every weight to a multiple of unit, so that the written
// file does not change with the last bits of floating-point arithmetic.
func (m *Model) Round(unit float64) {
	r := func(ws []float64) {
		for i, w := range ws {
			ws[i] = math.Round(w/unit) * unit
		}
	}
	one := func(l *Linear) {
		r(l.Weights)
		l.Bias = math.Round(l.Bias/unit) * unit
	}
	one(&m.Relevance)
	one(&m.Pillars.Shared)
	for id, l := range m.Pillars.ByPillar {
		one(&l)
		m.Pillars.ByPillar[id] = l
	}
	r(m.Primary.Weights)
	for id, p := range m.Primary.Prior {
		m.Primary.Prior[id] = math.Round(p/unit) * unit
	}
}
