package store

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The search index maps a week and a term to the document numbers of the
// articles dated that week that contain the term. Grouping by week keeps a
// posting list small (a common word's list holds one week of articles) and
// lets a search walk newest first week by week, never holding more than a
// week of matches. Document numbers are small integers given to each
// article once (bucketDocs), so a list is a run of varint gaps, one or two
// bytes per article.

// weekSeconds is the length of a posting block.
const weekSeconds = 7 * 24 * 3600

// weekOf returns the posting block of a date; the sign bit is flipped so
// that dates before 1970 (and the zero time) sort first.
func weekOf(t time.Time) uint32 {
	sec := t.Unix()
	w := sec / weekSeconds
	if sec < 0 && sec%weekSeconds != 0 {
		w-- // floor, not truncation
	}
	return uint32(int32(w)) ^ 1<<31
}

// weekOfKey is weekOf for the date inside an orderKey.
func weekOfKey(k []byte) uint32 {
	t, _ := parseOrderKey(k)
	return weekOf(t)
}

// termKey is the week, then the term. Week first keeps the terms of one
// week together in the tree: a new article, dated this week like most new
// ones, rewrites the pages of this week's range only, not a page per term
// across the whole index.
func termKey(term string, week uint32) []byte {
	k := make([]byte, 4, 4+len(term))
	binary.BigEndian.PutUint32(k, week)
	return append(k, term...)
}

// A posting list is the largest number in it (4 bytes, big-endian), so
// that the usual insertion, of the newest article, appends without decoding
// the list, then the numbers in increasing order as varint gaps.
const postingHeader = 4

// decodePostings appends the document numbers of a posting list to dst.
func decodePostings(dst []uint32, v []byte) ([]uint32, error) {
	if len(v) == 0 {
		return dst, nil
	}
	if len(v) < postingHeader {
		return dst, fmt.Errorf("posting list: %d bytes", len(v))
	}
	var last uint64
	for v = v[postingHeader:]; len(v) > 0; {
		gap, n := binary.Uvarint(v)
		if n <= 0 {
			return dst, fmt.Errorf("posting list: bad varint")
		}
		last += gap
		dst = append(dst, uint32(last))
		v = v[n:]
	}
	return dst, nil
}

func encodePostings(nums []uint32) []byte {
	out := make([]byte, postingHeader, postingHeader+len(nums)*2)
	if len(nums) > 0 {
		binary.BigEndian.PutUint32(out, nums[len(nums)-1])
	}
	var last uint32
	for _, n := range nums {
		out = binary.AppendUvarint(out, uint64(n-last))
		last = n
	}
	return out
}

// postingBatch gathers the search-index changes of the articles written in
// one transaction, so that each posting list is read and written once for
// the whole batch rather than once per article: a crawl commits up to 64
// articles at a time, and most of their words are common to many of them.
// A nil *postingBatch given to indexArticle means a batch of one article,
// flushed before it returns.
type postingBatch struct {
	ops map[string][]postingOp // by termKey, in the order made
}

// postingOp adds document num to a list, or removes it.
type postingOp struct {
	num uint32
	add bool
}

func newPostingBatch() *postingBatch { return &postingBatch{ops: map[string][]postingOp{}} }

func (pb *postingBatch) add(key []byte, num uint32) {
	pb.ops[string(key)] = append(pb.ops[string(key)], postingOp{num, true})
}

func (pb *postingBatch) remove(key []byte, num uint32) {
	pb.ops[string(key)] = append(pb.ops[string(key)], postingOp{num, false})
}

// flush writes every changed list, in key order (successive keys share
// the B+tree path), and empties the batch.
func (pb *postingBatch) flush(tx *bolt.Tx) error {
	b := tx.Bucket(bucketTerms)
	for _, k := range slices.Sorted(maps.Keys(pb.ops)) {
		if err := applyPostings(b, []byte(k), pb.ops[k]); err != nil {
			return fmt.Errorf("index term: %w", err)
		}
	}
	clear(pb.ops)
	return nil
}

// applyPostings applies ops, in order, to the list at key; a list left
// empty is deleted.
func applyPostings(b *bolt.Bucket, key []byte, ops []postingOp) error {
	v := b.Get(key)
	if nv, ok := appendPostings(v, ops); ok {
		return b.Put(key, nv)
	}
	nums, err := decodePostings(nil, v)
	if err != nil {
		return err
	}
	for _, op := range ops {
		i, found := slices.BinarySearch(nums, op.num)
		switch {
		case op.add && !found:
			nums = slices.Insert(nums, i, op.num)
		case !op.add && found:
			nums = slices.Delete(nums, i, i+1)
		}
	}
	switch {
	case len(nums) > 0:
		return b.Put(key, encodePostings(nums))
	case v != nil:
		return b.Delete(key)
	}
	return nil
}

// appendPostings handles the usual case without decoding the list: ops
// only add documents numbered, in increasing order, after every one in it
// (new articles). ok is false for any other case.
func appendPostings(v []byte, ops []postingOp) (nv []byte, ok bool) {
	if len(v) > 0 && len(v) < postingHeader {
		return nil, false // damaged; decodePostings says so
	}
	var last uint32
	if len(v) > 0 {
		last = binary.BigEndian.Uint32(v)
	}
	prev := last
	for _, op := range ops {
		if !op.add || op.num <= prev {
			return nil, false
		}
		prev = op.num
	}
	nv = make([]byte, max(len(v), postingHeader), len(v)+postingHeader+len(ops)*binary.MaxVarintLen32)
	copy(nv, v)
	for _, op := range ops {
		nv = binary.AppendUvarint(nv, uint64(op.num-last))
		last = op.num
	}
	binary.BigEndian.PutUint32(nv, last)
	return nv, true
}

// intersect keeps in a the numbers also in b; both are sorted.
func intersect(a, b []uint32) []uint32 {
	out := a[:0]
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
