package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/vnjp-monitor/crawler"
)

// MustOpen opens a store on a new file in a temporary directory and, when
// the test ends, checks its consistency and closes it.
func MustOpen(tb testing.TB) *Store {
	tb.Helper()
	return MustOpenPath(tb, filepath.Join(tb.TempDir(), "crawler.db"))
}

// MustOpenPath is MustOpen on a given path, for tests that reopen a file.
func MustOpenPath(tb testing.TB, path string) *Store {
	tb.Helper()
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { MustClose(tb, s) })
	return s
}

// MustClose checks the store's consistency and closes it; closing twice is
// harmless, so a test may close early and leave the cleanup to run.
func MustClose(tb testing.TB, s *Store) {
	tb.Helper()
	err := s.Check()
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return
	}
	if err != nil {
		tb.Errorf("Check: %v", err)
	}
	if err := s.Close(); err != nil {
		tb.Fatalf("Close: %v", err)
	}
}

func TestOpen_CreatesParentDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "var", "lib", "crawler.db")
	s := MustOpenPath(t, path)
	if got, want := s.Path(), path; got != want {
		t.Fatalf("Path()=%q, want %q", got, want)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
}

func TestOpen_Locked(t *testing.T) {
	s := MustOpen(t)
	const timeout = 200 * time.Millisecond
	start := time.Now()
	second, err := Open(s.Path(), Options{Timeout: timeout})
	elapsed := time.Since(start)
	if err == nil {
		second.Close()
		t.Fatal("second Open of a held file succeeded, want ErrLocked")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("err=%v, want ErrLocked", err)
	}
	for _, want := range []string{s.Path(), "in use by another process", "crawler run"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if elapsed < timeout/2 || elapsed > timeout+time.Second {
		t.Errorf("gave up after %v, want about %v", elapsed, timeout)
	}
}

func TestOpen_NewerSchema(t *testing.T) {
	s := MustOpen(t)
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("99"))
	})
	if err != nil {
		t.Fatal(err)
	}
	MustClose(t, s)
	_, err = Open(s.Path(), Options{})
	if !errors.Is(err, ErrSchema) {
		t.Fatalf("Open of a newer file: err=%v, want ErrSchema", err)
	}
}

func TestReopen_KeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crawler.db")
	s := MustOpenPath(t, path)
	now := time.Date(2025, 3, 12, 9, 0, 0, 0, time.UTC)
	id, _, err := s.Put(newArticle("https://news.example/a", "Title", synthText(1, 200)))
	if err != nil {
		t.Fatal(err)
	}
	mustDo(t, s.AddURL(id, "https://news.example/amp/a", "amp"))
	mustDo(t, s.SetValidators("https://news.example/feed", `"v1"`, "Wed, 12 Mar 2025 09:00:00 GMT"))
	mustDo(t, s.RecordFailure("https://news.example/broken", "news", "timeout", false, now))
	mustDo(t, s.PutSourceState(sourceState("news", now)))
	before, err := s.Stats()
	mustDo(t, err)
	MustClose(t, s)

	s = MustOpenPath(t, path)
	if got, ok, err := s.Lookup("https://news.example/amp/a"); err != nil || !ok || got != id {
		t.Errorf("Lookup(alias)=%q,%v,%v, want %q", got, ok, err, id)
	}
	if etag, _, err := s.GetValidators("https://news.example/feed"); err != nil || etag != `"v1"` {
		t.Errorf("GetValidators etag=%q,%v, want %q", etag, err, `"v1"`)
	}
	if ok, err := s.ShouldFetch("https://news.example/broken", now.Add(time.Minute)); err != nil || ok {
		t.Errorf("ShouldFetch(broken)=%v,%v, want false (backoff survives reopen)", ok, err)
	}
	if st, err := s.SourceState("news"); err != nil || !st.LastSuccess.Equal(now) {
		t.Errorf("SourceState LastSuccess=%v,%v, want %v", st.LastSuccess, err, now)
	}
	after, err := s.Stats()
	mustDo(t, err)
	if after.String() != before.String() {
		t.Errorf("Stats after reopen %v, want %v", after.String(), before.String())
	}
}

func mustDo(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func TestCheck_DetectsBrokenIndexes(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx, a *crawler.Article) error
	}{
		{"date entry missing", func(tx *bolt.Tx, a *crawler.Article) error {
			return tx.Bucket(bucketOrder).Delete(orderKey(a.Date(), a.ID))
		}},
		{"url owned by a missing article", func(tx *bolt.Tx, a *crawler.Article) error {
			return tx.Bucket(bucketURLs).Put([]byte(a.URL), []byte("000000000000"))
		}},
		{"counter off", func(tx *bolt.Tx, a *crawler.Article) error {
			return tx.Bucket(bucketCounts).Put([]byte(counterArticles), encodeUint64(5))
		}},
		{"band missing", func(tx *bolt.Tx, a *crawler.Article) error {
			h := decodeUint64(tx.Bucket(bucketSimhash).Get([]byte(a.ID)))
			return tx.Bucket(bucketBands).Delete(bandKey(2, bandBits(h, 2), a.ID))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "crawler.db"), Options{})
			mustDo(t, err)
			defer s.Close()
			id, _, err := s.Put(newArticle("https://a.example/1", "One", synthText(1, 200)))
			mustDo(t, err)
			mustDo(t, s.Check())
			a, err := s.Get(id)
			mustDo(t, err)
			mustDo(t, s.update(func(tx *bolt.Tx) error { return tt.corrupt(tx, a) }))
			if err := s.Check(); err == nil {
				t.Fatal("Check of a broken index = nil, want an error")
			}
		})
	}
}

func TestPing(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "ping.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(); err != nil {
		t.Fatalf("Ping on an open store: %v", err)
	}
	s.Close()
	if err := s.Ping(); err == nil {
		t.Fatal("Ping on a closed store succeeded")
	}
}
