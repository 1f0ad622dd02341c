package classify

import (
	"fmt"
	"os"
	"slices"

	crawler "github.com/vnjp-monitor/crawler"
)

// DefaultMaxRunes is how much of an article's text is classified when
// the configuration does not say: about ten screens, far more than the
// headline and lead that decide most stories, and a bound on the time a
// hostile page can cost.
const DefaultMaxRunes = 30000

// Classifier decides relevance and pillars with a compiled taxonomy and
// a trained model. It is safe for concurrent use.
type Classifier struct {
	pillars  []crawler.Pillar
	ids      []string
	index    map[string]int      // pillar ID -> position
	matchers map[string]*matcher // by language, "vi+marks" for Vietnamese with diacritics
	vocab    *vocabulary
	model    *compiledModel // nil: the hand-set decision alone (when training)
	maxRunes int
	skip     map[string]bool // stages, rules and conventions turned off
}

// Input is one article to classify.
type Input struct {
	ID    string // passed through by callers; not used for the decision
	Title string
	Text  string
	Lang  string // ISO 639-1; "" to detect it from the text
	URL   string // its path words stand in for a missing title
}

// Option changes how [New] builds a classifier.
type Option func(*options)

type options struct {
	cfg       crawler.ClassifierConfig
	model     *Model
	noModel   bool
	skip      []string
	modelPath string
}

// WithConfig applies the classifier section of the configuration: its
// bound on the text, its vocabulary (missing parts take the shipped
// ones) and its model file, which New reads.
func WithConfig(cfg crawler.ClassifierConfig) Option {
	return func(o *options) { o.cfg = cfg; o.modelPath = cfg.Model }
}

// WithModel uses m instead of the built-in model.
func WithModel(m *Model) Option {
	return func(o *options) { o.model = m }
}

// WithoutModel leaves the decision to the hand-set rules (the evidence
// thresholds and the conventions) that the models take as one input:
// training computes its features so, and evaluation can compare.
func WithoutModel() Option {
	return func(o *options) { o.noModel = true }
}

// without turns off the named stages, sentence rules or conventions, to
// measure what each one changes.
func without(names ...string) Option {
	return func(o *options) { o.skip = append(o.skip, names...) }
}

// New compiles a taxonomy (the 13 default pillars ship in config.yaml)
// with the shipped vocabulary and the built-in model unless options say
// otherwise. The error names the pillar and the term, the vocabulary key
// or the model file at fault.
func New(pillars []crawler.Pillar, opts ...Option) (*Classifier, error) {
	var o options
	for _, f := range opts {
		f(&o)
	}
	if err := validate(pillars); err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	section, err := withShipped(o.cfg)
	if err != nil {
		return nil, err
	}
	vocab, err := compileVocabulary(section)
	if err != nil {
		return nil, err
	}
	m, err := compile(pillars, vocab)
	if err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	c := &Classifier{pillars: slices.Clone(pillars), index: map[string]int{}, matchers: m, vocab: vocab,
		maxRunes: DefaultMaxRunes, skip: map[string]bool{}}
	if section.MaxRunes > 0 {
		c.maxRunes = section.MaxRunes
	}
	for i, p := range pillars {
		c.index[p.ID] = i
		c.ids = append(c.ids, p.ID)
	}
	for _, s := range o.skip {
		c.skip[s] = true
	}
	if o.noModel {
		return c, nil
	}
	model, err := o.load()
	if err != nil {
		return nil, err
	}
	c.model = model.compile(c.ids)
	return c, nil
}

// load returns the model the options name: given, read from a file, or
// built in.
func (o *options) load() (*Model, error) {
	switch {
	case o.model != nil:
		if err := o.model.check(); err != nil {
			return nil, fmt.Errorf("model: %w", err)
		}
		return o.model, nil
	case o.modelPath != "":
		data, err := os.ReadFile(o.modelPath)
		if err != nil {
			return nil, fmt.Errorf("classifier.model: %w", err)
		}
		m, err := ParseModel(data)
		if err != nil {
			return nil, fmt.Errorf("classifier.model %s: %w", o.modelPath, err)
		}
		return m, nil
	}
	m, err := ParseModel(builtinModel)
	if err != nil {
		return nil, fmt.Errorf("built-in %w", err)
	}
	return m, nil
}

// Model returns the model the classifier uses; nil when it decides by
// its hand-set rules alone.
func (c *Classifier) Model() *Model {
	if c.model == nil {
		return nil
	}
	return c.model.src
}

// Classify returns the verdict on one article. Relevance is in 0..1 and
// Relevant is Relevance >= 0.5; Pillars is sorted by strength with the
// primary first, and is empty (not nil) when the article is not relevant;
// Evidence holds, under "relevance" and under each assigned pillar, at
// most three trimmed sentences that decided it, and Spans the same
// sentences with the deciding phrases marked.
func (c *Classifier) Classify(in Input) crawler.Classification {
	d := c.run(in, false)
	return d.out
}

// run passes an input through the pipeline. With extract set, every
// stage runs even for a story found not relevant, as training needs.
func (c *Classifier) run(in Input, extract bool) *document {
	d := &document{in: in, extract: extract}
	for _, st := range pipeline {
		if !c.skip[st.name] {
			st.run(c, d)
		}
	}
	return d
}

func round2(f float64) float64 {
	return float64(int(f*100+0.5)) / 100
}

// political returns the index of political trust, -1 when the taxonomy
// has none.
func (c *Classifier) political() int {
	if p, ok := c.index[crawler.PillarPolitical]; ok {
		return p
	}
	return -1
}
