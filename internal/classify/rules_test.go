package classify

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// devCaseFiles are the shared labelled articles; tests that read them
// skip when the shared directory is absent. Their texts are never copied
// here.
var devCaseFiles = []string{
	"../../../shared/classify-dev/cases.jsonl",
	"../../../shared/classify-dev/cases-2.jsonl",
}

// devCases reads the shared labelled articles, or skips the test.
func devCases(t *testing.T) []Case {
	t.Helper()
	var all []Case
	for _, name := range devCaseFiles {
		f, err := os.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			t.Skip("shared development set not present")
		}
		if err != nil {
			t.Fatal(err)
		}
		cases, err := ReadCases(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		all = append(all, cases...)
	}
	return all
}

// namedRules are every rule that can be turned off by name: the rule on
// names in lists, the sentence rules, the evidence rules and the
// conventions.
func namedRules() []string {
	out := []string{"longer-list"}
	for _, r := range sentenceRules {
		out = append(out, r.name)
	}
	out = append(out, evidenceRules...)
	for _, cv := range conventions {
		out = append(out, cv.name)
	}
	return out
}

// correctness scores a verdict against a label: relevance, the share of
// pillars right (Jaccard) and the primary.
func correctness(k Case, got crawler.Classification) float64 {
	if k.Relevant != got.Relevant {
		return 0
	}
	if !k.Relevant {
		return 3
	}
	inter, union := 0, len(got.Pillars)
	for _, p := range k.Pillars {
		if slices.Contains(got.Pillars, p) {
			inter++
		} else {
			union++
		}
	}
	return 1 + float64(inter)/float64(union) + b2f(k.Primary == got.Primary)
}

// TestNamedRulesChangeRealCases checks that every named rule earns its
// place: turned off, it changes the verdict on real labelled articles,
// and it brings more of them closer to their label than farther. (Turned
// off without retraining, which favours a rule a little: the decision to
// keep each one was checked by cross-validation with retraining too.)
func TestNamedRulesChangeRealCases(t *testing.T) {
	cases := devCases(t)
	full := mustShipped(t)
	base := make([]crawler.Classification, len(cases))
	for i, k := range cases {
		base[i] = full.Classify(Input{Title: k.Title, Text: k.Text, Lang: k.Lang, URL: k.URL})
	}
	for _, name := range namedRules() {
		t.Run(name, func(t *testing.T) {
			if name == "longer-list" {
				// The contract's own example of a passing mention ("a
				// list of trade partners"); the shared set has no such
				// list, so TestLongerList shows what it changes.
				t.Skip("no list of trade partners in the shared set")
			}
			// The shipped classifier with the rule off: the same compiled
			// taxonomy and model.
			c := *full
			c.skip = map[string]bool{name: true}
			changed, better, worse := 0, 0, 0
			for i, k := range cases {
				got := c.Classify(Input{Title: k.Title, Text: k.Text, Lang: k.Lang, URL: k.URL})
				if got.Relevant == base[i].Relevant && got.Primary == base[i].Primary && sameSet(got.Pillars, base[i].Pillars) {
					continue
				}
				changed++
				switch with, without := correctness(k, base[i]), correctness(k, got); {
				case with > without:
					better++
				case with < without:
					worse++
				}
			}
			t.Logf("%s changes %d real cases: %d closer to their label with it, %d farther", name, changed, better, worse)
			if better <= worse {
				t.Errorf("%s brings %d real labelled cases closer to their label and %d farther", name, better, worse)
			}
		})
	}
}
