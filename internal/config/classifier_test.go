package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClassifierSection(t *testing.T) {
	model := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(model, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		section string
		wantKey string // "" for no error
		line    int
	}{
		{"absent", "", "", 0},
		{"bound and model", "classifier:\n  max_runes: 20000\n  model: " + model + "\n", "", 0},
		{"bound too small", "classifier:\n  max_runes: 10\n", "classifier.max_runes", 2},
		{"bound too large", "classifier:\n  max_runes: 90000000\n", "classifier.max_runes", 2},
		{"missing model", "classifier:\n  model: /nonexistent/model.json\n", "classifier.model", 2},
		{"model is a directory", "classifier:\n  model: " + filepath.Dir(model) + "\n", "classifier.model", 2},
		{"unknown key", "classifier:\n  modle: x.json\n", "classifier.modle", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse(strings.NewReader("database: x.db\n"+tt.section), "test.yaml")
			if tt.wantKey == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if tt.name == "bound and model" && (cfg.Classifier.MaxRunes != 20000 || cfg.Classifier.Model != model) {
					t.Errorf("Classifier=%+v", cfg.Classifier)
				}
				return
			}
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err=%v, want *Errors", err)
			}
			fe := errs.List[0]
			if fe.Key != tt.wantKey || fe.Line != tt.line+1 {
				t.Errorf("error %v, want key %s on line %d", fe, tt.wantKey, tt.line+1)
			}
		})
	}
}

// The shipped configuration carries the classifier's vocabulary.
func TestDefaultClassifierSection(t *testing.T) {
	cl := Default().Classifier
	if len(cl.Gazetteer) < 20 || len(cl.Roles) < 10 || len(cl.Countries) < 10 || cl.Model != "" {
		t.Errorf("default classifier section: %d gazetteer groups, %d roles, %d countries, model %q",
			len(cl.Gazetteer), len(cl.Roles), len(cl.Countries), cl.Model)
	}
}
