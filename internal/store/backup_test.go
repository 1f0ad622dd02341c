package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestBackup_WhileWriting(t *testing.T) {
	s := MustOpen(t)
	for i := range 20 {
		_, _, err := s.Put(classified(fmt.Sprintf("https://a.example/%d", i), uint64(i)))
		mustDo(t, err)
	}
	// Writers go on during the copy; the copy holds a consistent state.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for i := 100; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, _, err := s.Put(classified(fmt.Sprintf("https://a.example/%d", i), uint64(i))); err != nil {
				t.Error(err)
				return
			}
		}
	})
	dest := filepath.Join(t.TempDir(), "backups", "copy.db")
	n, err := s.Backup(dest)
	close(stop)
	wg.Wait()
	mustDo(t, err)
	fi, err := os.Stat(dest)
	mustDo(t, err)
	if fi.Size() != n || fi.Mode().Perm() != 0o600 {
		t.Errorf("copy is %d bytes mode %v, reported %d; want equal sizes and 0600", fi.Size(), fi.Mode().Perm(), n)
	}
	c := MustOpenPath(t, dest) // checked on close
	st, err := c.Stats()
	mustDo(t, err)
	if st.Articles < 20 {
		t.Errorf("copy holds %d articles, want at least the 20 stored before it", st.Articles)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".copy.db.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

func TestWriteFileAtomic_KeepsOldOnFailure(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "copy.db")
	mustDo(t, os.WriteFile(dest, []byte("previous"), 0o600))
	// A truncated copy fails verification and never replaces the file.
	err := WriteFileAtomic(dest, func(f *os.File) error {
		_, err := f.Write(make([]byte, 4096))
		return err
	})
	if err == nil {
		t.Fatal("a copy that is no database was accepted")
	}
	if got, _ := os.ReadFile(dest); string(got) != "previous" {
		t.Errorf("destination now %q, want it untouched", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".copy.db.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

func TestPruneRejectedAndCompact(t *testing.T) {
	s := MustOpen(t)
	old, recent := fetched, fetched.Add(100*24*time.Hour)
	var rejectedIDs []string
	for i := range 30 {
		a := classified(fmt.Sprintf("https://a.example/%d", i), uint64(i))
		a.Fetched = old
		if i%3 != 0 { // two in three rejected
			a.Relevant, a.Pillars, a.Primary = false, nil, ""
		}
		if i == 29 {
			a.Fetched = recent
		}
		id, _, err := s.Put(a)
		mustDo(t, err)
		if i%3 != 0 && i != 29 {
			rejectedIDs = append(rejectedIDs, id)
		}
	}
	n, err := s.PruneRejected(context.Background(), old.Add(24*time.Hour))
	mustDo(t, err)
	if n != len(rejectedIDs) {
		t.Errorf("pruned %d, want %d", n, len(rejectedIDs))
	}
	for i := range 30 {
		u := fmt.Sprintf("https://a.example/%d", i)
		id, ok, err := s.Lookup(u)
		if err != nil || !ok {
			t.Fatalf("%s forgotten after pruning: %v", u, err)
		}
		a, err := s.Get(id)
		mustDo(t, err)
		pruned := i%3 != 0 && i != 29
		if (a.Text == "") != pruned || pruned && (a.Evidence != nil || a.Spans != nil || a.Title == "") {
			t.Errorf("%s: text %d runes, evidence %v, title %q; pruned=%v", u, len(a.Text), a.Evidence != nil, a.Title, pruned)
		}
		if ok, _ := s.ShouldFetch(u, recent); ok {
			t.Errorf("%s would be fetched again", u)
		}
	}
	if n, _ := s.PruneRejected(context.Background(), old.Add(24*time.Hour)); n != 0 {
		t.Errorf("second prune pruned %d again", n)
	}
	before, after, err := s.Compact()
	mustDo(t, err)
	if after <= 0 || after > before {
		t.Errorf("compacted %d -> %d bytes", before, after)
	}
	// The store works on the new file.
	if _, _, err := s.Put(classified("https://a.example/after", 99)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Path() + ".compact"); !os.IsNotExist(err) {
		t.Errorf("temporary compaction file left: %v", err)
	}
}
