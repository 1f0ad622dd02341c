package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// PendingItem is a discovered article link not yet fetched: left over by a
// pass that hit its per-run cap, was cut short, or failed temporarily.
// Keeping them here matters because the listing that named them may answer
// 304 Not Modified next time and never name them again.
type PendingItem struct {
	URL       string    `json:"url"`
	Title     string    `json:"title,omitempty"`
	Author    string    `json:"author,omitempty"`
	Lang      string    `json:"lang,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Added     time.Time `json:"added"`
}

func pendingKey(source, url string) []byte {
	return append(append([]byte(source), 0), url...)
}

// AddPending queues items for source; items already queued keep their
// place. It returns how many were new to the queue.
func (s *Store) AddPending(source string, items []PendingItem) (added int, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPending)
		for _, it := range items {
			k := pendingKey(source, it.URL)
			if b.Get(k) != nil {
				continue
			}
			if err := putJSON(b, k, it); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("add pending for %s: %w", source, err)
	}
	return added, nil
}

// Pending returns source's queued items, oldest first.
func (s *Store) Pending(source string) ([]PendingItem, error) {
	var items []PendingItem
	prefix := pendingKey(source, "")
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPending).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var it PendingItem
			if _, err := getJSON(tx.Bucket(bucketPending), k, &it); err != nil {
				return err
			}
			items = append(items, it)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pending for %s: %w", source, err)
	}
	sortPending(items)
	return items, nil
}

// RemovePending drops urls from source's queue; unknown ones are ignored.
func (s *Store) RemovePending(source string, urls ...string) error {
	if len(urls) == 0 {
		return nil
	}
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPending)
		for _, u := range urls {
			if err := b.Delete(pendingKey(source, u)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("remove pending for %s: %w", source, err)
	}
	return nil
}

// Settled reports whether nothing more is to be done for url: it belongs
// to a stored article or has failed for good. A URL waiting out a backoff
// is not settled.
func (s *Store) Settled(url string) (bool, error) {
	settled := false
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketURLs).Get([]byte(url)) != nil {
			settled = true
			return nil
		}
		var f Failure
		found, err := getJSON(tx.Bucket(bucketFailures), []byte(url), &f)
		settled = found && f.Permanent
		return err
	})
	if err != nil {
		return false, fmt.Errorf("settled %s: %w", url, err)
	}
	return settled, nil
}

// sortPending orders items by when they were queued, so a backlog drains
// oldest first.
func sortPending(items []PendingItem) {
	slices.SortStableFunc(items, func(a, b PendingItem) int { return a.Added.Compare(b.Added) })
}
