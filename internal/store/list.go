package store

import (
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// Query selects articles for List, Each and Count. A zero Query selects
// every relevant article.
type Query struct {
	All          bool      // include articles classified not relevant
	Pillar       string    // only articles carrying this pillar ID; "" for any
	Lang         string    // only articles in this language; "" for any
	Source       string    // only articles found by this source (any of Sources); "" for any
	Since        time.Time // only articles whose Date is at or after Since; zero for any
	Until        time.Time // only articles whose Date is before Until; zero for any
	Text         string    // only articles whose title or text has every word of Text; "" for any
	MinRelevance float64   // only articles with at least this relevance
	Cursor       string    // continue after the article this cursor (from Each) names
	Limit        int       // at most this many; 0 for no limit
}

// List returns the articles matching q, newest first by Date (ties by ID,
// descending). It holds them all in memory; Each streams them instead.
func (s *Store) List(q Query) ([]*crawler.Article, error) {
	var out []*crawler.Article
	_, err := s.Each(q, func(a *crawler.Article) error {
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

// forEachBatch is how many records ForEach decodes per read transaction.
const forEachBatch = 256

// ForEach calls fn for every stored article in ID order and stops at the
// first error fn returns, which it returns unchanged. fn runs outside any
// transaction, so it may call other Store methods, writes included (as a
// reclassification does); articles stored while ForEach runs may or may not
// be visited.
func (s *Store) ForEach(fn func(*crawler.Article) error) error {
	var after []byte
	for {
		batch, last, err := s.readBatch(after)
		if err != nil {
			return fmt.Errorf("iterate articles: %w", err)
		}
		for _, a := range batch {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(batch) < forEachBatch {
			return nil
		}
		after = []byte(last)
	}
}

// listed reads the article id for a listing. A record that does not
// decode, or that an index names but is missing, is skipped with a warning
// (nil, nil): one damaged record must not hide every other.
func (s *Store) listed(tx *bolt.Tx, id string) (*crawler.Article, error) {
	a, err := getArticle(tx, id)
	if re, ok := errors.AsType[*RecordError](err); ok {
		s.skipRecord(re.Bucket, id, err)
		return nil, nil
	}
	if err == nil && a == nil {
		s.skipRecord(string(bucketOrder), id, errors.New("the date index names a missing article"))
	}
	return a, err
}

// readBatch decodes up to forEachBatch articles whose IDs sort after after
// (from the first when nil). Short read transactions keep bbolt free to
// reuse pages while a long iteration runs.
func (s *Store) readBatch(after []byte) (batch []*crawler.Article, last string, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketArticles).Cursor()
		k, _ := c.First()
		if after != nil {
			if k, _ = c.Seek(after); k != nil && string(k) == string(after) {
				k, _ = c.Next()
			}
		}
		for ; k != nil && len(batch) < forEachBatch; k, _ = c.Next() {
			last = string(k)
			a, err := s.listed(tx, last)
			if err != nil {
				return err
			}
			if a != nil {
				batch = append(batch, a)
			}
		}
		return nil
	})
	return batch, last, err
}

// Stats are counts for metrics and summaries.
type Stats struct {
	Articles    int // stored stories
	Relevant    int // stories classified relevant
	NotRelevant int // Articles - Relevant
	// Pillars counts relevant stories per pillar ID; a story counts once
	// for each of its pillars. Pillars with no story are absent.
	Pillars  map[string]int
	URLs     int // canonical and alias URLs that belong to a story
	Failures int // article URLs with a recorded fetch failure
}

// String summarises the counts on one line.
func (s Stats) String() string {
	return fmt.Sprintf("%d articles (%d relevant, %d not relevant), %d urls, %d failures",
		s.Articles, s.Relevant, s.NotRelevant, s.URLs, s.Failures)
}

// Stats returns the article counters, which every write keeps up to date,
// and the number of known URLs and recorded failures.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Pillars: map[string]int{}}
	err := s.view(func(tx *bolt.Tx) error {
		err := tx.Bucket(bucketCounts).ForEach(func(k, v []byte) error {
			n := int(decodeUint64(v))
			switch name := string(k); {
			case name == counterArticles:
				st.Articles = n
			case name == counterRelevant:
				st.Relevant = n
			case strings.HasPrefix(name, counterPillar):
				st.Pillars[strings.TrimPrefix(name, counterPillar)] = n
			}
			return nil
		})
		st.URLs = tx.Bucket(bucketURLs).Stats().KeyN
		st.Failures = tx.Bucket(bucketFailures).Stats().KeyN
		return err
	})
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	st.NotRelevant = st.Articles - st.Relevant
	return st, nil
}
