package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// Counter names in bucketCounts.
const (
	counterArticles = "articles"
	counterRelevant = "relevant"
	counterPillar   = "pillar:" // + pillar ID
)

// writeArticle stores a and keeps every derived index in step with it, so
// that no index can disagree with the records: the query indexes
// (indexArticle), the URL map, the counters and the near-duplicate bands.
// old is the record being replaced (nil when a is new). fp is a's
// fingerprint when the caller has it; when nil and the text changed, it is
// computed here. The search-index changes go to pb (see indexArticle).
// Failures recorded for a's URLs are cleared: the story is stored now.
func writeArticle(tx *bolt.Tx, pb *postingBatch, old, a *crawler.Article, fp *fingerprint) error {
	if a.Pillars == nil {
		a.Pillars = []string{} // the JSON contract: never null
	}
	if err := putRecord(tx, a); err != nil {
		return err
	}
	if err := indexArticle(tx, pb, old, a); err != nil {
		return err
	}
	if err := indexStored(tx, old, a); err != nil {
		return err
	}
	urls, failures := tx.Bucket(bucketURLs), tx.Bucket(bucketFailures)
	for _, u := range a.URLs {
		if err := urls.Put([]byte(u), []byte(a.ID)); err != nil {
			return fmt.Errorf("index url: %w", err)
		}
		if err := failures.Delete([]byte(u)); err != nil {
			return fmt.Errorf("clear failure: %w", err)
		}
	}
	if err := countArticle(tx, old, -1); err != nil {
		return err
	}
	if err := countArticle(tx, a, +1); err != nil {
		return err
	}
	if old != nil && old.Text == a.Text {
		return nil
	}
	if fp == nil {
		f := fingerprintText(a.Text)
		fp = &f
	}
	return indexFingerprint(tx, a.ID, *fp)
}

// countArticle adds delta to the counters a contributes to; nil is a no-op.
func countArticle(tx *bolt.Tx, a *crawler.Article, delta int64) error {
	if a == nil {
		return nil
	}
	names := []string{counterArticles}
	if a.Relevant {
		names = append(names, counterRelevant)
		for _, p := range a.Pillars {
			names = append(names, counterPillar+p)
		}
	}
	b := tx.Bucket(bucketCounts)
	for _, name := range names {
		if err := addCount(b, []byte(name), delta); err != nil {
			return fmt.Errorf("count %s: %w", name, err)
		}
	}
	return nil
}

// addCount adds delta to the counter at key, deleting a counter that drops
// to zero so that no bucket keeps stale pillars, languages or sources.
func addCount(b *bolt.Bucket, key []byte, delta int64) error {
	n := int64(decodeUint64(b.Get(key))) + delta
	if n <= 0 {
		return b.Delete(key)
	}
	return b.Put(key, encodeUint64(uint64(n)))
}

// indexFingerprint replaces the SimHash bands and the sketch of article
// id. Texts too short
// to compare are left out of the index altogether, so that, for instance,
// every article whose body could not be extracted does not look alike.
func indexFingerprint(tx *bolt.Tx, id string, fp fingerprint) error {
	sim, bands := tx.Bucket(bucketSimhash), tx.Bucket(bucketBands)
	if v := sim.Get([]byte(id)); v != nil {
		h := decodeUint64(v)
		for b := range numBands {
			if err := bands.Delete(bandKey(b, bandBits(h, b), id)); err != nil {
				return fmt.Errorf("unindex simhash: %w", err)
			}
		}
		if err := sim.Delete([]byte(id)); err != nil {
			return fmt.Errorf("unindex simhash: %w", err)
		}
	}
	if len(fp.shingles) < minShingles {
		return indexSketch(tx, id, nil)
	}
	if err := indexSketch(tx, id, fp.shingles); err != nil {
		return err
	}
	v := encodeUint64(fp.hash)
	if err := sim.Put([]byte(id), v); err != nil {
		return fmt.Errorf("index simhash: %w", err)
	}
	for b := range numBands {
		if err := bands.Put(bandKey(b, bandBits(fp.hash, b), id), v); err != nil {
			return fmt.Errorf("index simhash: %w", err)
		}
	}
	return nil
}
