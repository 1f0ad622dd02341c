package store

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// classified returns an article with evidence quoting its text, as the
// classifier leaves it.
func classified(url string, seed uint64) *crawler.Article {
	text := synthText(seed, 600)
	sentences := strings.SplitAfter(text, ". ")
	a := newArticle(url, "A story", text)
	a.Classification = crawler.Classification{
		Relevant: true, Relevance: 0.8, Pillars: []string{"labour"}, Primary: "labour",
		Evidence: map[string][]string{"relevance": sentences[:3], "labour": sentences[3:6]},
		Spans:    map[string][]crawler.EvidenceSpan{"labour": {{Sentence: sentences[3], Offset: 10, Marks: []crawler.Mark{{Start: 0, End: 4}}}}},
	}
	return a
}

func TestCodec_RoundTripAndSize(t *testing.T) {
	a := classified("https://a.example/1", 1)
	a.ID = "abc"
	data, err := encodeArticle(a)
	mustDo(t, err)
	plain, err := json.Marshal(a)
	mustDo(t, err)
	// The evidence quotes the text, which DEFLATE finds again: the record
	// must shrink well below its JSON.
	if len(data)*2 > len(plain) {
		t.Errorf("stored record %d bytes for %d bytes of JSON, want under half", len(data), len(plain))
	}
	var got crawler.Article
	mustDo(t, decodeArticle(data, &got))
	again, _ := json.Marshal(&got)
	if string(again) != string(plain) {
		t.Error("record does not decode to the article written")
	}
	var old crawler.Article
	mustDo(t, decodeArticle(plain, &old)) // schema 1: plain JSON
	if old.Text != a.Text {
		t.Error("plain JSON record not read")
	}
	if err := decodeArticle([]byte{recordDeflate, 0xff, 0x00}, &got); err == nil {
		t.Error("a corrupt compressed record decoded without error")
	}
}

// TestOpen_MigratesSchema1 turns a file back into the schema 1 layout
// (plain JSON records, no queue order index) and reopens it.
func TestOpen_MigratesSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s := MustOpenPath(t, path)
	var ids []string
	for i := range 3 {
		id, _, err := s.Put(classified("https://a.example/"+string(rune('a'+i)), uint64(i)))
		mustDo(t, err)
		ids = append(ids, id)
	}
	queue(t, s, "src", "https://a.example/q2", "https://a.example/q1")
	MustClose(t, s)

	db, err := bolt.Open(path, 0o600, nil)
	mustDo(t, err)
	mustDo(t, db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		for _, id := range ids {
			a, err := getArticle(tx, id)
			if err != nil {
				return err
			}
			if err := putJSON(b, []byte(id), a); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket(bucketPendingOrder); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("1"))
	}))
	mustDo(t, db.Close())

	s = MustOpenPath(t, path)
	mustDo(t, s.view(func(tx *bolt.Tx) error {
		if v := string(tx.Bucket(bucketMeta).Get(keySchema)); v != strconv.Itoa(schemaVersion) {
			t.Errorf("schema %q after migration, want %d", v, schemaVersion)
		}
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			if v[0] != recordDeflate {
				t.Errorf("record %s not recoded", k)
			}
			return nil
		})
	}))
	for _, id := range ids {
		a, err := s.Get(id)
		if err != nil || a.Evidence == nil || len(a.Spans["labour"]) != 1 {
			t.Errorf("record %s after migration: %+v, %v", id, a, err)
		}
	}
	if got, want := pendingURLs(t, s, "src"), []string{"https://a.example/q2", "https://a.example/q1"}; !slices.Equal(got, want) {
		t.Errorf("queue after migration %q, want %q in order", got, want)
	}
	mustDo(t, s.RemovePending("src", "https://a.example/q2"))
	if got := pendingURLs(t, s, "src"); len(got) != 1 {
		t.Errorf("queue %q after removing one migrated entry", got)
	}
}
