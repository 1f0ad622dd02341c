package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// checkIndexes compares every derived index with the article records and
// returns one error per disagreement.
func checkIndexes(tx *bolt.Tx) []error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf(format, args...))
	}
	counts := map[string]uint64{}
	n, undecodable, sketched := 0, 0, 0
	_ = tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
		n++
		a, err := getArticle(tx, string(k))
		if err != nil {
			undecodable++ // reported by checkRecords
			return nil
		}
		checkArticle(tx, string(k), a, bad)
		if tx.Bucket(bucketSimhash).Get(k) != nil {
			sketched += checkSketch(tx, string(k), a, bad)
		}
		tally(counts, a)
		return nil
	})
	if got := tx.Bucket(bucketSketch).Stats().KeyN; undecodable == 0 && got != sketched {
		bad("sketch index has %d entries, want %d", got, sketched)
	}
	if got := tx.Bucket(bucketOrder).Stats().KeyN; got != n {
		bad("date index has %d entries for %d articles", got, n)
	}
	checkStored(tx, n, bad)
	sim := tx.Bucket(bucketSimhash)
	_ = sim.ForEach(func(k, _ []byte) error {
		if tx.Bucket(bucketArticles).Get(k) == nil {
			bad("simhash of missing article %s", k)
		}
		return nil // cannot fail
	})
	if got, want := tx.Bucket(bucketBands).Stats().KeyN, numBands*sim.Stats().KeyN; got != want {
		bad("band index has %d entries, want %d", got, want)
	}
	stored := map[string]uint64{}
	_ = tx.Bucket(bucketCounts).ForEach(func(k, v []byte) error {
		stored[string(k)] = decodeUint64(v)
		return nil // cannot fail
	})
	if undecodable == 0 && !maps.Equal(stored, counts) {
		bad("counters %v, want %v", stored, counts)
	}
	errs = append(errs, checkQueryIndexes(tx)...)
	return append(errs, checkURLOwners(tx)...)
}

// checkArticle reports where the indexes disagree with the record a,
// stored under key id.
func checkArticle(tx *bolt.Tx, id string, a *crawler.Article, bad func(string, ...any)) {
	if a.ID != id {
		bad("article %s: stored with id %q", id, a.ID)
	}
	if len(a.URLs) == 0 || a.URLs[0] != a.URL {
		bad("article %s: urls %q do not start with url %q", id, a.URLs, a.URL)
	}
	urls := tx.Bucket(bucketURLs)
	for _, u := range a.URLs {
		if got := string(urls.Get([]byte(u))); got != id {
			bad("article %s: url %s maps to %q", id, u, got)
		}
	}
	if tx.Bucket(bucketOrder).Get(orderKey(a.Date(), id)) == nil {
		bad("article %s: missing from the date index", id)
	}
	if h := tx.Bucket(bucketSimhash).Get([]byte(id)); h != nil {
		for b := range numBands {
			if tx.Bucket(bucketBands).Get(bandKey(b, bandBits(decodeUint64(h), b), id)) == nil {
				bad("article %s: simhash band %d not indexed", id, b)
			}
		}
	}
}

func tally(counts map[string]uint64, a *crawler.Article) {
	counts[counterArticles]++
	if a.Relevant {
		counts[counterRelevant]++
		for _, p := range a.Pillars {
			counts[counterPillar+p]++
		}
	}
}

// checkURLOwners reports URLs that map to an article that does not exist.
func checkURLOwners(tx *bolt.Tx) []error {
	var errs []error
	articles := tx.Bucket(bucketArticles)
	_ = tx.Bucket(bucketURLs).ForEach(func(k, v []byte) error {
		if articles.Get(v) == nil {
			errs = append(errs, fmt.Errorf("url %s maps to missing article %q", k, v))
		}
		return nil // cannot fail
	})
	if len(errs) > 10 {
		errs = append(errs[:10], errors.New("more urls map to missing articles"))
	}
	return errs
}

// recordBuckets maps each bucket of encoded records to the decoding of
// one of its values, for checkRecords.
var recordBuckets = []struct {
	name   []byte
	decode func(v []byte) error
}{
	{bucketArticles, func(v []byte) error { return decodeArticle(v, new(crawler.Article)) }},
	{bucketValidators, decodeJSON[validators]},
	{bucketFailures, decodeJSON[Failure]},
	{bucketSources, decodeJSON[crawler.SourceState]},
	{bucketPending, decodeJSON[PendingItem]},
	{bucketSitemaps, decodeJSON[[]string]},
	{bucketErrLog, decodeJSON[crawler.FetchError]},
}

func decodeJSON[T any](v []byte) error { return json.Unmarshal(v, new(T)) }

// checkRecords returns a *RecordError for every record that does not
// decode.
func checkRecords(tx *bolt.Tx) []error {
	var errs []error
	for _, rb := range recordBuckets {
		b := tx.Bucket(rb.name)
		if b == nil {
			continue
		}
		_ = b.ForEach(func(k, v []byte) error {
			if err := rb.decode(v); err != nil {
				errs = append(errs, &RecordError{Bucket: string(rb.name), Key: string(k), Err: err})
			}
			return nil // keep going: list them all
		})
	}
	return errs
}
