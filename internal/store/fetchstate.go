package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// validators are the conditional-GET headers last seen for a URL.
type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// GetValidators returns the ETag and Last-Modified values stored for url,
// both empty when none are known.
func (s *Store) GetValidators(url string) (etag, lastModified string, err error) {
	var v validators
	err = s.view(func(tx *bolt.Tx) error {
		_, err := getJSON(tx.Bucket(bucketValidators), []byte(url), &v)
		return err
	})
	if err != nil {
		return "", "", fmt.Errorf("get validators %s: %w", url, err)
	}
	return v.ETag, v.LastModified, nil
}

// SetValidators stores the ETag and Last-Modified values of url's latest
// response; two empty values delete the entry.
func (s *Store) SetValidators(url, etag, lastModified string) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketValidators)
		if etag == "" && lastModified == "" {
			return b.Delete([]byte(url))
		}
		return putJSON(b, []byte(url), validators{ETag: etag, LastModified: lastModified})
	})
	if err != nil {
		return fmt.Errorf("set validators %s: %w", url, err)
	}
	return nil
}

// Failure is the fetch history of an article URL that could not be stored.
type Failure struct {
	URL         string    `json:"url"`
	Source      string    `json:"source,omitempty"`
	Reason      string    `json:"reason"` // the latest
	Permanent   bool      `json:"permanent"`
	Attempts    int       `json:"attempts"`
	First       time.Time `json:"first"`
	Last        time.Time `json:"last"`
	NextAttempt time.Time `json:"next_attempt,omitzero"` // zero once Permanent
}

// retryBackoff is the wait after the first, second and third temporary
// failure of a URL; maxAttempts failures make it permanent.
var retryBackoff = []time.Duration{time.Hour, 6 * time.Hour, 24 * time.Hour}

const maxAttempts = 4

// RecordFailure notes that fetching or extracting url failed at now. A
// permanent failure (gone, not an article, too large) is never retried; a
// temporary one is retried after 1h, 6h and 24h, and the fourth failure
// gives up for good.
func (s *Store) RecordFailure(url, source, reason string, permanent bool, now time.Time) error {
	err := s.update(func(tx *bolt.Tx) error {
		return recordFailure(tx, url, source, reason, permanent, now)
	})
	if err != nil {
		return fmt.Errorf("record failure %s: %w", url, err)
	}
	return nil
}

func recordFailure(tx *bolt.Tx, url, source, reason string, permanent bool, now time.Time) error {
	b := tx.Bucket(bucketFailures)
	f := Failure{URL: url, First: now}
	if _, err := getJSON(b, []byte(url), &f); err != nil {
		return err
	}
	if source != "" {
		f.Source = source
	}
	f.Reason, f.Last = reason, now
	f.Attempts++
	f.Permanent = f.Permanent || permanent || f.Attempts >= maxAttempts
	f.NextAttempt = time.Time{}
	if !f.Permanent {
		f.NextAttempt = now.Add(retryBackoff[f.Attempts-1])
	}
	return putJSON(b, []byte(url), f)
}

// ShouldFetch reports whether url is worth fetching at now: not when it
// belongs to a stored article, has failed permanently or is waiting out a
// backoff.
func (s *Store) ShouldFetch(url string, now time.Time) (bool, error) {
	var fetch bool
	err := s.view(func(tx *bolt.Tx) (err error) {
		fetch, _, err = triage(tx, url, now)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("should fetch %s: %w", url, err)
	}
	return fetch, nil
}

// triage reads what the store knows of url: whether it is worth fetching at
// now, and whether nothing more is to be done for it (stored, or failed for
// good). A URL waiting out a backoff is neither.
func triage(tx *bolt.Tx, url string, now time.Time) (fetch, settled bool, err error) {
	if tx.Bucket(bucketURLs).Get([]byte(url)) != nil {
		return false, true, nil
	}
	var f Failure
	found, err := getJSON(tx.Bucket(bucketFailures), []byte(url), &f)
	if err != nil || !found {
		return err == nil, false, err
	}
	return !f.Permanent && !now.Before(f.NextAttempt), f.Permanent, nil
}

// FailureOf returns the failure recorded for url; ok is false when none is.
func (s *Store) FailureOf(url string) (f Failure, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		ok, err = getJSON(tx.Bucket(bucketFailures), []byte(url), &f)
		return err
	})
	if err != nil {
		return Failure{}, false, fmt.Errorf("failure of %s: %w", url, err)
	}
	return f, ok, nil
}

// ClearFailure forgets url's failures, so the next pass fetches it again.
// Storing an article clears the failures of its URLs by itself.
func (s *Store) ClearFailure(url string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFailures).Delete([]byte(url))
	})
	if err != nil {
		return fmt.Errorf("clear failure %s: %w", url, err)
	}
	return nil
}

// ChildSitemaps returns the child sitemaps a sitemap index listed when it
// was last read, so they can be asked conditionally when the index itself
// answers 304. It returns nil when none are known.
func (s *Store) ChildSitemaps(index string) ([]string, error) {
	var children []string
	err := s.view(func(tx *bolt.Tx) error {
		_, err := getJSON(tx.Bucket(bucketSitemaps), []byte(index), &children)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("child sitemaps of %s: %w", index, err)
	}
	return children, nil
}

// SetChildSitemaps records the child sitemaps a sitemap index lists.
func (s *Store) SetChildSitemaps(index string, children []string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketSitemaps), []byte(index), children)
	})
	if err != nil {
		return fmt.Errorf("set child sitemaps of %s: %w", index, err)
	}
	return nil
}
