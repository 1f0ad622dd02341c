package classify

import (
	"errors"
	"slices"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// Each file is classified by a model trained on the other file alone,
// and the report covers exactly that file's cases.
func TestCrossFile(t *testing.T) {
	pillars := loadShippedPillars(t)
	a := readCases(t, "testdata/regression_short.jsonl")
	b := readCases(t, "testdata/regression_blind4.jsonl")
	for i := range a {
		a[i].Source = "a.jsonl"
	}
	for i := range b {
		b[i].Source = "b.jsonl"
	}
	s := TrainSettings{Folds: 3, Repeats: 1, Seed: 1, Lambda: DefaultLambda, Threshold: DefaultThreshold}
	res, err := CrossFile(pillars, crawler.ClassifierConfig{}, append(slices.Clone(a), b...), s)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("%d results, want one per file", len(res))
	}
	for _, r := range res {
		want := map[string]int{"a.jsonl": len(a), "b.jsonl": len(b)}[r.Test]
		if r.Report.Cases != want || len(r.Train) != 1 || r.Train[0] == r.Test {
			t.Errorf("test %s on %d cases trained on %v; want %d cases, trained on the other file", r.Test, r.Report.Cases, r.Train, want)
		}
		if r.Report.Relevance.F1 < 0.5 {
			t.Errorf("test %s: relevance F1 %.3f, want a model that learned something", r.Test, r.Report.Relevance.F1)
		}
	}
	if _, err := CrossFile(pillars, crawler.ClassifierConfig{}, a, s); !errors.Is(err, ErrOneFile) {
		t.Errorf("err=%v with one file, want ErrOneFile", err)
	}
}

// Mistakes are counted per repeat by class: a missed pillar with the
// pattern of its evidence, an added one, a wrong primary.
func TestErrorClasses(t *testing.T) {
	c := mustShipped(t)
	ex, err := c.examples([]Case{{ID: "x", Lang: "en", Relevant: true, Primary: crawler.PillarLabour,
		Pillars: []string{crawler.PillarLabour},
		Title:   "Viet Nam and Japan agree to send more technical interns",
		Text:    "Viet Nam and Japan agreed on Monday to expand the technical intern programme."}})
	if err != nil {
		t.Fatal(err)
	}
	got := []crawler.Classification{
		{Relevant: true, Pillars: []string{crawler.PillarHealth}, Primary: crawler.PillarHealth},
		{Relevant: true, Pillars: []string{crawler.PillarLabour}, Primary: crawler.PillarLabour},
	}
	rep := make([][]crawler.Classification, len(got))
	for i := range got {
		rep[i] = got[i : i+1]
	}
	classes := errorClasses(ex, c.ids, rep)
	find := func(pillar, kind string) *ErrorClass {
		for i := range classes {
			if classes[i].Pillar == pillar && classes[i].Kind == kind {
				return &classes[i]
			}
		}
		return nil
	}
	if m := find(crawler.PillarLabour, "missed"); m == nil || m.Count != 0.5 || m.Lang != "en" ||
		m.Pattern != "2+ sentences naming both, headline; rules: yes" {
		t.Errorf("missed labour: %+v, want 0.5 per repeat with its evidence pattern", m)
	}
	if a := find(crawler.PillarHealth, "added"); a == nil || a.Pattern != "no phrase; rules: no" {
		t.Errorf("added health: %+v, want the pattern of no evidence", a)
	}
	if p := find(crawler.PillarLabour, "primary"); p == nil || p.Pattern != "chose health" {
		t.Errorf("primary: %+v, want labour lost to health", p)
	}
	if len(classes) != 3 {
		t.Errorf("%d classes %+v, want 3", len(classes), classes)
	}
}
