package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// A small labelled set of the classifier's own, for the commands that
// train and evaluate.
const regressionCases = "../../internal/classify/testdata/regression_short.jsonl"

const odaArticle = `{"id":"a","lang":"en","title":"Viet Nam and Japan sign deal on ODA loan for metro line","text":"Japan will provide an ODA loan through JICA for the second metro line in Ho Chi Minh City, the two governments said in Hanoi.\n\nThe loan agreement was signed by the two governments' officials."}`

// classifyOutOf runs classify --jsonl on one line.
func classifyOutOf(t *testing.T, line string, args ...string) classifyOut {
	t.Helper()
	code, out, errOut := runCLI(t, line+"\n", append(args, "classify", "--jsonl", "-")...)
	if code != exitOK {
		t.Fatalf("classify --jsonl exit %d: %s", code, errOut)
	}
	var o classifyOut
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// `classify FILE` gives the same verdict as `classify --jsonl` on the
// same article, given as JSON or as plain text with its headline first.
func TestClassifyFileAgreesWithJSONL(t *testing.T) {
	want := classifyOutOf(t, odaArticle)
	if !want.Relevant || len(want.Spans) == 0 {
		t.Fatalf("--jsonl verdict %+v, want a relevant one with spans", want)
	}
	var rec classifyIn
	if err := json.Unmarshal([]byte(odaArticle), &rec); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"article.json": odaArticle,
		"article.txt":  rec.Title + "\n\n" + rec.Text + "\n",
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI(t, "", "classify", "--lang", "en", path)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			head := fmt.Sprintf("Verdict:   relevant (relevance %.2f)\nPrimary:   %s\nPillars:   %s\n",
				want.Relevance, *want.Primary, strings.Join(want.Pillars, ", "))
			if !strings.HasPrefix(out, head) {
				t.Errorf("classify %s printed\n%s\nwant it to begin\n%s", name, out, head)
			}
			if !strings.Contains(out, "[ODA]") {
				t.Errorf("classify %s marks no deciding phrase in brackets:\n%s", name, out)
			}
		})
	}
}

// An untitled plain-text article keeps its first paragraph as text: it
// is not promoted to a headline.
func TestClassifyPlainUntitled(t *testing.T) {
	para := "Japan will provide an ODA loan for the second metro line in Ho Chi Minh City, the two governments said in Hanoi on Friday."
	rest := "The loan agreement was signed by officials of the two countries."
	if got := plainArticle(para+"\n\n"+rest, plainFlags{}); got.Title != "" || !strings.HasPrefix(got.Text, para) {
		t.Errorf("untitled article read as title %q, text %q", got.Title, got.Text)
	}
	if got := plainArticle("Japan funds metro\n"+para, plainFlags{}); got.Title != "Japan funds metro" {
		t.Errorf("headline line read as title %q", got.Title)
	}
	if got := plainArticle("Japan funds metro\n"+para, plainFlags{noTitle: true}); got.Title != "" {
		t.Errorf("--no-title gave title %q", got.Title)
	}
	if got := plainArticle(para, plainFlags{title: "Metro loan"}); got.Title != "Metro loan" || got.Text != para {
		t.Errorf("--title gave %+v", got)
	}
}

// An input line beyond the bound ends with a message naming it, not with
// memory exhausted; a long text within it is cut by the classifier.
func TestClassifyJSONLBounds(t *testing.T) {
	long := strings.Repeat("The city council met to discuss the budget. ", 100_000) // 4.4 MB
	line := fmt.Sprintf(`{"id":"long","title":"Vietnam and Japan sign loan","text":%q}`, long)
	if o := classifyOutOf(t, line); o.ID != "long" {
		t.Errorf("a %d-byte line: got %+v", len(line), o)
	}
	huge := `{"id":"huge","text":"` + strings.Repeat("x", maxInputBytes) + `"}`
	code, _, errOut := runCLI(t, odaArticle+"\n"+huge+"\n", "classify", "--jsonl", "-")
	if code != exitError || !strings.Contains(errOut, "line 2") || !strings.Contains(errOut, "MiB") {
		t.Errorf("a line of %d bytes: exit %d, stderr %q; want an error naming line 2 and the bound", len(huge), code, errOut)
	}
}

