package store

import (
	"bytes"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// checkQueryIndexes compares the query indexes with the article records:
// each article's document number, order key and meta, and the search
// postings, which must hold exactly the terms of every article. It
// tokenises every article, so it costs about as much as indexing them all.
func checkQueryIndexes(tx *bolt.Tx) []error {
	var errs []error
	bad := func(format string, args ...any) {
		if len(errs) < 20 {
			errs = append(errs, fmt.Errorf(format, args...))
		}
	}
	want := 0 // postings the articles call for
	ids, docs, order := tx.Bucket(bucketDocIDs), tx.Bucket(bucketDocs), tx.Bucket(bucketOrder)
	_ = tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
		a, err := getArticle(tx, string(k))
		if err != nil || a == nil {
			return nil // reported by checkIndexes
		}
		num := decodeUint32(ids.Get(k))
		key, m, ok := splitDoc(docs.Get(uint32Key(num)))
		okey := orderKey(a.Date(), a.ID)
		switch {
		case num == 0:
			bad("article %s: no document number", k)
		case !ok || !bytes.Equal(key, okey):
			bad("article %s: document %d names order key %x", k, num, key)
		case !bytes.Equal(m, encodeMeta(a, num)) || !bytes.Equal(order.Get(okey), m):
			bad("article %s: index meta out of date", k)
		}
		want += checkTerms(tx, a, num, bad)
		return nil
	})
	n := tx.Bucket(bucketArticles).Stats().KeyN
	if got := ids.Stats().KeyN; got != n {
		bad("%d document numbers for %d articles", got, n)
	}
	if got := docs.Stats().KeyN; got != n {
		bad("%d documents for %d articles", got, n)
	}
	got := 0
	_ = tx.Bucket(bucketTerms).ForEach(func(k, v []byte) error {
		nums, err := decodePostings(nil, v)
		if err != nil || len(nums) == 0 {
			bad("term key %q: bad or empty posting list", k)
		}
		got += len(nums)
		return nil
	})
	if got != want {
		bad("search index holds %d postings, the articles have %d", got, want)
	}
	checkFacets(tx, bad)
	return errs
}

// checkTerms reports terms of a missing from the search index and returns
// how many there are.
func checkTerms(tx *bolt.Tx, a *crawler.Article, num uint32, bad func(string, ...any)) int {
	terms := indexTerms(a.Title, a.Text)
	w := weekOf(a.Date())
	b := tx.Bucket(bucketTerms)
	for t := range terms {
		nums, _ := decodePostings(nil, b.Get(termKey(t, w)))
		if _, found := slices.BinarySearch(nums, num); !found {
			bad("article %s: term %q not indexed", a.ID, t)
			break
		}
	}
	return len(terms)
}
