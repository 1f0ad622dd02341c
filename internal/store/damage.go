package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// openBolt opens the bbolt file. bbolt reads the meta and freelist pages
// while opening; a page it cannot decode panics and a page past the end of
// a truncated file faults. Both become ErrDamaged here, and the file
// descriptor is closed, which releases the lock bbolt took.
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

// verify makes the cheap checks that catch the common damage before any
// write: a damaged meta page (bbolt would silently fall back to the older
// copy, and the next write would hide the loss), a file shorter than its
// pages say (truncated by a full disk or a careless copy) and bucket root
// pages that do not decode. Deeper damage is found by the transaction
// that reads it, or by a full check.
func (s *Store) verify() error {
	return s.view(func(tx *bolt.Tx) error {
		errs := checkMetaPages(s.path, tx.DB().Info().PageSize)
		if err := checkSize(s.path, tx); err != nil {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			err := damagedFile(s.path, errors.Join(errs...).Error())
			s.damage.set(err)
			return err
		}
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

// checkSize reports a file shorter than the pages tx's meta page counts.
func checkSize(path string, tx *bolt.Tx) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("check size: %w", err)
	}
	if want := tx.Size(); st.Size() < want {
		return findingf("the file has %d bytes but its pages need %d: it was truncated", st.Size(), want)
	}
	return nil
}

// bbolt's meta page layout (go.etcd.io/bbolt/internal/common): after the
// 16-byte page header, magic, version, page size and flags (4 bytes
// each), root bucket (16), freelist, high-water mark and transaction ID (8
// each), then an FNV-64a checksum of the 56 bytes before it.
const (
	pageHeaderSize = 16
	metaSumOffset  = 56
	metaMagic      = 0xED0CDAED
)

// checkMetaPages reports a meta page that does not validate. bbolt then
// silently reads the other copy, one transaction older: the last write
// may be lost and the file needs a look.
func checkMetaPages(path string, pageSize int) []error {
	f, err := os.Open(path)
	if err != nil {
		return []error{fmt.Errorf("check meta pages: %w", err)}
	}
	defer f.Close()
	var errs []error
	buf := make([]byte, metaSumOffset+8)
	for page := range 2 {
		_, err := f.ReadAt(buf, int64(page*pageSize+pageHeaderSize))
		switch {
		case err != nil:
			err = fmt.Errorf("cannot read it: %w", err)
		case binary.NativeEndian.Uint32(buf) != metaMagic:
			err = errors.New("bad magic number")
		case binary.NativeEndian.Uint64(buf[metaSumOffset:]) != fnvSum(buf[:metaSumOffset]):
			err = errors.New("bad checksum")
		}
		if err != nil {
			errs = append(errs, findingf("meta page %d: %v (bbolt reads the other copy; the last write may be lost)", page, err))
		}
	}
	return errs
}

func fnvSum(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}