// A user trains a model on their own labelled articles, points the
// configuration at it and evaluates; eval --cv cross-validates.
func TestTrainAndEval(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model.json")
	code, out, errOut := runCLI(t, "", "train", "--cases", regressionCases, "--folds", "3", "--repeats", "1", "--out", model)
	if code != exitOK || !strings.Contains(out, "Cross-validated") {
		t.Fatalf("train exit %d:\n%s\n%s", code, out, errOut)
	}
	data, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"command": "crawler train --cases `) || !strings.Contains(string(data), `"sha256"`) {
		t.Errorf("model file records no command or data hash:\n%.400s", data)
	}
	cfg := filepath.Join(dir, "config.yaml")
	yaml := fmt.Sprintf("database: %q\nclassifier:\n  model: %q\n", filepath.Join(dir, "x.db"), model)
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "", "--config", cfg, "eval", "--cases", regressionCases)
	if code != exitOK || !strings.Contains(out, "relevance: precision") {
		t.Fatalf("eval with the trained model: exit %d:\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "eval", "--cv", "--folds", "3", "--repeats", "2", "--cases", regressionCases)
	if code != exitOK || !strings.Contains(out, "macro-F1") || !strings.Contains(out, "political-trust") {
		t.Fatalf("eval --cv exit %d:\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out, "Across files") {
		t.Errorf("eval --cv on one file measures across files:\n%s", out)
	}
	other := "../../internal/classify/testdata/regression_blind4.jsonl"
	code, out, errOut = runCLI(t, "", "eval", "--cv", "--errors", "--folds", "3", "--repeats", "1", "--cases", regressionCases, "--cases", other)
	if code != exitOK || !strings.Contains(out, "regression_blind4.jsonl, trained on regression_short.jsonl") ||
		!strings.Contains(out, "on regression_short.jsonl") || !strings.Contains(out, "Mistakes out of fold") {
		t.Fatalf("eval --cv --errors on two files: exit %d:\n%s\n%s", code, out, errOut)
	}
	missing := filepath.Join(dir, "missing.yaml")
	if err := os.WriteFile(missing, []byte("classifier:\n  model: nowhere.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "", "--config", missing, "classify", "--jsonl", "-")
	if code != exitError || !strings.Contains(errOut, "classifier.model") || !strings.Contains(errOut, "line 2") {
		t.Errorf("missing model file: exit %d, %q; want an error naming classifier.model and its line", code, errOut)
	}
}

// reclassify rewrites everything a verdict holds, evidence and spans
// included, not only the pillars.
func TestReclassifyRewritesEvidence(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("database: %q\n", db)), 0o644); err != nil {
		t.Fatal(err)
	}
	var rec classifyIn
	if err := json.Unmarshal([]byte(odaArticle), &rec); err != nil {
		t.Fatal(err)
	}
	want := classifyOutOf(t, odaArticle)
	st, err := store.Open(db, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// A record classified before spans existed, with the same pillars.
	old := &crawler.Article{URL: "https://example.org/oda", Title: rec.Title, Text: rec.Text, Lang: "en", Source: "test",
		Fetched: time.Now(), Classification: crawler.Classification{Relevant: true, Relevance: 0.5,
			Pillars: want.Pillars, Primary: *want.Primary, Evidence: map[string][]string{"relevance": {"old"}}}}
	id, _, err := st.Put(old)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut := runCLI(t, "", "--config", cfg, "reclassify")
	if code != exitOK || !strings.Contains(out, "1 changed") {
		t.Fatalf("reclassify exit %d: %q %s", code, out, errOut)
	}
	st, err = store.Open(db, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(id)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got.Relevance != want.Relevance || len(got.Spans) == 0 || got.Evidence["relevance"][0] == "old" {
		t.Errorf("after reclassify: relevance %.2f, %d span keys, evidence %q; want %.2f, spans and new evidence",
			got.Relevance, len(got.Spans), got.Evidence["relevance"], want.Relevance)
	}
	if code, out, errOut := runCLI(t, "", "--config", cfg, "reclassify"); code != exitOK || !strings.Contains(out, "0 changed") {
		t.Errorf("second reclassify: exit %d, %q %s; want nothing changed", code, out, errOut)
	}
}

// eval, train and reclassify take no file argument (--cases names the
// labelled files), and eval refuses a flag its mode would ignore, rather
// than running on the default files or without the flag.
func TestEvalAndTrainArguments(t *testing.T) {
	tests := []struct {
		args []string
		errs string
	}{
		{[]string{"eval", regressionCases}, `unexpected argument "` + regressionCases + `"`},
		{[]string{"train", regressionCases, "--out", filepath.Join(t.TempDir(), "m.json")}, "unexpected argument"},
		{[]string{"reclassify", "now"}, `unexpected argument "now"`},
		{[]string{"eval", "--errors", "--cases", regressionCases}, "--errors works only with --cv"},
		{[]string{"eval", "--folds", "3", "--cases", regressionCases}, "--folds works only with --cv"},
		{[]string{"eval", "--cv", "--rules", "--cases", regressionCases}, "--rules works only without --cv"},
		{[]string{"eval", "--cv", "-v", "--cases", regressionCases}, "-v works only without --cv"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, "", tt.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tt.errs) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.args, code, out, errOut, exitUsage, tt.errs)
		}
	}
}
