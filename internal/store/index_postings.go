package store

import (
	"encoding/binary"
	"fmt"
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

// addPosting inserts num into the list at key.
func addPosting(b *bolt.Bucket, key []byte, num uint32) error {
	v := b.Get(key)
	if len(v) >= postingHeader {
		if last := binary.BigEndian.Uint32(v); num > last { // the usual case: the newest article
			nv := make([]byte, len(v), len(v)+binary.MaxVarintLen32)
			copy(nv, v)
			binary.BigEndian.PutUint32(nv, num)
			return b.Put(key, binary.AppendUvarint(nv, uint64(num-last)))
		}
	}
	nums, err := decodePostings(nil, v)
	if err != nil {
		return err
	}
	i, found := slices.BinarySearch(nums, num)
	if found {
		return nil
	}
	return b.Put(key, encodePostings(slices.Insert(nums, i, num)))
}

// removePosting deletes num from the list at key, and the key when the
// list is left empty.
func removePosting(b *bolt.Bucket, key []byte, num uint32) error {
	nums, err := decodePostings(nil, b.Get(key))
	if err != nil {
		return err
	}
	i, found := slices.BinarySearch(nums, num)
	if !found {
		return nil
	}
	nums = slices.Delete(nums, i, i+1)
	if len(nums) == 0 {
		return b.Delete(key)
	}
	return b.Put(key, encodePostings(nums))
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
