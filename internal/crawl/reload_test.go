package crawl_test

import (
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
)

// TestReloadKeepsClassifierSection: a reloaded configuration's model file
// is the one the new crawler classifies with, as at start-up.
func TestReloadKeepsClassifierSection(t *testing.T) {
	e := newEnv(t)
	cfg := config.Default()
	cfg.Sources = e.sources
	builtin, err := crawl.NewClassifier(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := *builtin.Model()
	m.Command = "crawler train --out custom.json"
	data, err := json.Marshal(&m)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "custom.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	next := *cfg
	next.Classifier.Model = path
	for name, build := range map[string]func() (*crawl.Crawler, error){
		"Reload": func() (*crawl.Crawler, error) { return e.crawler.Reload(&next) },
		"New":    func() (*crawl.Crawler, error) { return crawl.New(&next, e.store, slog.New(slog.DiscardHandler)) },
	} {
		c, err := build()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := c.Classifier.Model().Command; got != m.Command {
			t.Errorf("%s: classifier model from %q, want the configured file's (%q)", name, got, m.Command)
		}
	}
}
