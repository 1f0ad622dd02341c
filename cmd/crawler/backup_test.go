package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// storedArticles opens a database file and counts its articles.
func storedArticles(t *testing.T, path string) int {
	t.Helper()
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Errorf("%s: %v", path, err)
	}
	stats, err := st.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return stats.Articles
}

func TestBackupWhileDaemonRunsAndCompact(t *testing.T) {
	site, err := testsite.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	site.SetSlowDelay(1500e6)
	dir := t.TempDir()
	addr := freeAddr(t)
	cfg := siteConfig(t, site, dir)
	yaml, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, bytes.Replace(yaml, []byte("127.0.0.1:8080"), []byte(addr), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan string, 1)
	go func() {
		var out, errOut bytes.Buffer
		code := Run(ctx, []string{"--config", cfg, "--log-level", "warn", "run", "--grace", "2s"}, strings.NewReader(""), &out, &errOut)
		done <- fmt.Sprintf("exit %d: %s", code, errOut.String())
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/api/articles?limit=1")
		if err == nil {
			body := new(bytes.Buffer)
			_, _ = body.ReadFrom(res.Body)
			res.Body.Close()
			if strings.Contains(body.String(), `"id"`) {
				break // the daemon serves and has stored something
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the daemon stored nothing within 30s")
		}
		time.Sleep(100 * time.Millisecond)
	}

	backup := filepath.Join(dir, "backups", "copy.db")
	code, out, errOut := runCLI(t, "", "--config", cfg, "backup", backup)
	if code != exitOK || !strings.Contains(out, "consistent copy") {
		t.Fatalf("backup while the daemon runs: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := storedArticles(t, backup); n == 0 {
		t.Error("the backup holds no article")
	}
	if code, _, errOut := runCLI(t, "", "--config", cfg, "compact"); code != exitError || !strings.Contains(errOut, "Stop the daemon first") {
		t.Errorf("compact while the daemon runs: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "--config", cfg, "backup", filepath.Join(dir, "cli.db")); code != exitError || !strings.Contains(errOut, "database itself") {
		t.Errorf("backup over the database: exit %d, %q", code, errOut)
	}

	// The daemon must let go of the file before the restore; a crawl cut
	// short by the grace period may make it exit 1, which is not this
	// test's concern.
	cancel()
	t.Logf("daemon stopped: %s", <-done)
	// Restore: the copy replaces the database and is read as it was.
	want := storedArticles(t, backup)
	if err := os.Rename(backup, filepath.Join(dir, "cli.db")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "", "--config", cfg, "compact")
	if code != exitOK || !strings.Contains(out, "Compacted") {
		t.Fatalf("compact: exit %d\n%s\n%s", code, out, errOut)
	}
	if got := storedArticles(t, filepath.Join(dir, "cli.db")); got != want {
		t.Errorf("after restore and compact: %d articles, want %d", got, want)
	}
	code, out, _ = runCLI(t, "", "--config", cfg, "backup", filepath.Join(dir, "direct.db"))
	if code != exitOK || storedArticles(t, filepath.Join(dir, "direct.db")) != want {
		t.Errorf("backup without the daemon: exit %d %s", code, out)
	}
}

func TestBackupWithoutDatabase(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("database: "+filepath.Join(dir, "none.db")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "", "--config", cfg, "backup", filepath.Join(dir, "copy.db"))
	if code != exitError || !strings.Contains(errOut, "no database") {
		t.Errorf("exit %d, %q; want an error saying there is no database", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); !os.IsNotExist(err) {
		t.Error("backup created the database it was asked to copy")
	}
}
