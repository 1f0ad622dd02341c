package classify

import (
	"errors"
	"slices"

	crawler "github.com/vnjp-monitor/crawler"
)

// FileResult is the score on one labelled file of a model trained on the
// other files alone.
type FileResult struct {
	Test   string   // the file classified
	Train  []string // the files trained on
	Report Report
}

// ErrOneFile is returned by [CrossFile] when the cases come from one file.
var ErrOneFile = errors.New("measuring across files needs cases from two files or more")

// CrossFile measures training with settings s across the files the cases
// came from (Case.Source): each file is classified by a model trained on
// the other files' cases only. Files gathered at different times differ
// in their topics and outlets as unseen articles do, so this figure is a
// second honest predictor beside cross-validation, whose folds mix the
// files. With s.Tune, the regularisation and the threshold are chosen by
// cross-validation on the training files.
func CrossFile(pillars []crawler.Pillar, cfg crawler.ClassifierConfig, cases []Case, s TrainSettings) ([]FileResult, error) {
	t, err := newTrainer(pillars, cfg, cases, s)
	if err != nil {
		return nil, err
	}
	var sources []string
	for _, k := range cases {
		if k.Source != "" && !slices.Contains(sources, k.Source) {
			sources = append(sources, k.Source)
		}
	}
	if len(sources) < 2 {
		return nil, ErrOneFile
	}
	var out []FileResult
	for _, test := range sources {
		res, err := t.acrossFiles(test, sources, s)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// acrossFiles trains on every file but test and classifies test.
func (t *trainer) acrossFiles(test string, sources []string, s TrainSettings) (FileResult, error) {
	var train []example
	var held []int
	for i, e := range t.ex {
		if e.c.Source == test {
			held = append(held, i)
		} else {
			train = append(train, e)
		}
	}
	lam, threshold := s.Lambda, s.Threshold
	if s.Tune {
		var err error
		if lam, threshold, err = tune(train, t.ids, s); err != nil {
			return FileResult{}, err
		}
	}
	f, err := fit(train, t.ids, lam, threshold)
	if err != nil {
		return FileResult{}, err
	}
	cases := make([]Case, len(held))
	got := make([]crawler.Classification, len(held))
	for k, i := range held {
		cases[k] = *t.ex[i].c
		got[k] = f.predict(&t.ex[i], t.ids)
	}
	others := slices.DeleteFunc(slices.Clone(sources), func(s string) bool { return s == test })
	return FileResult{Test: test, Train: others, Report: evaluate(cases, got)}, nil
}
