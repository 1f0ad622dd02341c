package crawl

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// Reclassify runs clf over every stored article and rewrites each whose
// verdict changed in anything a record keeps (relevance, pillars, evidence,
// spans), as it goes: the store reads in short batches and holds no
// transaction while an article is classified. It stops early, with ctx's
// error, when ctx is done. The CLI and the daemon's admin route both use it.
func Reclassify(ctx context.Context, st *store.Store, clf *classify.Classifier) (total, changed int, err error) {
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
	return total, changed, err
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
