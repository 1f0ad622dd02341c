package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
)

// bbolt's meta page layout (go.etcd.io/bbolt/internal/common): after the
// 16-byte page header, magic, version, page size and flags (4 bytes each),
// root bucket (16), freelist, high-water mark and transaction ID (8 each),
// then an FNV-64a checksum of the 56 bytes before it. Both meta pages are
// written in turn; bbolt reads the valid one with the higher transaction.
const (
	pageHeaderSize  = 16
	metaPageSizeOff = 8
	metaPgidOff     = 40
	metaSumOff      = 56
	metaMagic       = 0xED0CDAED
	defaultPageSize = 4096
)

// metaPage is what a valid meta page says about the file.
type metaPage struct {
	pageSize int64
	pgid     uint64 // high-water mark: pages in use
}

// readMeta reads and validates the meta page at off.
func readMeta(f *os.File, off int64) (metaPage, error) {
	buf := make([]byte, metaSumOff+8)
	if _, err := f.ReadAt(buf, off+pageHeaderSize); err != nil {
		return metaPage{}, fmt.Errorf("cannot read it: %w", err)
	}
	if binary.NativeEndian.Uint32(buf) != metaMagic {
		return metaPage{}, errors.New("bad magic number")
	}
	h := fnv.New64a()
	h.Write(buf[:metaSumOff])
	if binary.NativeEndian.Uint64(buf[metaSumOff:]) != h.Sum64() {
		return metaPage{}, errors.New("bad checksum")
	}
	return metaPage{
		pageSize: int64(binary.NativeEndian.Uint32(buf[metaPageSizeOff:])),
		pgid:     binary.NativeEndian.Uint64(buf[metaPgidOff:]),
	}, nil
}

// fileProblems reads the meta pages of the file at path and reports a meta
// page that does not validate (bbolt would silently read the other copy,
// one transaction older, and the next write would hide the loss) and a
// file shorter than its pages say (truncated). fatal is true when reading
// the pages would fault: the file is truncated or has no valid meta page.
func fileProblems(path string) (problems []error, fatal bool) {
	f, err := os.Open(path)
	if err != nil {
		return []error{fmt.Errorf("check meta pages: %w", err)}, true
	}
	defer f.Close()
	pageSize := int64(defaultPageSize)
	var used int64
	valid := 0
	for page := range int64(2) {
		m, err := readMeta(f, page*pageSize)
		if err != nil {
			problems = append(problems, findingf("meta page %d: %v (bbolt reads the other copy; the last write may be lost)", page, err))
			continue
		}
		valid++
		pageSize = m.pageSize
		used = max(used, int64(m.pgid)*m.pageSize)
	}
	if valid == 0 {
		return []error{findingf("neither meta page is valid: not a bbolt database, or both copies damaged")}, true
	}
	st, err := f.Stat()
	if err != nil {
		return append(problems, fmt.Errorf("check size: %w", err)), true
	}
	if st.Size() < used {
		problems = append(problems, findingf("the file has %d bytes but its pages need %d: it was truncated", st.Size(), used))
		return problems, true
	}
	return problems, false
}
