package store

import (
	"bytes"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// Facet counters: the relevant articles per language and per source, in
// all and per pillar, so that the list page filtered on a language or a
// source shows its pillar tabs without walking the articles of that
// language. Kept by indexArticle with the other query indexes.

const (
	facetLang   = 'l'
	facetSource = 's'
)

// facetKey is kind, value, NUL, pillar ("" for the total of the value).
func facetKey(kind byte, value, pillar string) []byte {
	k := make([]byte, 0, 2+len(value)+len(pillar))
	k = append(k, kind)
	k = append(k, value...)
	k = append(k, 0)
	return append(k, pillar...)
}

// facetKeys lists the counters a contributes to; none when not relevant.
func facetKeys(a *crawler.Article) [][]byte {
	if a == nil || !a.Relevant {
		return nil
	}
	var keys [][]byte
	add := func(kind byte, value string) {
		keys = append(keys, facetKey(kind, value, ""))
		for _, p := range a.Pillars {
			keys = append(keys, facetKey(kind, value, p))
		}
	}
	add(facetLang, a.Lang)
	for _, src := range sourcesOf(a) {
		add(facetSource, src)
	}
	return keys
}

// sourcesOf is a's sources with the one that found it first.
func sourcesOf(a *crawler.Article) []string {
	if a.Source != "" && !slices.Contains(a.Sources, a.Source) {
		return append([]string{a.Source}, a.Sources...)
	}
	return a.Sources
}

// updateFacets moves the counts of old (nil for a new article) to a (nil
// for a deleted one).
func updateFacets(tx *bolt.Tx, old, a *crawler.Article) error {
	b := tx.Bucket(bucketFacets)
	for _, step := range []struct {
		keys  [][]byte
		delta int64
	}{{facetKeys(old), -1}, {facetKeys(a), +1}} {
		for _, k := range step.keys {
			if err := addCount(b, k, step.delta); err != nil {
				return fmt.Errorf("count facet: %w", err)
			}
		}
	}
	return nil
}

// readFacet returns the relevant articles of one language or source, and
// per pillar.
func readFacet(tx *bolt.Tx, kind byte, value string) (total int, pillars map[string]int) {
	pillars = map[string]int{}
	prefix := facetKey(kind, value, "")
	c := tx.Bucket(bucketFacets).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if p := string(k[len(prefix):]); p == "" {
			total = int(decodeUint64(v))
		} else {
			pillars[p] = int(decodeUint64(v))
		}
	}
	return total, pillars
}

// checkFacets compares the facet counters with counts made afresh from
// the article records.
func checkFacets(tx *bolt.Tx, bad func(string, ...any)) {
	want := map[string]uint64{}
	_ = tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
		if a, err := getArticle(tx, string(k)); err == nil && a != nil {
			for _, fk := range facetKeys(a) {
				want[string(fk)]++
			}
		}
		return nil
	})
	got := 0
	_ = tx.Bucket(bucketFacets).ForEach(func(k, v []byte) error {
		got++
		if n := decodeUint64(v); n != want[string(k)] {
			bad("facet counter %q is %d, want %d", k, n, want[string(k)])
		}
		return nil
	})
	if got != len(want) {
		bad("%d facet counters, want %d", got, len(want))
	}
}
