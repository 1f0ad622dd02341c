package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// Buckets of search sources.
var (
	bucketSearchLinks = []byte("search_links") // source NUL id -> SearchLink JSON
	bucketSearchIDs   = []byte("search_ids")   // id -> resolvedLink JSON
)

// resolvedLink is the publisher URL a provider link resolved to, and when.
type resolvedLink struct {
	URL string    `json:"url"`
	At  time.Time `json:"at"`
}

// AddSearchLinks queues provider links of source that wait to be resolved;
// links already queued keep their entry. It returns how many were new.
func (s *Store) AddSearchLinks(source string, links []crawler.SearchLink) (added int, err error) {
	if len(links) == 0 {
		return 0, nil
	}
	err = s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearchLinks)
		for _, l := range links {
			k := pendingKey(source, l.ID)
			if b.Get(k) != nil {
				continue
			}
			if err := putJSON(b, k, l); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("queue search links for %s: %w", source, err)
	}
	return added, nil
}

// SearchLinks returns source's queued provider links, oldest first.
func (s *Store) SearchLinks(source string) ([]crawler.SearchLink, error) {
	var links []crawler.SearchLink
	prefix := pendingKey(source, "")
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearchLinks)
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var l crawler.SearchLink
			if _, err := getJSON(b, k, &l); err != nil {
				return err
			}
			links = append(links, l)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search links of %s: %w", source, err)
	}
	slices.SortStableFunc(links, func(a, b crawler.SearchLink) int { return a.Added.Compare(b.Added) })
	return links, nil
}

// UpdateSearchLinks rewrites queued links (their attempts and last error);
// links no longer queued are not added back.
func (s *Store) UpdateSearchLinks(source string, links []crawler.SearchLink) error {
	if len(links) == 0 {
		return nil
	}
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearchLinks)
		for _, l := range links {
			k := pendingKey(source, l.ID)
			if b.Get(k) == nil {
				continue
			}
			if err := putJSON(b, k, l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("update search links of %s: %w", source, err)
	}
	return nil
}

// RemoveSearchLinks drops ids from source's queue; unknown ones are
// ignored.
func (s *Store) RemoveSearchLinks(source string, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.update(func(tx *bolt.Tx) error {
		return deleteSearchLinks(tx, source, ids)
	})
	if err != nil {
		return fmt.Errorf("remove search links of %s: %w", source, err)
	}
	return nil
}

func deleteSearchLinks(tx *bolt.Tx, source string, ids []string) error {
	b := tx.Bucket(bucketSearchLinks)
	for _, id := range ids {
		if err := b.Delete(pendingKey(source, id)); err != nil {
			return err
		}
	}
	return nil
}

// ResolvedLink returns the publisher URL the provider link id resolved to.
func (s *Store) ResolvedLink(id string) (url string, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearchIDs)
		var r resolvedLink
		ok, err = getJSON(b, []byte(id), &r)
		url = r.URL
		return err
	})
	if err != nil {
		return "", false, fmt.Errorf("resolved link %.40s: %w", id, err)
	}
	return url, ok, nil
}

// SetResolvedLink records that the provider link id resolved to url and
// drops it from source's queue, in one transaction.
func (s *Store) SetResolvedLink(source, id, url string) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearchIDs)
		if err := putJSON(b, []byte(id), resolvedLink{URL: url, At: s.now()}); err != nil {
			return err
		}
		return deleteSearchLinks(tx, source, []string{id})
	})
	if err != nil {
		return fmt.Errorf("record resolved link %.40s: %w", id, err)
	}
	return nil
}

// PruneResolvedLinks forgets links resolved before the given time, so the
// memory of resolutions does not grow without bound. It returns how many
// were forgotten; a link listed again later is simply resolved again. It
// runs after every pass of a search source, so it reads the records in a
// read transaction and takes the write lock, which the other sources'
// commits wait for, only when there is something to forget.
func (s *Store) PruneResolvedLinks(before time.Time) (int, error) {
	var old [][]byte
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearchIDs)
		return b.ForEach(func(k, _ []byte) error {
			if stale, err := resolvedBefore(b, k, before); err != nil || !stale {
				return err
			}
			old = append(old, slices.Clone(k))
			return nil
		})
	})
	n := 0
	if err == nil && len(old) > 0 {
		err = s.update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketSearchIDs)
			for _, k := range old {
				stale, err := resolvedBefore(b, k, before)
				if err != nil {
					return err
				}
				if !stale {
					continue // resolved again since the read
				}
				if err := b.Delete(k); err != nil {
					return err
				}
				n++
			}
			return nil
		})
	}
	if err != nil {
		return 0, fmt.Errorf("prune resolved links: %w", err)
	}
	return n, nil
}

// resolvedBefore reports whether the resolution at k was made before the
// given time; false when there is none.
func resolvedBefore(b *bolt.Bucket, k []byte, before time.Time) (bool, error) {
	var r resolvedLink
	found, err := getJSON(b, k, &r)
	return found && err == nil && r.At.Before(before), err
}
