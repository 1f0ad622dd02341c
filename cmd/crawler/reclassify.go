package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
)

func runReclassify(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("reclassify", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	clf, err := classify.New(cfg.Pillars, classify.WithConfig(cfg.Classifier))
	if err != nil {
		return fmt.Errorf("taxonomy in %s: %w", cfg.Path, err)
	}
	st, err := openStore(cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	total, changed := 0, 0
	// ForEach reads in short batches and holds no transaction while it
	// calls back, so each article is updated as it goes.
	err = st.ForEach(func(art *crawler.Article) error {
		total++
		c := clf.Classify(classify.Input{Title: art.Title, Text: art.Text, Lang: art.Lang, URL: art.URL})
		if sameClassification(c, art.Classification) {
			return ctx.Err()
		}
		art.Classification = c
		if err := st.Update(art); err != nil {
			return fmt.Errorf("update %s: %w", art.ID, err)
		}
		changed++
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Reclassified %d articles: %d changed.\n", total, changed)
	return nil
}

// sameClassification reports whether two verdicts agree in everything a
// record keeps: relevance, pillars, evidence and spans. They are compared
// as stored, in JSON, so a record read back compares equal to the verdict
// that wrote it.
func sameClassification(a, b crawler.Classification) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}
