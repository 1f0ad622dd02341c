package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// Lookup reports whether url, canonical or any alias seen, belongs to a
// stored article, and returns that article's ID. URLs are compared exactly;
// canonicalise them before calling.
func (s *Store) Lookup(url string) (id string, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketURLs).Get([]byte(url)); v != nil {
			id, ok = string(v), true
		}
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("lookup %s: %w", url, err)
	}
	return id, ok, nil
}

// Put stores a as one record per story and returns the record's ID and
// whether a was merged into a record already stored. A story is already
// stored when one of a.URL and a.URLs is known, or else when a stored text
// is a near-duplicate of a.Text (a syndicated copy, the same text under
// another address). Merging adds the new URLs and source, fills fields the
// record lacks and keeps the record's ID and first text. A new record's ID
// is the first 12 hex characters of the SHA-256 of its canonical URL (a.URL,
// or the first of a.URLs). Fetched is set to now when zero. Put does not
// modify a; the whole write is one transaction.
func (s *Store) Put(a *crawler.Article) (id string, merged bool, err error) {
	p, err := s.Prepare(a) // outside the write lock: fingerprinting is the costly part
	if err != nil {
		return "", false, err
	}
	err = s.update(func(tx *bolt.Tx) error {
		id, merged, err = put(tx, nil, p.rec, p.fp)
		return err
	})
	if err != nil {
		return "", false, fmt.Errorf("put article %s: %w", p.rec.URL, err)
	}
	return id, merged, nil
}

// Prepared is an article made ready for a write: copied, its URLs and
// sources normalised as Put describes, its text fingerprinted. Preparing
// takes no lock, so callers can prepare on many goroutines and commit the
// results together with [Store.Commit].
type Prepared struct {
	rec *crawler.Article
	fp  fingerprint
}

// URL is the prepared record's canonical URL.
func (p *Prepared) URL() string { return p.rec.URL }

// Prepare copies a and fingerprints its text, for Put or Commit. It fails
// only when a has no URL. Fetched is set to now when zero.
func (s *Store) Prepare(a *crawler.Article) (*Prepared, error) {
	rec := cloneArticle(a)
	rec.URLs = nil
	for _, u := range append([]string{a.URL}, a.URLs...) {
		rec.URLs = appendMissing(rec.URLs, u)
	}
	if len(rec.URLs) == 0 {
		return nil, errors.New("put article: no url")
	}
	rec.URL = rec.URLs[0]
	if rec.Fetched.IsZero() {
		rec.Fetched = s.now()
	}
	rec.Sources = sourcesOf(rec)
	return &Prepared{rec: rec, fp: fingerprintText(rec.Text)}, nil
}

// put stores rec (see Put) in tx, its search-index changes in pb (nil:
// written at once).
func put(tx *bolt.Tx, pb *postingBatch, rec *crawler.Article, fp fingerprint) (string, bool, error) {
	stored, err := findByURL(tx, rec.URLs)
	if err == nil && stored == nil {
		stored, err = findNearDuplicate(tx, rec, fp)
	}
	if err != nil {
		return "", false, err
	}
	if stored != nil {
		old := *stored
		var newFP *fingerprint
		if mergeInto(tx, stored, rec) {
			newFP = &fp
		}
		return stored.ID, true, writeArticle(tx, pb, &old, stored, newFP)
	}
	rec.ID = newID(tx, rec.URL)
	return rec.ID, false, writeArticle(tx, pb, nil, rec, &fp)
}

// findByURL returns the record owning the first known URL of urls, or nil.
func findByURL(tx *bolt.Tx, urls []string) (*crawler.Article, error) {
	b := tx.Bucket(bucketURLs)
	for _, u := range urls {
		if id := b.Get([]byte(u)); id != nil {
			return getArticle(tx, string(id))
		}
	}
	return nil, nil
}

