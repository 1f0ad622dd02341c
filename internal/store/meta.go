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
	pageHeaderSize   = 16
	pageFlagsOff     = 8
	metaPageSizeOff  = 8
	metaFreelistOff  = 32
	metaPgidOff      = 40
	metaTxidOff      = 48
	metaSumOff       = 56
	metaMagic        = 0xED0CDAED
	defaultPageSize  = 4096
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
)

// metaPage is what a valid meta page says about the file.
type metaPage struct {
	pageSize int64
	freelist uint64 // page ID of the freelist, or noFreelist
	pgid     uint64 // high-water mark: pages in use
	txid     uint64
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
		freelist: binary.NativeEndian.Uint64(buf[metaFreelistOff:]),
		pgid:     binary.NativeEndian.Uint64(buf[metaPgidOff:]),
		txid:     binary.NativeEndian.Uint64(buf[metaTxidOff:]),
	}, nil
}

// checkFreelist reports a freelist page whose header is not a freelist's:
// bbolt reads it while opening a file for writing, and would panic there.
func checkFreelist(f *os.File, m metaPage) error {
	if m.freelist == noFreelist || m.freelist >= m.pgid {
		return nil // nothing to read, or the size check reports it
	}
	hdr := make([]byte, pageHeaderSize)
	if _, err := f.ReadAt(hdr, int64(m.freelist)*m.pageSize); err != nil {
		return findingf("freelist page %d: cannot read it: %v", m.freelist, err)
	}
	if id, flags := binary.NativeEndian.Uint64(hdr), binary.NativeEndian.Uint16(hdr[pageFlagsOff:]); id != m.freelist || flags&freelistPageFlag == 0 {
		return findingf("freelist page %d does not decode (it says page %d, flags %#x)", m.freelist, id, flags)
	}
	return nil
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
	var latest *metaPage
	for page := range int64(2) {
		m, err := readMeta(f, page*pageSize)
		if err != nil {
			problems = append(problems, findingf("meta page %d: %v (bbolt reads the other copy; the last write may be lost)", page, err))
			continue
		}
		pageSize = m.pageSize
		used = max(used, int64(m.pgid)*m.pageSize)
		if latest == nil || m.txid > latest.txid {
			latest = &m
		}
	}
	if latest == nil {
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
	if err := checkFreelist(f, *latest); err != nil {
		return append(problems, err), true
	}
	return problems, false
}
