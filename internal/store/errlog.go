package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// ErrorLogSize is how many failures the error log keeps per source; older
// ones make way.
const ErrorLogSize = 100

func errLogPrefix(source string) []byte { return append([]byte(source), 0) }

// LogErrors appends errs to the error log of source, in one transaction,
// and drops the oldest entries past ErrorLogSize. The caller masks secrets
// in the reasons first.
func (s *Store) LogErrors(source string, errs []crawler.FetchError) error {
	if len(errs) == 0 {
		return nil
	}
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketErrLog)
		prefix := errLogPrefix(source)
		for _, e := range errs {
			seq, err := b.NextSequence()
			if err != nil {
				return err
			}
			if err := putJSON(b, binary.BigEndian.AppendUint64(slices.Clone(prefix), seq), e); err != nil {
				return err
			}
		}
		return trimLog(b, prefix, ErrorLogSize)
	})
	if err != nil {
		return fmt.Errorf("log errors of %s: %w", source, err)
	}
	return nil
}

// trimLog deletes the oldest keys under prefix beyond keep.
func trimLog(b *bolt.Bucket, prefix []byte, keep int) error {
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, slices.Clone(k))
	}
	for _, k := range keys[:max(0, len(keys)-keep)] {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// SourceErrors returns the logged failures of source, newest first, at
// most limit of them (all when limit <= 0). Entries that do not decode
// are skipped with a warning.
func (s *Store) SourceErrors(source string, limit int) ([]crawler.FetchError, error) {
	var out []crawler.FetchError
	prefix := errLogPrefix(source)
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketErrLog)
		c := b.Cursor()
		// Seek past the prefix's last possible key, then walk back.
		end := append(slices.Clone(prefix), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
		k, _ := c.Seek(end)
		if k == nil {
			k, _ = c.Last()
		} else {
			k, _ = c.Prev()
		}
		for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
			if limit > 0 && len(out) >= limit {
				break
			}
			var e crawler.FetchError
			if _, err := getJSON(b, k, &e); err != nil {
				s.skipRecord(string(bucketErrLog), source, err)
				continue
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("errors of %s: %w", source, err)
	}
	return out, nil
}
