package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// openBolt opens the bbolt file. bbolt reads the meta and freelist pages
// while opening; a page it cannot decode panics and a page past the end of
// a truncated file faults. Both become ErrDamaged here. (Such a panic
// leaves bbolt's memory map, and with it the file lock, in place until the
// process exits: Open checks the meta pages and the file size first.)
func openBolt(path string, opts Options) (db *bolt.DB, err error) {
	if st, serr := os.Stat(path); serr == nil && st.Size() == 0 {
		// bbolt would quietly turn an emptied file into a new database.
		return nil, damagedFile(path, "the file is empty")
	}
	var file *os.File
	bopts := &bolt.Options{
		Timeout:  opts.Timeout,
		ReadOnly: opts.ReadOnly,
		// The map freelist stays fast when a large file has many free
		// pages; the array default degrades as the file fragments.
		FreelistType: bolt.FreelistMapType,
		// Truncate and fsync when the file grows: skipping that is only
		// safe off ext3/ext4, and servers mostly run ext4.
		NoGrowSync: false,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	}
	func() {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				if file != nil {
					file.Close()
				}
				db, err = nil, damaged(path, r)
			}
		}()
		db, err = bolt.Open(path, 0o600, bopts)
	}()
	switch {
	case err == nil, errors.Is(err, ErrDamaged):
		return db, err
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("open store: %s is in use by another process (e.g. a running `crawler run`): %w", path, ErrLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch),
		// bbolt has no sentinel for a file shorter than its two meta pages.
		strings.HasPrefix(err.Error(), "file size too small"):
		return nil, damaged(path, err)
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("open store: %w", err)
	}
	return nil, fmt.Errorf("open store %s: %w", path, err)
}

// damagedFile is the ErrDamaged error for a file found wrong before any
// page was read.
func damagedFile(path, why string) error {
	return fmt.Errorf("%s: %s: %w (restore it from a backup, or delete it to start afresh; `crawler db check` lists the damage)", path, why, ErrDamaged)
}

// verify reads the bucket root pages, which every command needs, so that
// damage there is reported at open rather than by the first command.
// Damage deeper in the file is found by the transaction that reads it, or
// by a full check.
func (s *Store) verify() error {
	return s.view(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if b := tx.Bucket(name); b != nil {
				c := b.Cursor()
				c.First()
				c.Last()
			}
		}
		return nil
	})
}
