package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// indexArticle keeps the query indexes in step with one article record:
// the date order (with the filter metadata), the document number and the
// search terms. old is the record being replaced, nil for a new one; a is
// the new record, nil when old is being deleted. Every write path goes
// through it (via writeArticle), so the indexes can never disagree with
// the records; a future delete must call indexArticle(tx, pb, old, nil).
// The search-index changes go to pb, which the caller flushes before the
// transaction ends; with a nil pb they are written before indexArticle
// returns.
func indexArticle(tx *bolt.Tx, pb *postingBatch, old, a *crawler.Article) error {
	if pb == nil {
		pb = newPostingBatch()
		if err := indexArticle(tx, pb, old, a); err != nil {
			return err
		}
		return pb.flush(tx)
	}
	order, docs, ids := tx.Bucket(bucketOrder), tx.Bucket(bucketDocs), tx.Bucket(bucketDocIDs)
	var num uint32
	if old != nil {
		if err := order.Delete(orderKey(old.Date(), old.ID)); err != nil {
			return fmt.Errorf("unindex date: %w", err)
		}
		num = decodeUint32(ids.Get([]byte(old.ID)))
	}
	if err := updateFacets(tx, old, a); err != nil {
		return err
	}
	if a == nil {
		if num != 0 {
			if err := errors.Join(docs.Delete(uint32Key(num)), ids.Delete([]byte(old.ID))); err != nil {
				return fmt.Errorf("unindex document: %w", err)
			}
		}
		updateTerms(pb, old, nil, num)
		return nil
	}
	fresh := num == 0
	if fresh {
		seq, err := docs.NextSequence()
		if err != nil {
			return fmt.Errorf("number document: %w", err)
		}
		num = uint32(seq)
	}
	key := orderKey(a.Date(), a.ID)
	m := encodeMeta(a, num)
	if err := order.Put(key, m); err != nil {
		return fmt.Errorf("index date: %w", err)
	}
	if err := docs.Put(uint32Key(num), docValue(key, m)); err != nil {
		return fmt.Errorf("index document: %w", err)
	}
	if err := ids.Put([]byte(a.ID), uint32Key(num)); err != nil {
		return fmt.Errorf("index document: %w", err)
	}
	if fresh {
		old = nil // its terms, if any, were never indexed under a number
	}
	updateTerms(pb, old, a, num)
	return nil
}

// updateTerms moves document num's postings from old's terms and week to
// a's, in pb. Unchanged text and week cost nothing; a reclassification
// never touches the search index.
func updateTerms(pb *postingBatch, old, a *crawler.Article, num uint32) {
	if old != nil && a != nil && old.Title == a.Title && old.Text == a.Text &&
		weekOf(old.Date()) == weekOf(a.Date()) {
		return
	}
	var before, after map[string]struct{}
	var wOld, wNew uint32
	if old != nil {
		before, wOld = indexTerms(old.Title, old.Text), weekOf(old.Date())
	}
	if a != nil {
		after, wNew = indexTerms(a.Title, a.Text), weekOf(a.Date())
	}
	for t := range before {
		if _, kept := after[t]; !kept || wOld != wNew {
			pb.remove(termKey(t, wOld), num)
		}
	}
	for t := range after {
		if _, had := before[t]; !had || wOld != wNew {
			pb.add(termKey(t, wNew), num)
		}
	}
}

// docValue is what bucketDocs holds for a document number: the length of
// its order key, the key, then its meta.
func docValue(key []byte, m meta) []byte {
	v := make([]byte, 0, 1+len(key)+len(m))
	v = append(v, byte(len(key)))
	v = append(v, key...)
	return append(v, m...)
}

// splitDoc is the inverse of docValue; the slices point into v.
func splitDoc(v []byte) (key []byte, m meta, ok bool) {
	if len(v) < 1 || len(v) < 1+int(v[0]) {
		return nil, nil, false
	}
	n := int(v[0])
	return v[1 : 1+n], meta(v[1+n:]), true
}

func uint32Key(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }

func decodeUint32(b []byte) uint32 {
	if len(b) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(b)
}

// seekLE positions c on the last key that is <= key and starts with
// prefix, and returns it, or nil when there is none.
func seekLE(c *bolt.Cursor, key, prefix []byte) ([]byte, []byte) {
	k, v := c.Seek(key)
	switch {
	case k == nil:
		k, v = c.Last()
	case !bytes.Equal(k, key):
		k, v = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return nil, nil
	}
	return k, v
}
