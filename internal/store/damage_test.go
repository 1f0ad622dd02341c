package store

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// damagedFixture writes a database of n articles and returns its path, the
// size its pages need and its page size.
func damagedFixture(t *testing.T, n int) (path string, used int64, pageSize int) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "good.db")
	s, err := Open(path, Options{Timeout: time.Second})
	mustDo(t, err)
	for i := range n {
		u := fmt.Sprintf("https://news.example/%d", i)
		_, _, err := s.Put(newArticle(u, fmt.Sprintf("Story %d", i), synthText(uint64(i+1), 150)))
		mustDo(t, err)
	}
	mustDo(t, s.PutSourceState(sourceState("news", fetched)))
	mustDo(t, s.view(func(tx *bolt.Tx) error {
		used, pageSize = tx.Size(), tx.DB().Info().PageSize
		return nil
	}))
	mustDo(t, s.Close())
	return path, used, pageSize
}

// copyWith copies src to a new file and applies damage to its bytes.
func copyWith(t *testing.T, src string, damage func(b []byte) []byte) string {
	t.Helper()
	b, err := os.ReadFile(src)
	mustDo(t, err)
	dst := filepath.Join(t.TempDir(), "damaged.db")
	mustDo(t, os.WriteFile(dst, damage(b), 0o600))
	return dst
}

// wantDamaged fails unless err wraps ErrDamaged, names the file and says
// what to do.
func wantDamaged(t *testing.T, what string, err error, path string) {
	t.Helper()
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("%s: err=%v, want ErrDamaged", what, err)
	}
	for _, want := range []string{path, "backup", "crawler db check"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %q does not mention %q", what, err, want)
		}
	}
}

// exercise opens the file (read-write or read-only) and reads everything.
// Damage must surface as ErrDamaged, never as a panic; a file that opens
// and reads without error must still hold every article (nothing lost in
// silence).
func exercise(t *testing.T, path string, readOnly bool, articles int) {
	t.Helper()
	s, err := Open(path, Options{Timeout: time.Second, ReadOnly: readOnly})
	if err != nil {
		wantDamaged(t, "Open", err, path)
		return
	}
	defer s.Close()
	list, lerr := s.List(Query{All: true})
	problems := s.Diagnose()
	if lerr != nil {
		wantDamaged(t, "List", lerr, path)
	}
	if lerr != nil || len(list) != articles {
		if len(problems) == 0 {
			t.Fatalf("List found %d of %d articles (err %v), yet Diagnose found nothing", len(list), articles, lerr)
		}
		return
	}
	for _, p := range problems {
		if !errors.Is(p, ErrDamaged) {
			t.Errorf("Diagnose of a file that lists whole: %v", p)
		}
	}
}

func TestOpen_TruncatedFile(t *testing.T) {
	const n = 120
	good, used, ps := damagedFixture(t, n)
	offsets := []int64{0, 100, int64(ps), 2*int64(ps) + 10, 4 * int64(ps), used / 3, used / 2, used - int64(ps), used - 1}
	for _, off := range offsets {
		for _, ro := range []bool{false, true} {
			t.Run(fmt.Sprintf("at%d/readonly=%v", off, ro), func(t *testing.T) {
				path := copyWith(t, good, func(b []byte) []byte { return b[:off] })
				exercise(t, path, ro, n)
				if _, err := Open(path, Options{Timeout: time.Second, ReadOnly: ro}); err == nil {
					t.Fatalf("a file cut at %d of the %d bytes its pages need opened without error", off, used)
				}
			})
		}
	}
}

