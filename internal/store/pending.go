package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
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
	SiteName  string    `json:"site_name,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Added     time.Time `json:"added"`
}

func pendingKey(source, url string) []byte {
	return append(append([]byte(source), 0), url...)
}

// pendingOrderKey sorts a source's queue by when each link was added:
// source, NUL, the time as orderKey encodes it, then the URL.
func pendingOrderKey(source string, added time.Time, url string) []byte {
	k := append([]byte(source), 0)
	k = binary.BigEndian.AppendUint64(k, uint64(added.Unix())^1<<63)
	k = binary.BigEndian.AppendUint32(k, uint32(added.Nanosecond()))
	return append(k, url...)
}

// addedOf reads the time out of a pendingOrderKey whose source prefix
// (with its NUL) is n bytes long.
func addedOf(k []byte, n int) time.Time {
	if len(k) < n+12 {
		return time.Time{}
	}
	sec := int64(binary.BigEndian.Uint64(k[n:]) ^ 1<<63)
	return time.Unix(sec, int64(binary.BigEndian.Uint32(k[n+8:])))
}

// AddPending queues items for source; items already queued keep their
// place. It returns how many were new to the queue.
func (s *Store) AddPending(source string, items []PendingItem) (added int, err error) {
	if len(items) == 0 {
		return 0, nil // a listing with nothing new, or a 304: no write
	}
	err = s.update(func(tx *bolt.Tx) error {
		b, order := tx.Bucket(bucketPending), tx.Bucket(bucketPendingOrder)
		for _, it := range items {
			k := pendingKey(source, it.URL)
			if b.Get(k) != nil {
				continue
			}
			if err := putJSON(b, k, it); err != nil {
				return err
			}
			if err := order.Put(pendingOrderKey(source, it.Added, it.URL), nil); err != nil {
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

// PendingCursor is a position in a source's queue, returned by PendingPage
// to resume where it stopped. The zero value is the start of the queue.
type PendingCursor []byte

// PendingPage returns up to limit of source's queued items after cursor,
// oldest first, and the cursor to pass for the next page, nil when the
// queue holds nothing more. Each page is one short read transaction, so a
// long queue is read in bounded memory; items queued or removed between
// pages may or may not be seen.
func (s *Store) PendingPage(source string, after PendingCursor, limit int) ([]PendingItem, PendingCursor, error) {
	var items []PendingItem
	var next PendingCursor
	prefix := pendingKey(source, "")
	err := s.view(func(tx *bolt.Tx) error {
		b, c := tx.Bucket(bucketPending), tx.Bucket(bucketPendingOrder).Cursor()
		k, _ := c.Seek(prefix)
		if after != nil {
			k, _ = seekAfter(c, after)
		}
		var last []byte
		for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if limit > 0 && len(items) == limit {
				next = last
				return nil
			}
			last = bytes.Clone(k)
			var it PendingItem
			url := k[len(prefix)+12:]
			if _, err := getJSON(b, pendingKey(source, string(url)), &it); err != nil {
				s.skipRecord(string(bucketPending), string(url), err)
				continue
			}
			items = append(items, it)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("pending for %s: %w", source, err)
	}
	return items, next, nil
}

func (it PendingItem) orderKey(source string) []byte {
	return pendingOrderKey(source, it.Added, it.URL)
}

// Pending returns source's queued items, oldest first. It reads the whole
// queue; PendingPage reads it in bounded pages.
func (s *Store) Pending(source string) ([]PendingItem, error) {
	var all []PendingItem
	var at PendingCursor
	for {
		page, next, err := s.PendingPage(source, at, 1024)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if next == nil {
			return all, nil
		}
		at = next
	}
}

// CountPending counts source's queued items after cursor without decoding
// them.
func (s *Store) CountPending(source string, after PendingCursor) (int, error) {
	n := 0
	prefix := pendingKey(source, "")
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPendingOrder).Cursor()
		start := []byte(prefix)
		if after != nil {
			start = after
		}
		for k, _ := c.Seek(start); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if !bytes.Equal(k, after) {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count pending for %s: %w", source, err)
	}
	return n, nil
}

// RemovePending drops urls from source's queue; unknown ones are ignored.
func (s *Store) RemovePending(source string, urls ...string) error {
	if len(urls) == 0 {
		return nil
	}
	err := s.update(func(tx *bolt.Tx) error {
		for _, u := range urls {
			if err := removePending(tx, source, u); err != nil {
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

func removePending(tx *bolt.Tx, source, url string) error {
	b := tx.Bucket(bucketPending)
	k := pendingKey(source, url)
	var it PendingItem
	found, err := getJSON(b, k, &it)
	if err != nil || !found {
		return err
	}
	if err := tx.Bucket(bucketPendingOrder).Delete(it.orderKey(source)); err != nil {
		return err
	}
	return b.Delete(k)
}

// ExpirePending drops source's queued items added before cutoff: a link
// that could not be fetched for that long (the site kept failing, or the
// per-pass cap never reached it) is stale news. It returns how many went.
// It runs at the start of every pass, so it looks at the oldest entry in a
// read transaction and writes only when there is something to drop.
func (s *Store) ExpirePending(source string, cutoff time.Time) (int, error) {
	n := 0
	prefix := pendingKey(source, "")
	var stale bool
	err := s.view(func(tx *bolt.Tx) error {
		stale = oldestBefore(tx.Bucket(bucketPendingOrder).Cursor(), prefix, cutoff) != nil
		return nil
	})
	if err == nil && stale {
		err = s.update(func(tx *bolt.Tx) error {
			b, order := tx.Bucket(bucketPending), tx.Bucket(bucketPendingOrder)
			c := order.Cursor()
			for k := oldestBefore(c, prefix, cutoff); k != nil; k = oldestBefore(c, prefix, cutoff) {
				if err := b.Delete(pendingKey(source, string(k[len(prefix)+12:]))); err != nil {
					return err
				}
				if err := order.Delete(k); err != nil {
					return err
				}
				n++
			}
			return nil
		})
	}
	if err != nil {
		return 0, fmt.Errorf("expire pending for %s: %w", source, err)
	}
	return n, nil
}

// oldestBefore returns the order key of the oldest entry of the queue
// under prefix when it was added before cutoff, else nil.
func oldestBefore(c *bolt.Cursor, prefix []byte, cutoff time.Time) []byte {
	k, _ := c.Seek(prefix)
	if k == nil || !bytes.HasPrefix(k, prefix) || !addedOf(k, len(prefix)).Before(cutoff) {
		return nil
	}
	return k
}

// Settled reports whether nothing more is to be done for url: it belongs
// to a stored article or has failed for good. A URL waiting out a backoff
// is not settled.
func (s *Store) Settled(url string) (bool, error) {
	var settled bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		_, settled, err = triage(tx, url, time.Time{})
		return err
	})
	if err != nil {
		return false, fmt.Errorf("settled %s: %w", url, err)
	}
	return settled, nil
}

// Triage is what the store knows of one candidate URL.
type Triage struct {
	Fetch   bool // worth fetching now
	Settled bool // stored, or failed for good: nothing more to do
}

// TriageURLs looks up many URLs in one read transaction, as ShouldFetch
// and Settled would one by one.
func (s *Store) TriageURLs(urls []string, now time.Time) ([]Triage, error) {
	out := make([]Triage, len(urls))
	err := s.view(func(tx *bolt.Tx) error {
		for i, u := range urls {
			f, st, err := triage(tx, u, now)
			if err != nil {
				return err
			}
			out[i] = Triage{Fetch: f, Settled: st}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("triage urls: %w", err)
	}
	return out, nil
}
