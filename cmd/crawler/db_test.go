package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// storeConfig writes a configuration whose database is db and whose one
// source is on a closed port, so nothing reaches a network.
func storeConfig(t *testing.T, db string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	yaml := fmt.Sprintf("database: %q\nhttp:\n  listen: 127.0.0.1:0\nsources:\n  - name: closed\n    kind: rss\n    url: http://127.0.0.1:1/rss.xml\n", db)
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fillStore writes n articles to a new database at path and returns their IDs.
func fillStore(t *testing.T, path string, n int) []string {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ids []string
	for i := range n {
		text := strings.Repeat(fmt.Sprintf("Paragraph %d of story %d tells of port works and rail links in the delta. ", i, i), 30)
		id, _, err := st.Put(&crawler.Article{
			URL: fmt.Sprintf("https://news.example/%d", i), Title: fmt.Sprintf("Story %d", i), Text: text,
			Lang: "en", Source: "news", Published: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC),
			Classification: crawler.Classification{Relevant: true, Pillars: []string{"economy"}, Primary: "economy"},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestDamagedDatabaseExitStatus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "crawler.db")
	fillStore(t, db, 40)
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, b[:len(b)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := storeConfig(t, db)
	for _, args := range [][]string{
		{"list"}, {"show", "abcdef"}, {"sources"}, {"crawl", "--once"}, {"run", "--grace", "1s"}, {"db", "check"},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, _, errOut := runCLI(t, "", append([]string{"--config", cfg}, args...)...)
			if code != exitDamaged {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitDamaged, errOut)
			}
			for _, want := range []string{db, "backup"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr does not mention %q:\n%s", want, errOut)
				}
			}
			if strings.Contains(errOut, "goroutine ") {
				t.Errorf("stderr holds a goroutine dump:\n%s", errOut)
			}
		})
	}
}

func TestDBCheckAndUndecodableRecord(t *testing.T) {
	db := filepath.Join(t.TempDir(), "crawler.db")
	ids := fillStore(t, db, 5)
	cfg := storeConfig(t, db)
	if code, out, errOut := runCLI(t, "", "--config", cfg, "db", "check"); code != exitOK || !strings.Contains(out, "no damage found") {
		t.Fatalf("db check of a sound file: exit %d\n%s%s", code, out, errOut)
	}

	bad := ids[2]
	bdb, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("articles")).Put([]byte(bad), []byte(`{"id":"`+bad+`","title":[`))
	})
	if cerr := bdb.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}

	code, out, errOut := runCLI(t, "", "--config", cfg, "list", "--all")
	if code != exitOK || strings.Count(out, "Story ") != 4 {
		t.Fatalf("list exit %d, want the 4 good stories:\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, bad) || !strings.Contains(errOut, "WARN") {
		t.Errorf("list gave no warning naming %s:\n%s", bad, errOut)
	}
	code, out, _ = runCLI(t, "", "--config", cfg, "db", "check")
	if code != exitDamaged || !strings.Contains(out, bad) {
		t.Errorf("db check exit %d, want %d listing %s:\n%s", code, exitDamaged, bad, out)
	}
	if code, _, errOut := runCLI(t, "", "--config", cfg, "show", bad); code != exitDamaged || !strings.Contains(errOut, bad) {
		t.Errorf("show of the damaged record: exit %d:\n%s", code, errOut)
	}
}

func TestReadCommandsNeverCreateADatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo", "crawler.db")
	cfg := storeConfig(t, db)
	// digest and compact write, but only to a database a crawl has filled.
	for _, args := range [][]string{{"list"}, {"show", "abcdef"}, {"sources"}, {"db", "check"},
		{"digest", "preview"}, {"digest", "recipients"}, {"compact"}} {
		code, _, errOut := runCLI(t, "", append([]string{"--config", cfg}, args...)...)
		if code != exitError || !strings.Contains(errOut, "no database at "+db) {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and \"no database at %s\"", args[0], code, errOut, db)
		}
	}
	if _, err := os.Stat(filepath.Dir(db)); !os.IsNotExist(err) {
		t.Fatalf("a command that needs a database created %s", filepath.Dir(db))
	}
}
