package store

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// digestKeySize is the length of the HMAC key created for unsubscribe
// links: as long as the SHA-256 output it keys.
const digestKeySize = 32

// initDigest runs in Open's first transaction: it creates the HMAC key of
// unsubscribe links once, so the first command that writes the database
// makes it and every later one finds it, and it indexes by storing time
// the articles of a file written before that index existed.
func initDigest(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta.Get(keyDigestKey) == nil {
		key := make([]byte, digestKeySize)
		if _, err := rand.Read(key); err != nil {
			return fmt.Errorf("create digest key: %w", err)
		}
		if err := meta.Put(keyDigestKey, key); err != nil {
			return fmt.Errorf("create digest key: %w", err)
		}
	}
	if meta.Get(keyStoredIndex) != nil {
		return nil
	}
	stored := tx.Bucket(bucketStored)
	err := tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
		a, err := getArticle(tx, string(k))
		if err != nil {
			return err
		}
		return stored.Put(orderKey(a.Fetched, a.ID), orderValue(a))
	})
	if err != nil {
		return fmt.Errorf("index articles by storing time: %w", err)
	}
	return meta.Put(keyStoredIndex, []byte("1"))
}

// indexStored keeps a's entry in the storing-time index in step with the
// record; old is the record replaced, nil for a new one.
func indexStored(tx *bolt.Tx, old, a *crawler.Article) error {
	b := tx.Bucket(bucketStored)
	if old != nil {
		if err := b.Delete(orderKey(old.Fetched, old.ID)); err != nil {
			return fmt.Errorf("unindex storing time: %w", err)
		}
	}
	if err := b.Put(orderKey(a.Fetched, a.ID), orderValue(a)); err != nil {
		return fmt.Errorf("index storing time: %w", err)
	}
	return nil
}

// StoredSince returns the relevant articles stored (by Fetched) at or
// after since, oldest first. It walks the storing-time index, so its cost
// follows the number of articles returned, not the size of the database.
func (s *Store) StoredSince(since time.Time) ([]*crawler.Article, error) {
	var out []*crawler.Article
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketStored).Cursor()
		for k, v := c.Seek(orderKey(since, "")); k != nil; k, v = c.Next() {
			if !orderMatches(v, Query{}) {
				continue
			}
			_, id := parseOrderKey(k)
			a, err := getArticle(tx, id)
			if err != nil {
				return err
			}
			if a == nil {
				return fmt.Errorf("storing-time index names missing article %s", id)
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("articles stored since %s: %w", since.Format(time.RFC3339), err)
	}
	return out, nil
}

// Articles returns the articles with exactly these IDs, in the same order,
// skipping IDs no longer stored.
func (s *Store) Articles(ids []string) ([]*crawler.Article, error) {
	out := make([]*crawler.Article, 0, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			a, err := getArticle(tx, id)
			if err != nil {
				return err
			}
			if a != nil {
				out = append(out, a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	return out, nil
}

// checkStored reports entries of the storing-time index that disagree with
// the records: one per article, at its Fetched time.
func checkStored(tx *bolt.Tx, n int, bad func(string, ...any)) {
	b := tx.Bucket(bucketStored)
	if got := b.Stats().KeyN; got != n {
		bad("storing-time index has %d entries for %d articles", got, n)
	}
	_ = b.ForEach(func(k, _ []byte) error {
		_, id := parseOrderKey(k)
		a, err := getArticle(tx, id)
		if err != nil || a == nil || !bytes.Equal(orderKey(a.Fetched, a.ID), k) {
			bad("storing-time index entry for %s does not match its record", id)
		}
		return nil // reported through bad
	})
}
