package classify

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// The logistic fit recovers the direction of a known rule from noisy
// examples, and a stronger penalty shrinks the weights.
func TestFitLogistic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var rows []sparseRow
	var y []float64
	for range 400 {
		a, b := rng.Float64(), rng.Float64()
		label := 0.0
		if 3*a-b+0.3*rng.NormFloat64() > 1 {
			label = 1
		}
		rows = append(rows, denseRow([]float64{a, b}, 0))
		y = append(y, label)
	}
	weak, err := fitLogistic(rows, y, []float64{0.01, 0.01, biasLambda})
	if err != nil {
		t.Fatal(err)
	}
	if weak[0] <= 0 || weak[1] >= 0 || weak[0] < 2*math.Abs(weak[1]) {
		t.Errorf("weights %v, want a large positive first and a smaller negative second", weak)
	}
	strong, err := fitLogistic(rows, y, []float64{100, 100, biasLambda})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(strong[0]) >= math.Abs(weak[0]) {
		t.Errorf("weight %v with a strong penalty, want less than %v", strong[0], weak[0])
	}
}

// The choice model learns which feature marks the chosen candidate.
func TestFitChoice(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var groups []choiceGroup
	for range 200 {
		g := choiceGroup{chosen: rng.IntN(3)}
		for k := range 3 {
			g.x = append(g.x, []float64{b2f(k == g.chosen && rng.Float64() < 0.8), rng.Float64()})
		}
		groups = append(groups, g)
	}
	w, err := fitChoice(groups, []float64{0.1, 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if w[0] < 1 || math.Abs(w[1]) > w[0]/2 {
		t.Errorf("weights %v, want the marking feature to dominate", w)
	}
}

func TestSolveSPD(t *testing.T) {
	a := []float64{4, 2, 2, 3}
	x, err := solveSPD(a, []float64{2, 1}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(4*x[0]+2*x[1]-2) > 1e-12 || math.Abs(2*x[0]+3*x[1]-1) > 1e-12 {
		t.Errorf("x=%v does not solve the system", x)
	}
	if _, err := solveSPD([]float64{1, 2, 2, 1}, []float64{1, 1}, 2); !errors.Is(err, errNotPositive) {
		t.Errorf("err=%v for an indefinite matrix, want errNotPositive", err)
	}
}

func TestParseModelErrors(t *testing.T) {
	good, err := ParseModel(builtinModel)
	if err != nil {
		t.Fatalf("built-in model: %v", err)
	}
	encode := func(m Model) []byte {
		data, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	stale := *good
	stale.Pillars.Shared.Features = append([]string{"old"}, good.Pillars.Shared.Features[1:]...)
	future := *good
	future.Format = modelFormat + 1
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not json", []byte("{"), "model"},
		{"unknown field", []byte(`{"format":1,"colour":"red"}`), "colour"},
		{"other features", encode(stale), "retrain"},
		{"newer format", encode(future), "format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseModel(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err=%v, want it to mention %q", err, tt.want)
			}
		})
	}
}

// A model file named in the configuration is read by New; a missing one
// is an error that names the key.
func TestModelFile(t *testing.T) {
	pillars := loadShippedPillars(t)
	path := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(path, builtinModel, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := New(pillars, WithConfig(crawler.ClassifierConfig{Model: path}))
	if err != nil {
		t.Fatalf("New with a model file: %v", err)
	}
	if c.Model() == nil || c.Model().Command == "" {
		t.Error("the model read from the file records no command")
	}
	_, err = New(pillars, WithConfig(crawler.ClassifierConfig{Model: path + ".missing"}))
	if err == nil || !strings.Contains(err.Error(), "classifier.model") {
		t.Errorf("err=%v for a missing model file, want one naming classifier.model", err)
	}
}

// The built-in model says how it was made: the command, the data it was
// trained on and the cross-validated scores it reached. With the shared
// data present, the recorded files must be the ones there: a changed
// file means the model needs retraining.
func TestBuiltinModelRecord(t *testing.T) {
	m, err := ParseModel(builtinModel)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Command, "crawler train") || len(m.Data) == 0 || m.CV == nil || m.CV.Cases == 0 {
		t.Fatalf("model records command %q, %d data files, CV %+v", m.Command, len(m.Data), m.CV)
	}
	for _, d := range m.Data {
		data, err := os.ReadFile(filepath.Join("../..", d.Path))
		if errors.Is(err, fs.ErrNotExist) {
			t.Skip("shared development set not present")
		}
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != d.SHA256 {
			t.Errorf("%s has changed since the model was trained: retrain with %s", d.Path, m.Command)
		}
	}
}

// Training is deterministic and the model it writes classifies as the
// fitted weights do.
func TestTrainDeterministic(t *testing.T) {
	pillars := loadShippedPillars(t)
	cases := readCases(t, "testdata/regression_short.jsonl")
	s := TrainSettings{Folds: 2, Repeats: 1, Seed: 7, Lambda: DefaultLambda, Threshold: DefaultThreshold}
	a, err := Train(pillars, crawler.ClassifierConfig{}, cases, s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Train(pillars, crawler.ClassifierConfig{}, cases, s)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Error("two trainings on the same cases differ")
	}
	if a.CV == nil || a.CV.Cases != len(cases) || a.CV.RelevanceF1 < 0.5 {
		t.Errorf("CV summary %+v, want one over every case", a.CV)
	}
	c, err := New(pillars, WithModel(a))
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(c, cases)
	t.Logf("in-sample on the set trained on: relevance F1 %.3f, macro-F1 %.3f, primary %.3f", r.Relevance.F1, r.MacroF1, r.PrimaryAccuracy)
	if r.Relevance.F1 < a.CV.RelevanceF1-0.05 {
		t.Errorf("in-sample relevance F1 %.3f below the cross-validated %.3f", r.Relevance.F1, a.CV.RelevanceF1)
	}
}

func TestTrainSettingsErrors(t *testing.T) {
	cases := readCases(t, "testdata/regression_short.jsonl")
	for name, s := range map[string]TrainSettings{
		"one fold":       {Folds: 1, Repeats: 1, Lambda: DefaultLambda, Threshold: DefaultThreshold},
		"too many folds": {Folds: 1000, Repeats: 1, Lambda: DefaultLambda, Threshold: DefaultThreshold},
		"zero lambda":    {Folds: 3, Repeats: 1, Threshold: DefaultThreshold},
		"no threshold":   {Folds: 3, Repeats: 1, Lambda: DefaultLambda},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := CrossValidate(loadShippedPillars(t), crawler.ClassifierConfig{}, cases, s); err == nil {
				t.Error("CrossValidate succeeded, want an error")
			}
		})
	}
	if _, err := Train(loadShippedPillars(t), crawler.ClassifierConfig{}, nil, DefaultTrainSettings); err == nil {
		t.Error("Train without cases succeeded")
	}
}

// Folds keep each language's share of relevant and negative cases.
func TestFoldsStratified(t *testing.T) {
	var ex []example
	for i := range 90 {
		lang := []string{"en", "vi", "ja"}[i%3]
		ex = append(ex, example{c: &Case{Lang: lang}, relevant: i%2 == 0})
	}
	fold := folds(ex, 3, rand.New(rand.NewPCG(1, 1)))
	count := map[string]int{}
	for i, e := range ex {
		count[e.c.Lang+"/"+boolName(e.relevant)+"/"+string(rune('0'+fold[i]))]++
	}
	for key, n := range count {
		if n != 5 {
			t.Errorf("%s has %d cases, want 5 in every fold", key, n)
		}
	}
}

func boolName(b bool) string {
	if b {
		return "relevant"
	}
	return "negative"
}
