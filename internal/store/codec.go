package store

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// Article records are the article's JSON compressed with DEFLATE, behind a
// format byte. The text and the classifier's evidence, which quotes the
// text's sentences, make up nearly all of a record; DEFLATE's window finds
// each quoted sentence in the text just before it, so the evidence costs
// little more than its offsets would. Files of schema 1 hold plain JSON,
// which starts with '{'; decodeArticle reads both.
const recordDeflate byte = 1

var (
	deflaters = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed) // fails only on a bad level
		return w
	}}
	inflaters = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}
)

// encodeArticle returns a's stored form.
func encodeArticle(a *crawler.Article) ([]byte, error) {
	data, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", a.ID, err)
	}
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 16)
	buf.WriteByte(recordDeflate)
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("compress %s: %w", a.ID, err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("compress %s: %w", a.ID, err)
	}
	return buf.Bytes(), nil
}

// decodeArticle reads a stored record of either format into a. Decoding
// copies, so nothing points into the transaction's pages afterwards.
func decodeArticle(data []byte, a *crawler.Article) error {
	if len(data) > 0 && data[0] == recordDeflate {
		r := inflaters.Get().(io.ReadCloser)
		defer inflaters.Put(r)
		if err := r.(flate.Resetter).Reset(bytes.NewReader(data[1:]), nil); err != nil {
			return err
		}
		plain, err := io.ReadAll(r)
		if err != nil {
			return fmt.Errorf("decompress: %w", err)
		}
		data = plain
	}
	return json.Unmarshal(data, a)
}

// putRecord writes a's record under its ID.
func putRecord(tx *bolt.Tx, a *crawler.Article) error {
	data, err := encodeArticle(a)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketArticles).Put([]byte(a.ID), data)
}

// getArticle reads one record by exact ID; nil when absent.
func getArticle(tx *bolt.Tx, id string) (*crawler.Article, error) {
	data := tx.Bucket(bucketArticles).Get([]byte(id))
	if data == nil {
		return nil, nil
	}
	var a crawler.Article
	if err := decodeArticle(data, &a); err != nil {
		return nil, &RecordError{Bucket: string(bucketArticles), Key: id, Err: err}
	}
	return &a, nil
}
