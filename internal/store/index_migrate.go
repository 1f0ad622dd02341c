package store

import (
	"bytes"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// keyReindexAfter remembers, during a migration, the last article ID whose
// query indexes are built, so that an interrupted migration resumes there.
var keyReindexAfter = []byte("reindex_after")

// migrateBatchSize is how many articles one migration transaction indexes.
var migrateBatchSize = 500

// migrateToV3 builds the query indexes (the filter meta in the date order,
// document numbers, the search index, the facet counters) of a version-2
// file, in transactions of migrateBatchSize articles, so that a large file
// neither holds all its changes in memory nor loses the work done when the
// process is killed: a marker in the meta bucket says where to resume.
func (s *Store) migrateToV3() error {
	for {
		done, err := s.reindexStep()
		if err != nil {
			return fmt.Errorf("build query indexes: %w", err)
		}
		if done {
			return nil
		}
	}
}

// reindexStep indexes the next batch of articles and reports whether none
// is left.
func (s *Store) reindexStep() (done bool, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		after := m.Get(keyReindexAfter)
		if after == nil {
			// A fresh start: whatever the query indexes hold is stale.
			if err := resetQueryIndexes(tx); err != nil {
				return err
			}
		}
		c := tx.Bucket(bucketArticles).Cursor()
		k, _ := seekAfter(c, after)
		var last []byte
		pb := newPostingBatch()
		for n := 0; k != nil && n < migrateBatchSize; k, _ = c.Next() {
			last, n = k, n+1
			a, err := getArticle(tx, string(k))
			if re, ok := errors.AsType[*RecordError](err); ok {
				// One record that does not decode must not keep the
				// file from opening; db check reports it.
				s.skipRecord(re.Bucket, string(k), err)
				continue
			}
			if err != nil {
				return err
			}
			if err := indexArticle(tx, pb, nil, a); err != nil {
				return err
			}
		}
		if err := pb.flush(tx); err != nil {
			return err
		}
		if k != nil {
			return m.Put(keyReindexAfter, bytes.Clone(last))
		}
		done = true
		return m.Delete(keyReindexAfter)
	})
	return done, err
}

// resetQueryIndexes empties the buckets indexArticle fills, except the date
// order, whose entries every article overwrites.
func resetQueryIndexes(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketDocs, bucketDocIDs, bucketTerms, bucketFacets} {
		if err := tx.DeleteBucket(name); err != nil {
			return fmt.Errorf("reset %s: %w", name, err)
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("reset %s: %w", name, err)
		}
	}
	return nil
}