func TestOpen_GarbagePages(t *testing.T) {
	const n = 120
	good, used, ps := damagedFixture(t, n)
	pages := int(used) / ps
	r := rand.New(rand.NewPCG(7, 11))
	hits := 0
	for page := 0; page < pages; page += max(1, pages/40) {
		t.Run(fmt.Sprintf("page%d", page), func(t *testing.T) {
			path := copyWith(t, good, func(b []byte) []byte {
				for i := page * ps; i < (page+1)*ps; i++ {
					b[i] = byte(r.Uint32())
				}
				return b
			})
			exercise(t, path, page%2 == 0, n)
			problems, err := CheckFile(path, Options{Timeout: time.Second})
			mustDo(t, err)
			if len(problems) > 0 {
				hits++
			}
		})
	}
	if hits == 0 {
		t.Fatal("no page overwritten with garbage was ever noticed")
	}
}

// Overwriting both meta pages leaves nothing bbolt can open.
func TestOpen_BothMetaPagesDamaged(t *testing.T) {
	good, _, ps := damagedFixture(t, 3)
	path := copyWith(t, good, func(b []byte) []byte {
		for i := 16; i < 2*ps; i++ {
			b[i] = 0xa5
		}
		return b
	})
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{Timeout: time.Second, ReadOnly: ro})
		wantDamaged(t, fmt.Sprintf("Open(readonly=%v)", ro), err, path)
	}
}

// A damaged file must not be taken for a new database and overwritten.
func TestOpen_DamagedFileIsNotWritten(t *testing.T) {
	good, used, _ := damagedFixture(t, 20)
	path := copyWith(t, good, func(b []byte) []byte { return b[:used/2] })
	before, err := os.ReadFile(path)
	mustDo(t, err)
	if _, err := Open(path, Options{Timeout: time.Second}); err == nil {
		t.Fatal("Open of a half file succeeded")
	}
	after, err := os.ReadFile(path)
	mustDo(t, err)
	if !bytes.Equal(before, after) {
		t.Fatalf("Open changed the damaged file (%d bytes before, %d after)", len(before), len(after))
	}
}

func TestOpen_ReadOnlyOrMustExistNeverCreates(t *testing.T) {
	for _, opts := range []Options{{ReadOnly: true}, {MustExist: true}} {
		path := filepath.Join(t.TempDir(), "nowhere", "crawler.db")
		_, err := Open(path, opts)
		if !errors.Is(err, ErrNoDatabase) || !strings.Contains(err.Error(), "no database at "+path) {
			t.Fatalf("%+v: err=%v, want ErrNoDatabase naming %s", opts, err, path)
		}
		if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%+v: Open created %s", opts, filepath.Dir(path))
		}
	}
}

func TestOpen_MustExistWrites(t *testing.T) {
	good, _, _ := damagedFixture(t, 2)
	s, err := Open(good, Options{MustExist: true, Timeout: time.Second})
	mustDo(t, err)
	defer s.Close()
	if err := s.PutSourceState(sourceState("x", fetched)); err != nil {
		t.Fatalf("a write through a MustExist store: %v", err)
	}
}

func TestOpen_ReadOnlySharesAndRefusesWrites(t *testing.T) {
	good, _, _ := damagedFixture(t, 2)
	a, err := Open(good, Options{ReadOnly: true, Timeout: time.Second})
	mustDo(t, err)
	defer a.Close()
	b, err := Open(good, Options{ReadOnly: true, Timeout: time.Second})
	mustDo(t, err)
	defer b.Close()
	if list, err := b.List(Query{All: true}); err != nil || len(list) != 2 {
		t.Fatalf("List on the second reader: %d, %v", len(list), err)
	}
	if err := a.PutSourceState(sourceState("x", fetched)); err == nil {
		t.Fatal("a write through a read-only store succeeded")
	}
}

