package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The sketch index finds stored texts that share most of their shingles
// with a new one even when the SimHash cannot: a short wire story with a
// dateline, a credit line and an advertisement added is 15 or more bits
// from the original, because a few extra shingles weigh much in a short
// text. Each indexed text is represented by its sketchSize smallest
// shingle hashes (a bottom-k sketch): when one text contains most of
// another, the smallest hashes of the smaller are mostly among the
// smallest of the larger, so the two share several sketch entries, while
// texts that only share a phrase or two share at most one.
const (
	sketchSize = minShingles // every indexed text has at least this many shingles
	// sketchMinHits is how many sketch entries a stored text must share
	// with the new one to be a candidate.
	sketchMinHits = 2
	// sketchMaxPerKey bounds the articles read per sketch entry, so that a
	// phrase common to thousands of articles costs no more than a rare one.
	sketchMaxPerKey = 64
)

// sketchOf returns the bottom-k sketch of sorted, distinct shingles.
func sketchOf(shingles []uint64) []uint64 {
	return shingles[:min(sketchSize, len(shingles))]
}

func sketchKey(h uint64, id string) []byte {
	return append(binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(id)), h), id...)
}

// indexSketch replaces the sketch entries of article id by those of
// shingles (none when shingles is nil).
func indexSketch(tx *bolt.Tx, id string, shingles []uint64) error {
	index, byID := tx.Bucket(bucketSketch), tx.Bucket(bucketSketches)
	if old := byID.Get([]byte(id)); old != nil {
		for i := 0; i+8 <= len(old); i += 8 {
			if err := index.Delete(sketchKey(binary.BigEndian.Uint64(old[i:]), id)); err != nil {
				return fmt.Errorf("unindex sketch: %w", err)
			}
		}
		if err := byID.Delete([]byte(id)); err != nil {
			return fmt.Errorf("unindex sketch: %w", err)
		}
	}
	if len(shingles) == 0 {
		return nil
	}
	var v []byte
	for _, h := range sketchOf(shingles) {
		if err := index.Put(sketchKey(h, id), nil); err != nil {
			return fmt.Errorf("index sketch: %w", err)
		}
		v = binary.BigEndian.AppendUint64(v, h)
	}
	return byID.Put([]byte(id), v)
}

// sketchCandidates returns the stored articles sharing at least
// sketchMinHits sketch entries with shingles, most shared first.
func sketchCandidates(tx *bolt.Tx, shingles []uint64) []candidate {
	hits := map[string]int{}
	c := tx.Bucket(bucketSketch).Cursor()
	for _, h := range sketchOf(shingles) {
		prefix := binary.BigEndian.AppendUint64(nil, h)
		n := 0
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && n < sketchMaxPerKey; k, _ = c.Next() {
			hits[string(k[8:])]++
			n++
		}
	}
	var out []candidate
	for id, n := range hits {
		if n >= sketchMinHits {
			out = append(out, candidate{id: id, dist: sketchSize - n})
		}
	}
	slices.SortFunc(out, func(x, y candidate) int {
		if x.dist != y.dist {
			return x.dist - y.dist
		}
		return bytes.Compare([]byte(x.id), []byte(y.id))
	})
	return out
}

// backfillSketches indexes the sketch of every article that has a SimHash
// but no sketch: a file written before the sketch index existed.
func backfillSketches(tx *bolt.Tx) error {
	byID := tx.Bucket(bucketSketches)
	var ids []string
	_ = tx.Bucket(bucketSimhash).ForEach(func(k, _ []byte) error {
		if byID.Get(k) == nil {
			ids = append(ids, string(k))
		}
		return nil // cannot fail
	})
	for _, id := range ids {
		a, err := getArticle(tx, id)
		if err != nil || a == nil {
			continue // checkIndexes reports it
		}
		if err := indexSketch(tx, id, fingerprintText(a.Text).shingles); err != nil {
			return err
		}
	}
	return nil
}

// checkSketches reports articles whose sketch entries are missing.
func checkSketches(tx *bolt.Tx, bad func(string, ...any)) {
	index, byID := tx.Bucket(bucketSketch), tx.Bucket(bucketSketches)
	if got, want := byID.Stats().KeyN, tx.Bucket(bucketSimhash).Stats().KeyN; got != want {
		bad("%d sketches for %d fingerprinted articles", got, want)
	}
	entries := 0
	_ = byID.ForEach(func(id, v []byte) error {
		for i := 0; i+8 <= len(v); i += 8 {
			entries++
			if index.Get(sketchKey(binary.BigEndian.Uint64(v[i:]), string(id))) == nil {
				bad("article %s: sketch entry %d not indexed", id, i/8)
			}
		}
		return nil // cannot fail
	})
	if got := index.Stats().KeyN; got != entries {
		bad("sketch index has %d entries, want %d", got, entries)
	}
}
