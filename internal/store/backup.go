package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// WriteTo writes a consistent copy of the whole database file to w from
// one read transaction: writers go on meanwhile, and the copy holds every
// transaction committed before it started and none after. size, when not
// nil, is called with the copy's length before the first byte is written.
func (s *Store) WriteTo(w io.Writer, size func(int64)) (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		if size != nil {
			size(tx.Size())
		}
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("copy database: %w", err)
	}
	return n, nil
}

// Size is the space the database's pages take, free pages inside the file
// included: less than the file, which bbolt grows in large steps.
func (s *Store) Size() (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		n = tx.Size()
		return nil
	})
	return n, err
}

// Backup writes a consistent copy of the database to path, atomically: a
// temporary file beside it is written, synced, checked and renamed over
// path, so path holds either the old backup or the complete new one.
func (s *Store) Backup(path string) (int64, error) {
	var n int64
	err := WriteFileAtomic(path, func(f *os.File) (err error) {
		n, err = s.WriteTo(f, nil)
		return err
	})
	return n, err
}

// WriteFileAtomic creates path through a temporary file in its directory:
// write fills it, then it is synced, checked as a database (Verify),
// renamed over path and the directory synced. On any error the temporary
// file is removed and path is untouched.
func WriteFileAtomic(path string, write func(*os.File) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return err
	}
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	if err := Verify(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// Verify opens the database file at path read-only and runs bbolt's
// page-level consistency check; it fails on a truncated or damaged copy.
func Verify(path string) (err error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: DefaultTimeout})
	if err != nil {
		return fmt.Errorf("verify %s: %w", path, err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = damaged(path, r)
		}
		db.Close()
	}()
	return db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("verify %s: %w: %w", path, ErrDamaged, err)
		}
		return nil
	})
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// compactTxSize bounds the transactions of a compaction, so that copying a
// large file does not hold it all in memory.
const compactTxSize = 64 << 20

// CompactTo writes a compacted copy of the database to path (which must
// not exist): every live record, none of the free pages the file has
// accumulated. bbolt files never shrink by themselves.
func (s *Store) CompactTo(path string) error {
	dst, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: DefaultTimeout, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	err = func() (err error) {
		defer s.recoverDamage(&err)
		return bolt.Compact(dst, s.db, compactTxSize)
	}()
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("compact into %s: %w", path, err)
	}
	return nil
}

// Compact rewrites the database file without its free pages and swaps it
// in atomically, then reopens it; the Store stays usable. It returns the
// file sizes before and after. Other processes must not have the file open
// (Open's lock guarantees that while this Store holds it).
func (s *Store) Compact() (before, after int64, err error) {
	fi, err := os.Stat(s.path)
	if err != nil {
		return 0, 0, err
	}
	tmp := s.path + ".compact"
	os.Remove(tmp) // left by an interrupted run
	if err := s.CompactTo(tmp); err != nil {
		return 0, 0, err
	}
	if err := syncFile(tmp); err != nil {
		return 0, 0, err
	}
	// The old file stays open, and locked, until the new one is in place:
	// no other process can open the path in between and write to the file
	// being replaced.
	if err := os.Rename(tmp, s.path); err != nil {
		os.Remove(tmp)
		return 0, 0, err
	}
	if err := syncDir(filepath.Dir(s.path)); err != nil {
		return 0, 0, err
	}
	if err := s.db.Close(); err != nil {
		return 0, 0, fmt.Errorf("close old file: %w", err)
	}
	if s.db, err = openBolt(s.path, Options{Timeout: DefaultTimeout}); err != nil {
		return 0, 0, fmt.Errorf("reopen compacted file: %w", err)
	}
	nfi, err := os.Stat(s.path)
	if err != nil {
		return 0, 0, err
	}
	return fi.Size(), nfi.Size(), nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
