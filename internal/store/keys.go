package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// Buckets. Every value is JSON unless noted, so a file can be inspected
// with `bbolt get`; article records are compressed and index values are
// small binary encodings.
var (
	bucketArticles   = []byte("articles")   // id -> Article, compressed JSON (codec.go)
	bucketURLs       = []byte("urls")       // url (canonical or alias) -> id
	bucketOrder      = []byte("order")      // orderKey(date, id) -> meta (filters; see index_meta.go)
	bucketBands      = []byte("bands")      // bandKey(band, bits, id) -> 8-byte SimHash
	bucketSimhash    = []byte("simhash")    // id -> 8-byte SimHash, to unindex on change
	bucketCounts     = []byte("counts")     // counter name -> 8-byte count
	bucketValidators = []byte("validators") // url -> validators JSON
	bucketFailures   = []byte("failures")   // url -> Failure JSON
	bucketSources    = []byte("sources")    // source name -> SourceState JSON
	bucketMeta       = []byte("meta")       // keySchema -> decimal version
	bucketPending    = []byte("pending")    // source NUL url -> PendingItem JSON
	bucketSitemaps   = []byte("sitemaps")   // sitemap index url -> JSON list of child sitemap urls
	bucketDocs       = []byte("docs")       // 4-byte document number -> order key and meta (docValue)
	bucketDocIDs     = []byte("docids")     // id -> 4-byte document number
	bucketTerms      = []byte("terms")      // termKey(term, week) -> posting list (index_postings.go)
	bucketFacets     = []byte("facets")     // facetKey(kind, value, pillar) -> 8-byte count of relevant articles
	// source NUL, added time, url -> nothing: the pending queue in the
	// order it drains (pendingOrderKey)
	bucketPendingOrder = []byte("pending_order")
	bucketErrLog       = []byte("errlog")   // source NUL 8-byte sequence -> FetchError JSON
	bucketSketch       = []byte("sketch")   // 8-byte shingle hash, id -> empty: the bottom-k sketch index
	bucketSketches     = []byte("sketches") // id -> its sketch, 8 bytes per hash, to unindex on change

	allBuckets = [][]byte{
		bucketArticles, bucketURLs, bucketOrder, bucketBands, bucketSimhash,
		bucketCounts, bucketValidators, bucketFailures, bucketSources, bucketMeta,
		bucketPending, bucketSitemaps, bucketPendingOrder,
		bucketStored, bucketDigestRcpt, bucketDigestRuns, bucketLedger,
		bucketSearchLinks, bucketSearchIDs,
		bucketErrLog, bucketSketch, bucketSketches,
		bucketDocs, bucketDocIDs, bucketTerms,
		bucketFacets,
	}

	keySchema = []byte("schema")
)

// Buckets of the storing-time index and the digest deliveries.
var (
	bucketStored     = []byte("stored")            // orderKey(Fetched, id) -> orderValue: articles in the order they were stored
	bucketDigestRcpt = []byte("digest_recipients") // lower-case email -> DigestState JSON
	bucketDigestRuns = []byte("digest_runs")       // email NUL period -> DigestRun JSON
	bucketLedger     = []byte("digest_ledger")     // email NUL article id -> ledgerEntry JSON

	keyDigestKey   = []byte("digest_key")   // in bucketMeta: the HMAC key of unsubscribe links
	keyStoredIndex = []byte("stored_index") // in bucketMeta: present once bucketStored covers every article
)

// idLen is the length of an article ID in hex characters; minPrefix is the
// shortest prefix Get accepts.
const (
	idLen     = 12
	minPrefix = 6
)

// articleID derives an ID from a canonical URL: the first n hex characters
// of its SHA-256.
func articleID(url string, n int) string {
	sum := sha256.Sum256([]byte(url))
	return hex.EncodeToString(sum[:])[:n]
}

// orderKey sorts by date, then ID: seconds with the sign bit flipped (so
// dates before 1970, including the zero time, still sort first), then
// nanoseconds, then the ID.
func orderKey(t time.Time, id string) []byte {
	k := make([]byte, 12, 12+len(id))
	binary.BigEndian.PutUint64(k, uint64(t.Unix())^1<<63)
	binary.BigEndian.PutUint32(k[8:], uint32(t.Nanosecond()))
	return append(k, id...)
}

// parseOrderKey is the inverse of orderKey; the ID is copied.
func parseOrderKey(k []byte) (time.Time, string) {
	sec := int64(binary.BigEndian.Uint64(k) ^ 1<<63)
	nsec := int64(binary.BigEndian.Uint32(k[8:]))
	return time.Unix(sec, nsec).UTC(), string(k[12:])
}

// orderValue is the value of the storing-time index (bucketStored): a flag
// byte for relevance, then the pillar IDs separated by commas.
func orderValue(a *crawler.Article) []byte {
	v := []byte{0}
	if a.Relevant {
		v[0] = 1
	}
	return append(v, strings.Join(a.Pillars, ",")...)
}

// orderMatches reports whether an orderValue passes q's relevance and
// pillar filters.
func orderMatches(v []byte, q Query) bool {
	if len(v) == 0 {
		return false
	}
	if !q.All && v[0] != 1 {
		return false
	}
	return q.Pillar == "" || slices.Contains(strings.Split(string(v[1:]), ","), q.Pillar)
}

// bandKey indexes one 16-bit band of a SimHash: band number, band bits, ID.
func bandKey(band int, bits uint16, id string) []byte {
	k := make([]byte, 3, 3+len(id))
	k[0] = byte(band)
	binary.BigEndian.PutUint16(k[1:], bits)
	return append(k, id...)
}

func bandBits(h uint64, band int) uint16 { return uint16(h >> (16 * band)) }

func encodeUint64(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

func decodeUint64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// getJSON decodes the value at key into v; found is false when the key is
// absent. Decoding copies, so nothing points into the transaction's pages.
func getJSON(b *bolt.Bucket, key []byte, v any) (found bool, err error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, &RecordError{Key: string(key), Err: err}
	}
	return true, nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %q: %w", key, err)
	}
	return b.Put(key, data)
}

// seekAfter positions c on the first key after after, or on the first key
// of the bucket when after is nil: how a walk in several transactions
// resumes where the last one stopped.
func seekAfter(c *bolt.Cursor, after []byte) (k, v []byte) {
	if after == nil {
		return c.First()
	}
	if k, v = c.Seek(after); bytes.Equal(k, after) {
		k, v = c.Next()
	}
	return k, v
}
