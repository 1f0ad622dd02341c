package store

import (
	"errors"
	"fmt"
	"runtime/debug"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// ErrDamaged means the database file is damaged (truncated, or a page that
// does not decode): bbolt panicked, faulted or refused a page while reading
// it, or a record does not decode. The remedy is a restore from backup;
// `crawler db check` says what is wrong.
var ErrDamaged = errors.New("database damaged")

// view runs fn in a read transaction. bbolt panics on pages it cannot
// decode, and reading a page past the end of a truncated file faults;
// view turns both into an error wrapping ErrDamaged and naming the file, so
// one damaged file never takes a process down.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	return s.db.View(fn)
}

// update runs fn in a write transaction, committed when fn returns nil.
// Panics and faults become ErrDamaged as in view; bbolt rolls the
// transaction back while the panic unwinds, so nothing half-written is
// committed.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	return s.db.Update(fn)
}

// recoverDamage converts a panic raised under a transaction into an error
// and remembers it (see Damaged).
func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = damaged(s.path, r)
		s.damage.set(*err)
	}
}

// damaged builds the error for a panic value r raised while reading path.
func damaged(path string, r any) error {
	return fmt.Errorf("%s: %v: %w (restore it from a backup; `crawler db check` lists the damage)", path, r, ErrDamaged)
}

// finding is one piece of damage found by a check. It wraps ErrDamaged
// without repeating its text.
type finding string

func (f finding) Error() string { return string(f) }
func (f finding) Unwrap() error { return ErrDamaged }

func findingf(format string, args ...any) error { return finding(fmt.Sprintf(format, args...)) }

// Damaged returns a channel closed the first time a transaction finds the
// file damaged (a page that does not decode, a truncated file). A daemon
// stops on it rather than write into a damaged file; DamageError says what
// was found. Undecodable records do not close it: they are skipped.
func (s *Store) Damaged() <-chan struct{} { return s.damage.done() }

// DamageError returns the first damage found by a transaction, wrapping
// ErrDamaged, or nil.
func (s *Store) DamageError() error { return s.damage.get() }

// damageFlag records the first page-level damage seen.
type damageFlag struct {
	once sync.Once
	mu   sync.Mutex
	err  error
	ch   chan struct{}
}

func (d *damageFlag) init() { d.once.Do(func() { d.ch = make(chan struct{}) }) }

func (d *damageFlag) done() <-chan struct{} {
	d.init()
	return d.ch
}

func (d *damageFlag) set(err error) {
	d.init()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err == nil {
		d.err = err
		close(d.ch)
	}
}

func (d *damageFlag) get() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}
