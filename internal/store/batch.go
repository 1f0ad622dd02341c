package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// PageWrite is what one fetched queue entry leaves in the database: an
// article to store, or a failure to record, and the queue entry to drop.
type PageWrite struct {
	// Source and URL name the pending queue entry, which is removed unless
	// Keep is set.
	Source, URL string
	// Article, when not nil, is stored as Put stores it.
	Article *Prepared
	// Failure, when not nil, is recorded for URL as RecordFailure does.
	Failure *FailureNote
	// Keep leaves the queue entry in place (a temporary failure: the page
	// is tried again once its backoff has passed).
	Keep bool
}

// FailureNote is a failure to record with a PageWrite.
type FailureNote struct {
	Reason    string
	Permanent bool
	At        time.Time
}

// PageResult is what Commit did with one PageWrite's article.
type PageResult struct {
	ID     string // the record the article went to; "" without an article
	Merged bool   // merged into a record already stored
}

// Commit applies writes in one transaction, in order, and returns one
// result per write. A later article sees the earlier ones, so two copies of
// a story in one batch make one record. Either every write is committed or,
// on error, none is: the queue entries then stay queued and the pages are
// fetched again. One transaction and one fsync for a whole batch, instead
// of two per page, is what lets a crawl store pages as fast as it fetches
// them; the search index is written once for the batch, each posting list
// read and rewritten once however many of the articles add to it.
func (s *Store) Commit(writes []PageWrite) ([]PageResult, error) {
	results := make([]PageResult, len(writes))
	err := s.update(func(tx *bolt.Tx) error {
		pb := newPostingBatch()
		for i, w := range writes {
			r, err := commitOne(tx, pb, w)
			if err != nil {
				return fmt.Errorf("%s: %w", w.URL, err)
			}
			results[i] = r
		}
		return pb.flush(tx)
	})
	if err != nil {
		return nil, fmt.Errorf("commit %d pages: %w", len(writes), err)
	}
	return results, nil
}

func commitOne(tx *bolt.Tx, pb *postingBatch, w PageWrite) (PageResult, error) {
	var r PageResult
	if w.Article != nil {
		// Put mutates the prepared record (its ID); a copy keeps the
		// caller's Prepared reusable should the transaction fail.
		rec := cloneArticle(w.Article.rec)
		id, merged, err := put(tx, pb, rec, w.Article.fp)
		if err != nil {
			return r, err
		}
		r = PageResult{ID: id, Merged: merged}
	}
	if f := w.Failure; f != nil {
		if err := recordFailure(tx, w.URL, w.Source, f.Reason, f.Permanent, f.At); err != nil {
			return r, err
		}
	}
	if !w.Keep && w.Source != "" {
		if err := removePending(tx, w.Source, w.URL); err != nil {
			return r, err
		}
	}
	return r, nil
}
