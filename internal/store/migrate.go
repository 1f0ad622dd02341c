package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migrations bring a file from one schema version to the next; step i
// turns version i+1 into i+2. Each step is safe to run again after a crash
// part-way through: the version is stamped only once the step is done.
var migrations = []func(s *Store) error{
	(*Store).migrateToV2,
	(*Store).migrateToV3,
}

// migrate runs the steps from the file's version to schemaVersion.
func (s *Store) migrate(from int) error {
	for v := from; v < schemaVersion; v++ {
		if err := migrations[v-1](s); err != nil {
			return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
		}
		if err := s.update(func(tx *bolt.Tx) error { return setSchema(tx, v+1) }); err != nil {
			return fmt.Errorf("stamp schema %d: %w", v+1, err)
		}
	}
	return nil
}

// migrateChunk is how many records one migration transaction rewrites, so
// that a large file does not hold every rewritten page in memory at once.
const migrateChunk = 500

// migrateToV2 indexes the pending queue by age (pending_order) and
// compresses the article records.
func (s *Store) migrateToV2() error {
	err := s.update(func(tx *bolt.Tx) error {
		order := tx.Bucket(bucketPendingOrder)
		return tx.Bucket(bucketPending).ForEach(func(k, _ []byte) error {
			source, url, ok := bytes.Cut(k, []byte{0})
			if !ok {
				return nil // not a queue key; leave it
			}
			var it PendingItem
			if _, err := getJSON(tx.Bucket(bucketPending), k, &it); err != nil {
				return err
			}
			return order.Put(pendingOrderKey(string(source), it.Added, string(url)), nil)
		})
	})
	if err != nil {
		return fmt.Errorf("index pending queue: %w", err)
	}
	return s.recodeArticles()
}

// recodeArticles rewrites every article record in the current encoding.
func (s *Store) recodeArticles() error {
	var after []byte
	for {
		done := true
		err := s.update(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketArticles).Cursor()
			k, v := seekAfter(c, after)
			var ids []string
			for ; k != nil && len(ids) < migrateChunk; k, v = c.Next() {
				if len(v) > 0 && v[0] != recordDeflate {
					ids = append(ids, string(k))
				}
				after = bytes.Clone(k)
			}
			done = k == nil
			for _, id := range ids {
				a, err := getArticle(tx, id)
				if err != nil {
					return err
				}
				if err := putRecord(tx, a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("compress articles: %w", err)
		}
		if done {
			return nil
		}
	}
}
