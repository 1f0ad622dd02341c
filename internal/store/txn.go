package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ErrDamaged means the database file is damaged (truncated, or a page that
// does not decode): bbolt panicked or refused a page while reading it. The
// remedy is a restore from backup; `crawler db check` says what is wrong.
var ErrDamaged = errors.New("database damaged")

// view runs fn in a read transaction. bbolt panics on pages it cannot
// decode; view turns such a panic into an error wrapping ErrDamaged and
// naming the file, so one damaged file never takes a process down.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	return s.db.View(fn)
}

// update runs fn in a write transaction, committed when fn returns nil.
// Panics become ErrDamaged as in view; bbolt rolls the transaction back
// while the panic unwinds, so nothing half-written is committed.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	return s.db.Update(fn)
}

// recoverDamage converts a panic raised under a transaction into an error.
func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = damaged(s.path, r)
	}
}

// damaged builds the error for a panic value r raised while reading path.
func damaged(path string, r any) error {
	return fmt.Errorf("%s: %v: %w (restore it from a backup; `crawler db check` lists the damage)", path, r, ErrDamaged)
}
