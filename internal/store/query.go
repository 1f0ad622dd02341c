package store

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// ErrBadCursor means a pagination cursor was not one this store handed out.
var ErrBadCursor = errors.New("invalid cursor")

// eachBatch is how many matches Each decodes per read transaction: enough
// to fill a page in one, few enough that memory stays flat however many
// articles match.
const eachBatch = 64

// plan is a Query made ready to run: bounds as order keys, the search
// terms, the cursor decoded.
type plan struct {
	q      Query
	before []byte // only keys < before; nil for no upper bound
	since  []byte // only keys >= since; nil for no lower bound
	terms  []string
	search bool // q.Text was given: walk the term index
}

func newPlan(q Query) (*plan, error) {
	p := &plan{q: q}
	if !q.Until.IsZero() {
		p.before = orderKey(q.Until, "")
	}
	if q.Cursor != "" {
		k, err := decodeCursor(q.Cursor)
		if err != nil {
			return nil, err
		}
		if p.before == nil || bytes.Compare(k, p.before) < 0 {
			p.before = k
		}
	}
	if !q.Since.IsZero() {
		p.since = orderKey(q.Since, "")
	}
	if q.Text != "" {
		p.search = true
		p.terms = queryTerms(q.Text)
	}
	return p, nil
}

// Cursor encodes the position of an article in the newest-first order: a
// later query with it continues after that article. Cursors are opaque to
// callers; articles stored meanwhile never shift a page.
func encodeCursor(key []byte) string { return base64.RawURLEncoding.EncodeToString(key) }

func decodeCursor(s string) ([]byte, error) {
	k, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(k) < 13 || len(k) > 12+64 {
		return nil, fmt.Errorf("%w %q", ErrBadCursor, s)
	}
	return k, nil
}

// matches reports whether an article's meta passes the filters other than
// the date bounds and the search terms.
func (p *plan) matches(m meta) bool {
	if !m.valid() || !p.q.All && !m.relevant() || m.relevance() < p.q.MinRelevance {
		return false
	}
	if p.q.Pillar == "" && p.q.Lang == "" && p.q.Source == "" {
		return true
	}
	lang, pillars, sources, ok := m.fields()
	switch {
	case !ok,
		p.q.Lang != "" && string(lang) != p.q.Lang,
		p.q.Pillar != "" && !hasItem(pillars, p.q.Pillar),
		p.q.Source != "" && !hasItem(sources, p.q.Source):
		return false
	}
	return true
}

// walk calls fn with the key and meta of each matching article, newest
// first, until fn returns false. Keys and metas point into the
// transaction's pages.
func (p *plan) walk(tx *bolt.Tx, fn func(key []byte, m meta) bool) error {
	if p.search {
		return p.walkTerms(tx, fn)
	}
	c := tx.Bucket(bucketOrder).Cursor()
	var k, v []byte
	if p.before == nil {
		k, v = c.Last()
	} else if k, v = c.Seek(p.before); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	for ; k != nil; k, v = c.Prev() {
		if p.since != nil && bytes.Compare(k, p.since) < 0 {
			return nil
		}
		if p.matches(meta(v)) && !fn(k, meta(v)) {
			return nil
		}
	}
	return nil
}

// walkTerms walks the search index week by week, newest first: the
// postings of every term for the week are intersected, the survivors
// filtered on their meta and sorted by date.
func (p *plan) walkTerms(tx *bolt.Tx, fn func(key []byte, m meta) bool) error {
	if len(p.terms) == 0 {
		return nil // nothing searchable in the query: nothing matches
	}
	// The longest term is the likeliest to be rare; it is read first, and
	// the others only for the weeks that have it.
	driver := slices.MaxFunc(p.terms, func(a, b string) int { return len(a) - len(b) })
	terms := tx.Bucket(bucketTerms)
	docs := docReader{c: tx.Bucket(bucketDocs).Cursor()}
	week := uint32(1<<32 - 1)
	if p.before != nil {
		week = weekOfKey(p.before)
	}
	var low uint32
	if p.since != nil {
		low = weekOfKey(p.since)
	}
	c := terms.Cursor()
	var nums, other []uint32
	type hit struct {
		key []byte
		m   meta
	}
	var hits []hit
	for {
		// The newest week at or before week that has any term at all.
		k, _ := seekLE(c, append(termKey("", week), 0xFF), nil)
		if k == nil || len(k) < 4 {
			return nil
		}
		week = decodeUint32(k[:4])
		if week < low {
			return nil
		}
		v := terms.Get(termKey(driver, week))
		var err error
		if nums, err = decodePostings(nums[:0], v); err != nil {
			return err
		}
		for _, t := range p.terms {
			if t == driver || len(nums) == 0 {
				continue
			}
			if other, err = decodePostings(other[:0], terms.Get(termKey(t, week))); err != nil {
				return err
			}
			nums = intersect(nums, other)
		}
		hits = hits[:0]
		for _, n := range nums {
			key, m, ok := splitDoc(docs.get(n))
			if !ok || p.before != nil && bytes.Compare(key, p.before) >= 0 ||
				p.since != nil && bytes.Compare(key, p.since) < 0 || !p.matches(m) {
				continue
			}
			hits = append(hits, hit{key, m})
		}
		slices.SortFunc(hits, func(a, b hit) int { return bytes.Compare(b.key, a.key) })
		for _, h := range hits {
			if !fn(h.key, h.m) {
				return nil
			}
		}
		if week == 0 {
			return nil
		}
		week--
	}
}

// docReader reads documents in increasing number. A week's documents
// mostly have neighbouring numbers (articles arrive in date order), so it
// steps to the next few keys rather than searching the tree for each.
type docReader struct {
	c   *bolt.Cursor
	num uint32 // the cursor's key; 0 before the first read
	v   []byte
}

