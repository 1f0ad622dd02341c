package store

import (
	"bytes"
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// pruneChunk is how many date-index entries one pruning transaction walks.
const pruneChunk = 500

// PruneRejected drops the text, evidence and spans of articles judged not
// relevant that were stored before cutoff, and returns how many it
// pruned. Their records stay, with every URL, title and date, so their URLs
// are still known and never fetched again; they leave the near-duplicate
// index, having no text to compare. It walks the date index from the
// oldest entry, in short transactions, so a daemon can run it while
// crawling; it stops between transactions when ctx ends, returning ctx's
// error and what it had pruned.
func (s *Store) PruneRejected(ctx context.Context, cutoff time.Time) (int, error) {
	total := 0
	var after []byte
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		n, next, err := s.pruneChunk(after, cutoff)
		total += n
		if err != nil {
			return total, fmt.Errorf("prune rejected articles: %w", err)
		}
		if next == nil {
			return total, nil
		}
		after = next
	}
}

// pruneChunk prunes up to pruneChunk date-index entries after after; next
// is nil once the walk has passed cutoff or the end.
func (s *Store) pruneChunk(after []byte, cutoff time.Time) (n int, next []byte, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOrder).Cursor()
		k, v := seekAfter(c, after)
		var ids []string
		for walked := 0; k != nil && walked < pruneChunk; k, v = c.Next() {
			date, id := parseOrderKey(k)
			if !date.Before(cutoff) {
				next = nil
				return s.pruneIDs(tx, ids, cutoff, &n)
			}
			if m := meta(v); len(m) > 0 && !m.relevant() {
				ids = append(ids, id)
			}
			next = bytes.Clone(k)
			walked++
		}
		if k == nil {
			next = nil
		}
		return s.pruneIDs(tx, ids, cutoff, &n)
	})
	return n, next, err
}

// pruneIDs empties the listed records that still have text and were
// stored before cutoff.
func (s *Store) pruneIDs(tx *bolt.Tx, ids []string, cutoff time.Time, n *int) error {
	for _, id := range ids {
		a, err := getArticle(tx, id)
		if err != nil {
			return err
		}
		if a == nil || a.Relevant || a.Text == "" || !a.Fetched.Before(cutoff) {
			continue
		}
		old := *a
		a.Text, a.Evidence, a.Spans = "", nil, nil
		if err := writeArticle(tx, nil, &old, a, nil); err != nil {
			return err
		}
		*n++
	}
	return nil
}
