package classify

import "testing"

// blindCases is a set written and labelled before the classifier was
// run on it, in styles the other sets lack: long wire stories, press
// releases listing outcomes, embassy news, business press, op-eds, and
// hard negatives with third countries or passing mentions. Its first
// scores estimate how the classifier does on articles it was not tuned
// on; later tuning looked at its mistakes, so it no longer measures that.
const blindCases = "testdata/blind_cases.jsonl"

// blindFloors are the blind set's scores when the classifier was last
// changed, less a small margin.
var blindFloors = map[string]floor{
	"all": {relF1: 0.98, macroF1: 0.92, primary: 0.93},
	"en":  {relF1: 0.98, macroF1: 0.85, primary: 0.91},
	"vi":  {relF1: 0.98, macroF1: 0.88, primary: 0.97},
	"ja":  {relF1: 0.98, macroF1: 0.90, primary: 0.91},
}

// blind2Cases is a second set written and labelled the same way, aimed at
// Japanese companies acting in stories about workers, chips, energy and
// schools, nurse and caregiver schemes under the partnership agreement,
// one-pillar stories with passing mentions of others, and negatives with
// third countries and data lists. It first scored relevance F1 0.978,
// macro-F1 0.902 and primary 0.933; the fixes it prompted are general
// ones, checked against every other set.
const blind2Cases = "testdata/blind2_cases.jsonl"

// blind2Floors are the second blind set's scores when the classifier was
// last changed, less a small margin.
var blind2Floors = map[string]floor{
	"all": {relF1: 0.98, macroF1: 0.94, primary: 0.94},
	"en":  {relF1: 0.98, macroF1: 0.93, primary: 0.98},
	"vi":  {relF1: 0.95, macroF1: 0.94, primary: 0.91},
	"ja":  {relF1: 0.98, macroF1: 0.95, primary: 0.91},
}

// blind3Cases is a third set written and labelled the same way, aimed at
// summits and visits told in many outcome paragraphs (some naming
// neither country, some with a regional framework only as background),
// festivals with one stray mention of workers, Vietnamese "hai bên" and
// "Nhật" alone, Japanese abbreviations (訪越, 来日, 越首相), Vietnamese
// people caught in a disaster in Japan, and negatives with third
// countries or a closing aside. It first scored relevance F1 0.989,
// macro-F1 0.840 and primary 0.933 (en 1.000/0.823/0.933, vi
// 0.968/0.820/0.933, ja 1.000/0.864/0.933); the fixes it prompted are
// general ones, checked against every other set.
const blind3Cases = "testdata/blind3_cases.jsonl"

// blind3Floors are the third blind set's scores when the classifier was
// last changed, less a small margin.
var blind3Floors = map[string]floor{
	"all": {relF1: 0.98, macroF1: 0.91, primary: 0.95},
	"en":  {relF1: 0.98, macroF1: 0.90, primary: 0.98},
	"vi":  {relF1: 0.98, macroF1: 0.85, primary: 0.91},
	"ja":  {relF1: 0.98, macroF1: 0.95, primary: 0.98},
}

// blind4Cases is a fourth set written and labelled the same way, aimed
// at the edges of economy, trade and investment: trade turnover, JETRO
// surveys, business forums, farm exports, supply chains, economic and
// food security (not defence), FDI in power plants (economy, not aid),
// against ODA loans and Japanese companies acting in stories about
// workers or scholarships, with press-release outcome lists and
// negatives naming Japan in a ranking or a third country's deal. Few
// pillars are in play in it, so its macro-F1 over all 13 is low by
// design. It first scored relevance F1 1.000, macro-F1 0.758 (0.895 over
// pillars in play) and primary 0.972; the fixes it prompted are general
// ones, checked against every other set.
const blind4Cases = "testdata/blind4_cases.jsonl"

// blind4Floors are the fourth blind set's scores when the classifier was
// last changed, less a small margin.
var blind4Floors = map[string]floor{
	"all": {relF1: 0.98, macroF1: 0.80, primary: 0.95},
	"en":  {relF1: 0.98, macroF1: 0.52, primary: 0.90},
	"vi":  {relF1: 0.98, macroF1: 0.59, primary: 0.98},
	"ja":  {relF1: 0.98, macroF1: 0.52, primary: 0.98},
}

func TestBlind4Cases(t *testing.T) {
	checkFloors(t, blind4Cases, blind4Floors)
}

func TestBlind3Cases(t *testing.T) {
	checkFloors(t, blind3Cases, blind3Floors)
}

func TestBlindCases(t *testing.T) {
	checkFloors(t, blindCases, blindFloors)
}

func TestBlind2Cases(t *testing.T) {
	checkFloors(t, blind2Cases, blind2Floors)
}

// checkFloors scores the shipped classifier on a case file, as a whole and
// per language, against floors.
func checkFloors(t *testing.T, path string, floors map[string]floor) {
	t.Helper()
	c := mustShipped(t)
	sets := map[string][]Case{}
	for _, k := range readCases(t, path) {
		sets["all"] = append(sets["all"], k)
		sets[k.Lang] = append(sets[k.Lang], k)
	}
	for name, fl := range floors {
		t.Run(name, func(t *testing.T) {
			r := Evaluate(c, sets[name])
			t.Logf("%s: %d cases, relevance F1 %.3f, macro-F1 %.3f, primary %.3f",
				name, r.Cases, r.Relevance.F1, r.MacroF1, r.PrimaryAccuracy)
			if r.Relevance.F1 < fl.relF1 || r.MacroF1 < fl.macroF1 || r.PrimaryAccuracy < fl.primary {
				t.Errorf("relevance F1 %.3f, macro-F1 %.3f, primary %.3f; want at least %.2f, %.2f, %.2f",
					r.Relevance.F1, r.MacroF1, r.PrimaryAccuracy, fl.relF1, fl.macroF1, fl.primary)
			}
		})
	}
}
