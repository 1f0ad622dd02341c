package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestPostingBatch applies batches of changes to stored posting lists:
// appends of new documents (which skip decoding), inserts before the end,
// removals, and a document added then removed, or removed then added, in
// one batch, where the last change wins.
func TestPostingBatch(t *testing.T) {
	add := func(n uint32) postingOp { return postingOp{n, true} }
	del := func(n uint32) postingOp { return postingOp{n, false} }
	tests := []struct {
		name   string
		stored []uint32 // nil: no list yet
		ops    []postingOp
		want   []uint32 // nil: the key is gone
	}{
		{"new list", nil, []postingOp{add(3), add(9)}, []uint32{3, 9}},
		{"append", []uint32{1, 4}, []postingOp{add(5), add(300), add(70000)}, []uint32{1, 4, 5, 300, 70000}},
		{"insert before the end", []uint32{1, 4}, []postingOp{add(5), add(2)}, []uint32{1, 2, 4, 5}},
		{"already there", []uint32{1, 4}, []postingOp{add(4)}, []uint32{1, 4}},
		{"remove", []uint32{1, 4, 9}, []postingOp{del(4)}, []uint32{1, 9}},
		{"remove the last", []uint32{7}, []postingOp{del(7)}, nil},
		{"remove what is absent", nil, []postingOp{del(7)}, nil},
		{"added then removed", []uint32{1}, []postingOp{add(5), del(5)}, []uint32{1}},
		{"removed then added", []uint32{1, 5}, []postingOp{del(5), add(5)}, []uint32{1, 5}},
		{"moved within the batch", []uint32{2}, []postingOp{add(8), del(2), add(9)}, []uint32{8, 9}},
	}
	// Lists made up for the test match no article: a store without the
	// index check that MustOpen's cleanup runs.
	s, err := Open(filepath.Join(t.TempDir(), "postings.db"), Options{})
	mustDo(t, err)
	defer s.Close()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := termKey(fmt.Sprintf("term%d", i), 1)
			mustDo(t, s.update(func(tx *bolt.Tx) error {
				if tt.stored == nil {
					return nil
				}
				return tx.Bucket(bucketTerms).Put(key, encodePostings(tt.stored))
			}))
			mustDo(t, s.update(func(tx *bolt.Tx) error {
				pb := newPostingBatch()
				for _, op := range tt.ops {
					if op.add {
						pb.add(key, op.num)
					} else {
						pb.remove(key, op.num)
					}
				}
				return pb.flush(tx)
			}))
			mustDo(t, s.view(func(tx *bolt.Tx) error {
				v := tx.Bucket(bucketTerms).Get(key)
				if tt.want == nil {
					if v != nil {
						t.Errorf("list %x left, want none", v)
					}
					return nil
				}
				got, err := decodePostings(nil, v)
				if err != nil || !slices.Equal(got, tt.want) {
					t.Errorf("list %v (%v), want %v", got, err, tt.want)
				}
				if string(v) != string(encodePostings(tt.want)) {
					t.Errorf("list encoded as %x, want %x", v, encodePostings(tt.want))
				}
				return nil
			}))
		})
	}
}

// TestCommit_OneBatchAsSeparatePuts stores the same articles in one
// Commit and one Put at a time: the search indexes must come out the same.
func TestCommit_OneBatchAsSeparatePuts(t *testing.T) {
	articles := func() []*Prepared {
		s := MustOpen(t)
		var out []*Prepared
		for i := range 20 {
			a := benchArticle(i)
			if i == 7 {
				a.URL = benchArticle(3).URL // a second copy of a story in the batch
			}
			p, err := s.Prepare(a)
			mustDo(t, err)
			out = append(out, p)
		}
		return out
	}
	dump := func(s *Store) map[string]string {
		m := map[string]string{}
		mustDo(t, s.view(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketTerms).ForEach(func(k, v []byte) error {
				m[string(k)] = string(v)
				return nil
			})
		}))
		return m
	}
	one, each := MustOpen(t), MustOpen(t)
	var writes []PageWrite
	for _, p := range articles() {
		writes = append(writes, PageWrite{Article: p})
	}
	_, err := one.Commit(writes)
	mustDo(t, err)
	for _, p := range articles() {
		mustDo(t, each.update(func(tx *bolt.Tx) error {
			_, _, err := put(tx, nil, p.rec, p.fp)
			return err
		}))
	}
	a, b := dump(one), dump(each)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d posting lists from one commit, %d from separate puts", len(a), len(b))
	}
	for k, v := range a {
		if b[k] != v {
			t.Errorf("term %q: %x from one commit, %x from separate puts", k, v, b[k])
		}
	}
}