// newID derives the ID for a new record from its canonical URL. In the
// unlikely case that another URL's hash shares the first 12 characters, the
// ID grows by 4 characters until it is free.
func newID(tx *bolt.Tx, url string) string {
	b := tx.Bucket(bucketArticles)
	n := idLen
	for n < 64 && b.Get([]byte(articleID(url, n))) != nil {
		n += 4
	}
	return articleID(url, n)
}

// AddURL records url as another address of the article with ID id (a
// rel=canonical target, a redirect, a mirror) and source as one of the
// sources that found it (ignored when empty). It returns an error wrapping
// ErrNotFound when no article has that exact ID, and ErrConflict when url
// already belongs to a different article.
func (s *Store) AddURL(id, url, source string) error {
	err := s.update(func(tx *bolt.Tx) error {
		a, err := getArticle(tx, id)
		if err != nil {
			return err
		}
		if a == nil {
			return ErrNotFound
		}
		if owner := tx.Bucket(bucketURLs).Get([]byte(url)); owner != nil && string(owner) != id {
			return fmt.Errorf("%w (%s)", ErrConflict, owner)
		}
		old := *a
		a.URLs = appendMissing(slices.Clone(a.URLs), url)
		a.Sources = appendMissing(slices.Clone(a.Sources), source)
		return writeArticle(tx, nil, &old, a, nil)
	})
	if err != nil {
		return fmt.Errorf("add url %s to %s: %w", url, id, err)
	}
	return nil
}

// Get returns the article with ID id, or with the only ID starting with id
// when id is a prefix of at least 6 characters. It returns an error wrapping
// ErrNotFound when none matches and ErrAmbiguous when several do.
func (s *Store) Get(id string) (*crawler.Article, error) {
	if len(id) < minPrefix {
		return nil, fmt.Errorf("get %q: id needs at least %d characters: %w", id, minPrefix, ErrNotFound)
	}
	var a *crawler.Article
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketArticles).Cursor()
		prefix := []byte(id)
		k, _ := c.Seek(prefix)
		if k == nil || !bytes.HasPrefix(k, prefix) {
			return ErrNotFound
		}
		key := string(k)
		if key != id {
			if next, _ := c.Next(); next != nil && bytes.HasPrefix(next, prefix) {
				return ErrAmbiguous
			}
		}
		var err error
		a, err = getArticle(tx, key)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("get %q: %w", id, err)
	}
	return a, nil
}

// Update replaces the stored record with ID a.ID (exact) by a, typically
// with a new classification, and keeps the indexes in step (a changed date
// moves it in List order; a changed text is re-fingerprinted). URLs are only
// ever added: the record keeps its canonical URL and every URL it had, plus
// those of a that no other record owns. A zero Fetched keeps the stored
// one. It returns an error wrapping ErrNotFound for an unknown ID.
func (s *Store) Update(a *crawler.Article) error {
	err := s.update(func(tx *bolt.Tx) error {
		old, err := getArticle(tx, a.ID)
		if err != nil {
			return err
		}
		if old == nil {
			return ErrNotFound
		}
		rec := cloneArticle(a)
		rec.URL, rec.URLs = old.URL, old.URLs
		urls := tx.Bucket(bucketURLs)
		for _, u := range append([]string{a.URL}, a.URLs...) {
			if owner := urls.Get([]byte(u)); owner == nil || string(owner) == a.ID {
				rec.URLs = appendMissing(rec.URLs, u)
			}
		}
		if rec.Fetched.IsZero() {
			rec.Fetched = old.Fetched
		}
		return writeArticle(tx, nil, old, rec, nil)
	})
	if err != nil {
		return fmt.Errorf("update %q: %w", a.ID, err)
	}
	return nil
}

// cloneArticle copies a deeply enough that appending to the copy's slices
// never writes into the caller's arrays.
func cloneArticle(a *crawler.Article) *crawler.Article {
	c := *a
	c.URLs = slices.Clone(a.URLs)
	c.Sources = slices.Clone(a.Sources)
	c.Pillars = slices.Clone(a.Pillars)
	return &c
}
