package classify

import (
	"bytes"
	"math"
	"strings"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

func TestReadCases(t *testing.T) {
	in := `{"id":"c1","url":"https://example.org/a","lang":"en","title":"T","text":"x","relevant":true,"pillars":["labour"],"primary":"labour","note":"n"}

{"id":"c2","lang":"ja","title":"","text":"y","relevant":false,"pillars":[],"primary":null}
`
	cases, err := ReadCases(strings.NewReader(in))
	if err != nil {
		t.Fatalf("ReadCases: %v", err)
	}
	if got, want := len(cases), 2; got != want {
		t.Fatalf("len=%d, want %d", got, want)
	}
	if c := cases[0]; c.ID != "c1" || !c.Relevant || c.Primary != "labour" || c.URL != "https://example.org/a" {
		t.Errorf("case 1 = %+v", c)
	}
	if c := cases[1]; c.Primary != "" || c.Relevant || c.Lang != "ja" {
		t.Errorf("case 2 = %+v, want null primary read as empty", c)
	}

	for name, bad := range map[string]string{
		"not json":   "{\"id\":\"c1\"}\nnot json\n",
		"missing id": "{\"text\":\"x\"}\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ReadCases(strings.NewReader(bad))
			if err == nil || !strings.Contains(err.Error(), "line") {
				t.Errorf("err=%v, want an error naming the line", err)
			}
		})
	}
}

// TestScoreMatchesScorer checks the metrics against values worked out by
// hand with the project's scorer's rules: pillars are scored on labelled
// relevant cases only, predictions count only when predicted relevant,
// and the macro average covers all 13 default pillars.
func TestScoreMatchesScorer(t *testing.T) {
	cases := []Case{
		{ID: "a", Relevant: true, Pillars: []string{"labour", "health"}, Primary: "labour"},
		{ID: "b", Relevant: true, Pillars: []string{"labour"}, Primary: "labour"},
		{ID: "c", Relevant: true, Pillars: []string{"health"}, Primary: "health"},
		{ID: "d", Relevant: false},
	}
	got := []crawler.Classification{
		{Relevant: true, Pillars: []string{"labour"}, Primary: "labour"},
		{Relevant: true, Pillars: []string{"labour", "health"}, Primary: "health"},
		{Relevant: false, Pillars: []string{}},
		{Relevant: true, Pillars: []string{"labour"}, Primary: "labour"},
	}
	r := score(cases, got)
	approx := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s=%.4f, want %.4f", name, got, want)
		}
	}
	// Relevance: tp 2, fp 1, fn 1.
	approx("relevance F1", r.Relevance.F1, 2.0/3)
	// labour: tp 2 (a, b); health: tp 0, fp 1 (b), fn 2 (a, c).
	approx("macro-F1", r.MacroF1, 1.0/13)
	approx("micro-F1", r.MicroF1, 2*(2.0/3)*(2.0/4)/((2.0/3)+(2.0/4)))
	approx("primary accuracy", r.PrimaryAccuracy, 1.0/3)
	approx("macro-F1 in play", r.MacroF1InPlay, 0.5)
	for _, p := range r.Pillars {
		if p.ID == "health" && (p.Support != 2 || p.FP != 1) {
			t.Errorf("health support=%d fp=%d, want 2 and 1", p.Support, p.FP)
		}
	}
}

func TestEvaluateAndWrite(t *testing.T) {
	c := mustShipped(t)
	var cases []Case
	for _, a := range englishArticles[:4] {
		cases = append(cases, Case{ID: a.name, Lang: "en", Title: a.title, Text: a.text, Relevant: a.relevant, Primary: a.primary, Pillars: append([]string{a.primary}, a.pillars...)})
	}
	cases = append(cases, Case{ID: "neg", Lang: "vi", Title: vietnameseArticles[4].title, Text: vietnameseArticles[4].text})
	cases[1].Primary = crawler.PillarHealth // a deliberate disagreement
	r := Evaluate(c, cases)
	if got, want := len(r.Languages), 2; got != want {
		t.Fatalf("languages=%d, want %d", got, want)
	}
	if r.Languages[0].Lang != "en" || r.Languages[1].Lang != "vi" {
		t.Errorf("languages %v, want en then vi", r.Languages)
	}
	if len(r.Disagreements) == 0 {
		t.Fatal("no disagreements, want the deliberate one")
	}
	var quiet, loud bytes.Buffer
	if err := r.Write(&quiet, false); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := r.Write(&loud, true); err != nil {
		t.Fatalf("Write verbose: %v", err)
	}
	for _, want := range []string{"relevance: precision", "macro-F1", "political-trust", "language", "disagreements:"} {
		if !strings.Contains(quiet.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, quiet.String())
		}
	}
	for _, want := range []string{"defence dialogue is not political trust [en] primary", "want: defence-security", "[relevance]"} {
		if !strings.Contains(loud.String(), want) {
			t.Errorf("verbose report lacks %q:\n%s", want, loud.String())
		}
	}
}
