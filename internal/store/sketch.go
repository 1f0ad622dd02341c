package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
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
//
// Only short texts are sketched: in a long one, inserts weigh little and
// the SimHash finds the copy, and a sketch costs every write sketchSize
// keys scattered over the index.
const (
	sketchSize = minShingles // every indexed text has at least this many shingles
	// sketchMaxShingles: texts with fewer shingles are sketched; a text
	// is looked up by sketch when a sketched text could contain it or be
	// contained in it with inserts small enough for sameStory.
	sketchMaxShingles = 4 * shortText
	// sketchMinHits is how many sketch entries a stored text must share
	// with the new one to be a candidate.
	sketchMinHits = 2
	// sketchMaxPerKey bounds the articles read per sketch entry, so that a
	// phrase common to thousands of articles costs no more than a rare one.
	sketchMaxPerKey = 64
)

// sketchOf returns the bottom-k sketch of sorted, distinct shingles, or
// nil for a text too long to be sketched.
func sketchOf(shingles []uint64) []uint64 {
	if len(shingles) >= sketchMaxShingles {
		return nil
	}
	return shingles[:min(sketchSize, len(shingles))]
}

// sketchQuery returns the sketch to look a text up by: a text too long to
// be sketched may still contain a sketched one with small inserts.
func sketchQuery(shingles []uint64) []uint64 {
	if float64(len(shingles)) > (1+maxInsertShare)*sketchMaxShingles+maxInsertShingles {
		return nil
	}
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
	sketch := sketchOf(shingles)
	if len(sketch) == 0 {
		return nil
	}
	var v []byte
	for _, h := range sketch {
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
	for _, h := range sketchQuery(shingles) {
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
	sortCandidates(out)
	return out
}

// backfillSketches indexes the sketch of every article that has a SimHash
// but no sketch: a file written before the sketch index existed. Texts too
// long to be sketched are fingerprinted for nothing, once.
func backfillSketches(tx *bolt.Tx) error {
	if tx.Bucket(bucketSketches).Stats().KeyN > 0 {
		return nil // indexed as articles were stored
	}
	var ids []string
	_ = tx.Bucket(bucketSimhash).ForEach(func(k, _ []byte) error {
		ids = append(ids, string(k))
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

// checkSketch reports where the sketch index disagrees with article id,
// whose SimHash is indexed, and returns its number of sketch entries.
func checkSketch(tx *bolt.Tx, id string, a *crawler.Article, bad func(string, ...any)) int {
	want := sketchOf(fingerprintText(a.Text).shingles)
	got := tx.Bucket(bucketSketches).Get([]byte(id))
	if len(got) != 8*len(want) {
		bad("article %s: %d sketch entries, want %d", id, len(got)/8, len(want))
		return len(got) / 8
	}
	for i, h := range want {
		if binary.BigEndian.Uint64(got[8*i:]) != h || tx.Bucket(bucketSketch).Get(sketchKey(h, id)) == nil {
			bad("article %s: sketch entry %d not indexed", id, i)
		}
	}
	return len(want)
}