// maxStep is how far ahead stepping beats a search from the root.
const maxStep = 16

func (d *docReader) get(n uint32) []byte {
	if d.num == 0 || n < d.num || n-d.num > maxStep {
		k, v := d.c.Seek(uint32Key(n))
		d.num, d.v = decodeUint32(k), v
	}
	for d.num != 0 && d.num < n {
		k, v := d.c.Next()
		d.num, d.v = decodeUint32(k), v
	}
	if d.num != n {
		return nil
	}
	return d.v
}

// Each calls fn with every article matching q, newest first by Date (ties
// by ID, descending), starting after q.Cursor, and at most q.Limit of them
// (0: no limit). It returns the cursor at which a later call continues, or
// "" when no matching article is left. Matches are read in short
// transactions of a few dozen, and fn runs outside any transaction, so
// memory does not grow with the database and fn may call the store. An
// error from fn stops the walk and is returned unchanged.
func (s *Store) Each(q Query, fn func(*crawler.Article) error) (next string, err error) {
	p, err := newPlan(q)
	if err != nil {
		return "", err
	}
	var last []byte // key of the last article sent
	for sent := 0; ; {
		want := eachBatch
		if q.Limit > 0 {
			want = min(want, q.Limit-sent+1) // one more: is there a next page?
		}
		keys, arts, err := s.readMatches(p, want)
		if err != nil {
			return "", fmt.Errorf("query articles: %w", err)
		}
		for i, a := range arts {
			if a == nil {
				continue // a damaged record, skipped with a warning
			}
			if q.Limit > 0 && sent == q.Limit {
				return encodeCursor(last), nil
			}
			if err := fn(a); err != nil {
				return "", err
			}
			sent++
			last = keys[i]
		}
		if len(keys) < want {
			return "", nil
		}
		p.before = keys[len(keys)-1]
	}
}

// readMatches reads up to n matching articles under p, in one transaction.
// A record that does not decode is skipped with a warning (listed): its key
// is returned with a nil article, so the walk moves past it.
func (s *Store) readMatches(p *plan, n int) (keys [][]byte, arts []*crawler.Article, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		var ferr error
		werr := p.walk(tx, func(key []byte, _ meta) bool {
			_, id := parseOrderKey(key)
			a, err := s.listed(tx, id)
			if err != nil {
				ferr = err
				return false
			}
			keys = append(keys, bytes.Clone(key))
			arts = append(arts, a)
			return len(keys) < n
		})
		return errors.Join(werr, ferr)
	})
	return keys, arts, err
}

// Counts are the numbers of articles matching a query, per pillar.
type Counts struct {
	// Total is the number of articles matching the query.
	Total int
	// All is the number matching the query without its pillar filter;
	// Pillars counts those per pillar ID (an article counts once for each
	// of its pillars), so a page can show what each pillar would give.
	All     int
	Pillars map[string]int
	// Partial means counting stopped at the limit: the counts are those of
	// the newest matches, lower bounds of the real ones.
	Partial bool
}

// Count counts the articles matching q; its Cursor is ignored and a Limit
// caps how many matches are counted (then Partial is set), so that a
// search for a word in every article stays cheap. Without filters beyond
// relevance, or beyond one language or one source, it reads the counters
// every write keeps; otherwise it walks the matches' index entries, never
// the articles.
func (s *Store) Count(q Query) (Counts, error) {
	limit := q.Limit
	q.Cursor, q.Limit = "", 0
	pillar := q.Pillar
	q.Pillar = ""
	c := Counts{Pillars: map[string]int{}}
	var err error
	facet := q
	facet.Lang, facet.Source = "", ""
	switch {
	case q == (Query{}):
		err = s.view(func(tx *bolt.Tx) error {
			c.All, c.Pillars = readCounters(tx)
			return nil
		})
	case facet == (Query{}) && (q.Lang == "") != (q.Source == ""):
		kind, value := byte(facetLang), q.Lang
		if q.Source != "" {
			kind, value = facetSource, q.Source
		}
		err = s.view(func(tx *bolt.Tx) error {
			c.All, c.Pillars = readFacet(tx, kind, value)
			return nil
		})
	default:
		err = s.countWalk(q, limit, &c)
	}
	if err != nil {
		return Counts{}, fmt.Errorf("count articles: %w", err)
	}
	c.Total = c.All
	if pillar != "" {
		c.Total = c.Pillars[pillar]
	}
	return c, nil
}

// countWalk counts the matches of q, at most limit of them (0: all).
func (s *Store) countWalk(q Query, limit int, c *Counts) error {
	p, err := newPlan(q)
	if err != nil {
		return err
	}
	return s.view(func(tx *bolt.Tx) error {
		return p.walk(tx, func(_ []byte, m meta) bool {
			if limit > 0 && c.All == limit {
				c.Partial = true
				return false
			}
			c.All++
			_, pillars, _, _ := m.fields()
			eachItem(pillars, func(b []byte) { c.Pillars[string(b)]++ })
			return true
		})
	})
}

// readCounters returns the relevant-article counter and the per-pillar
// ones that every write keeps.
func readCounters(tx *bolt.Tx) (relevant int, pillars map[string]int) {
	pillars = map[string]int{}
	b := tx.Bucket(bucketCounts)
	relevant = int(decodeUint64(b.Get([]byte(counterRelevant))))
	c := b.Cursor()
	prefix := []byte(counterPillar)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		pillars[string(k[len(prefix):])] = int(decodeUint64(v))
	}
	return relevant, pillars
}

// Cursor returns the cursor that continues after the article with the
// given date and ID, as Each would hand it out.
func Cursor(date time.Time, id string) string { return encodeCursor(orderKey(date, id)) }