// One record that does not decode is skipped by listings with a warning
// naming it, reported by Diagnose, and an error only when asked for by ID.
func TestUndecodableRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crawler.db")
	var logs bytes.Buffer
	s, err := Open(path, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	mustDo(t, err)
	defer s.Close()
	var ids []string
	for i := range 3 {
		id, _, err := s.Put(newArticle(fmt.Sprintf("https://a.example/%d", i), "T", synthText(uint64(i+9), 100)))
		mustDo(t, err)
		ids = append(ids, id)
	}
	bad := ids[1]
	mustDo(t, s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).Put([]byte(bad), []byte(`{"id": "`+bad+`", "title": 7`))
	}))
	mustDo(t, s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSources).Put([]byte("broken source"), []byte("not json"))
	}))

	list, err := s.List(Query{All: true})
	if err != nil || len(list) != 2 {
		t.Fatalf("List: %d articles, %v; want the 2 good ones", len(list), err)
	}
	if !strings.Contains(logs.String(), bad) || !strings.Contains(logs.String(), "level=WARN") {
		t.Errorf("no warning naming %s:\n%s", bad, logs.String())
	}
	// Paged one at a time, the walk moves past the bad record, and the
	// page of the last good one says no more are left.
	var paged []string
	for q := (Query{All: true, Limit: 1}); ; {
		next, err := s.Each(q, func(a *crawler.Article) error { paged = append(paged, a.ID); return nil })
		mustDo(t, err)
		if next == "" {
			break
		}
		q.Cursor = next
	}
	if len(paged) != 2 || slices.Contains(paged, bad) {
		t.Errorf("Each page by page gave %v, want the 2 good ones", paged)
	}
	seen := 0
	mustDo(t, s.ForEach(func(*crawler.Article) error { seen++; return nil }))
	if seen != 2 {
		t.Errorf("ForEach visited %d, want 2", seen)
	}
	if states, err := s.SourceStates(); err != nil || len(states) != 0 {
		t.Errorf("SourceStates=%v, %v; want the broken one skipped", states, err)
	}
	if _, err := s.Get(bad); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), bad) {
		t.Errorf("Get(%s) err=%v, want ErrDamaged naming it", bad, err)
	}
	var recs []string
	for _, p := range s.Diagnose() {
		if re, ok := errors.AsType[*RecordError](p); ok {
			recs = append(recs, re.Bucket+"/"+re.Key)
		}
	}
	if want := []string{"articles/" + bad, "sources/broken source"}; strings.Join(recs, ",") != strings.Join(want, ",") {
		t.Errorf("Diagnose records %v, want %v", recs, want)
	}
	select {
	case <-s.Damaged():
		t.Error("an undecodable record marked the whole file damaged")
	default:
	}
}

func TestCheckFile(t *testing.T) {
	good, used, ps := damagedFixture(t, 5)
	if problems, err := CheckFile(good, Options{}); err != nil || len(problems) != 0 {
		t.Fatalf("CheckFile of a sound file: %v, %v", problems, err)
	}
	if _, err := CheckFile(good+".missing", Options{}); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("CheckFile of a missing file: err=%v, want ErrNoDatabase", err)
	}
	tests := []struct {
		name   string
		damage func(b []byte) []byte
		want   string
	}{
		{"one meta page", func(b []byte) []byte { b[ps+20] ^= 0xff; return b }, "meta page 1"},
		{"truncated", func(b []byte) []byte { return b[:used-int64(ps)] }, "truncated"},
		{"nothing left", func(b []byte) []byte { return b[:10] }, "neither meta page is valid"},
		{"under two pages", func(b []byte) []byte { return b[:ps+100] }, "truncated"},
		{"both meta pages", func(b []byte) []byte { b[20] ^= 1; b[ps+20] ^= 1; return b }, "neither meta page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyWith(t, good, tt.damage)
			problems, err := CheckFile(path, Options{})
			mustDo(t, err)
			if len(problems) == 0 || !strings.Contains(errors.Join(problems...).Error(), tt.want) {
				t.Fatalf("problems %v, want one mentioning %q", problems, tt.want)
			}
			for _, p := range problems {
				if !errors.Is(p, ErrDamaged) {
					t.Errorf("problem %v does not wrap ErrDamaged", p)
				}
			}
			// Open refuses the same file: a write would hide the loss.
			if s, err := Open(path, Options{}); err == nil {
				s.Close()
				t.Fatal("Open accepted the damaged file")
			}
		})
	}
}
