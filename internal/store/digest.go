package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// ledgerEntry records that one article reached one recipient.
type ledgerEntry struct {
	Period string    `json:"period"`
	At     time.Time `json:"at"` // when the server accepted the message
}

// Recipients are keyed by their address in lower case: mail servers treat
// the local part case-insensitively in practice, and a configuration that
// changes the case of an address must not start a new history.
func recipientKey(email string) []byte { return []byte(strings.ToLower(email)) }

func runKey(email, period string) []byte {
	return append(append(recipientKey(email), 0), period...)
}

func ledgerKey(email, id string) []byte {
	return append(append(recipientKey(email), 0), id...)
}

// DigestKey returns the HMAC key of unsubscribe links, created with the
// database. Callers must not modify it.
func (s *Store) DigestKey() ([]byte, error) {
	var key []byte
	err := s.view(func(tx *bolt.Tx) error {
		key = bytes.Clone(tx.Bucket(bucketMeta).Get(keyDigestKey))
		return nil
	})
	if err == nil && len(key) == 0 {
		err = fmt.Errorf("no key in %s", s.path) // init creates it: only a damaged file lacks it
	}
	if err != nil {
		return nil, fmt.Errorf("digest key: %w", err)
	}
	return key, nil
}

// DigestState returns what is stored about the recipient email; found is
// false, and the state carries only Email, for a recipient never seen.
func (s *Store) DigestState(email string) (st crawler.DigestState, found bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		var e error
		st, found, e = getDigestState(tx, email)
		return e
	})
	if err != nil {
		return crawler.DigestState{}, false, fmt.Errorf("digest state of %s: %w", email, err)
	}
	return st, found, nil
}

// DigestStates returns the state of every recipient ever seen, by address.
func (s *Store) DigestStates() ([]crawler.DigestState, error) {
	var out []crawler.DigestState
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDigestRcpt)
		return b.ForEach(func(k, _ []byte) error {
			var st crawler.DigestState
			if _, err := getJSON(b, k, &st); err != nil {
				return err
			}
			out = append(out, st)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("digest states: %w", err)
	}
	return out, nil
}

// DigestRun returns the run of email for period; found is false when there
// is none.
func (s *Store) DigestRun(email, period string) (run crawler.DigestRun, found bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		r, err := getRun(tx, email, period)
		if r != nil {
			run, found = *r, true
		}
		return err
	})
	if err != nil {
		return crawler.DigestRun{}, false, fmt.Errorf("digest run %s of %s: %w", period, email, err)
	}
	return run, found, nil
}

// Delivered reports which of ids the ledger records as delivered to email.
func (s *Store) Delivered(email string, ids []string) (map[string]bool, error) {
	done := map[string]bool{}
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLedger)
		for _, id := range ids {
			if b.Get(ledgerKey(email, id)) != nil {
				done[id] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("digest ledger of %s: %w", email, err)
	}
	return done, nil
}

// Unsubscribe records that email wants no more digests, at the time at. It
// reports whether the recipient was subscribed until now; unsubscribing
// twice keeps the first time.
func (s *Store) Unsubscribe(email string, at time.Time) (changed bool, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		st, _, err := getDigestState(tx, email)
		if err != nil || !st.Subscribed() {
			return err
		}
		st.Unsubscribed, changed = at, true
		return putDigestState(tx, st)
	})
	if err != nil {
		return false, fmt.Errorf("unsubscribe %s: %w", email, err)
	}
	return changed, nil
}

// Resubscribe undoes Unsubscribe. The next digest starts at start at the
// earliest, so a long pause does not come back as one huge message.
func (s *Store) Resubscribe(email string, start time.Time) error {
	err := s.update(func(tx *bolt.Tx) error {
		st, _, err := getDigestState(tx, email)
		if err != nil {
			return err
		}
		st.Unsubscribed = time.Time{}
		if st.Since.Before(start) {
			st.Since = start
		}
		return putDigestState(tx, st)
	})
	if err != nil {
		return fmt.Errorf("resubscribe %s: %w", email, err)
	}
	return nil
}

func getDigestState(tx *bolt.Tx, email string) (crawler.DigestState, bool, error) {
	st := crawler.DigestState{Email: strings.ToLower(email)}
	found, err := getJSON(tx.Bucket(bucketDigestRcpt), recipientKey(email), &st)
	return st, found, err
}

func putDigestState(tx *bolt.Tx, st crawler.DigestState) error {
	return putJSON(tx.Bucket(bucketDigestRcpt), recipientKey(st.Email), st)
}

func getRun(tx *bolt.Tx, email, period string) (*crawler.DigestRun, error) {
	var r crawler.DigestRun
	found, err := getJSON(tx.Bucket(bucketDigestRuns), runKey(email, period), &r)
	if err != nil || !found {
		return nil, err
	}
	return &r, nil
}

func putRun(tx *bolt.Tx, r *crawler.DigestRun) error {
	return putJSON(tx.Bucket(bucketDigestRuns), runKey(r.Email, r.Period), r)
}

// PruneLedger forgets the articles delivered to email before the time
// before, and returns how many. A digest looks back only a little before
// the recipient's window, so older entries can never be consulted again;
// pruning keeps the ledger to a few days per recipient.
func (s *Store) PruneLedger(email string, before time.Time) (int, error) {
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLedger)
		prefix := append(recipientKey(email), 0)
		var stale [][]byte
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var e ledgerEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("decode %q: %w", k, err)
			}
			if e.At.Before(before) {
				stale = append(stale, bytes.Clone(k))
			}
		}
		for _, k := range stale {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(stale)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("prune digest ledger of %s: %w", email, err)
	}
	return n, nil
}
