package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// SourceState returns the stored health of the source called name, or a
// zero state carrying only Name when none is stored.
func (s *Store) SourceState(name string) (crawler.SourceState, error) {
	st := crawler.SourceState{Name: name}
	err := s.view(func(tx *bolt.Tx) error {
		_, err := getJSON(tx.Bucket(bucketSources), []byte(name), &st)
		return err
	})
	if err != nil {
		return crawler.SourceState{}, fmt.Errorf("source state %q: %w", name, err)
	}
	return st, nil
}

// PutSourceState stores st under st.Name, replacing what was there.
func (s *Store) PutSourceState(st crawler.SourceState) error {
	if st.Name == "" {
		return fmt.Errorf("put source state: empty name")
	}
	err := s.update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketSources), []byte(st.Name), st)
	})
	if err != nil {
		return fmt.Errorf("put source state %q: %w", st.Name, err)
	}
	return nil
}

// SourceStates returns every stored source state, sorted by name. Sources
// removed from the configuration keep their state until deleted with
// DeleteSourceState.
func (s *Store) SourceStates() ([]crawler.SourceState, error) {
	var out []crawler.SourceState
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSources)
		return b.ForEach(func(k, _ []byte) error {
			var st crawler.SourceState
			if _, err := getJSON(b, k, &st); err != nil {
				s.skipRecord(string(bucketSources), string(k), err)
				return nil
			}
			out = append(out, st)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("source states: %w", err)
	}
	return out, nil
}

// DeleteSourceState forgets the health of the source called name; deleting
// an unknown name is not an error.
func (s *Store) DeleteSourceState(name string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSources).Delete([]byte(name))
	})
	if err != nil {
		return fmt.Errorf("delete source state %q: %w", name, err)
	}
	return nil
}
