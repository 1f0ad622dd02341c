package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
)

// demo --serve --keep with a relative directory writes a configuration
// that names the database by an absolute path, usable from anywhere.
func TestDemoServeWritesAbsolutePaths(t *testing.T) {
	base := t.TempDir()
	t.Chdir(base)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var out, errOut bytes.Buffer
	go func() {
		done <- Run(ctx, []string{"demo", "--serve", "--keep", "keep"}, strings.NewReader(""), &out, &errOut)
	}()
	path := filepath.Join(base, "keep", "demo-config.yaml")
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(path); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no %s after 10s; stderr: %s", path, errOut.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Chdir(t.TempDir()) // elsewhere, the file must still name the same database
	cfg, err := config.Load(path)
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("demo --serve exit %d: %s", code, errOut.String())
	}
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(base, "keep", "demo.db"); cfg.Database != want {
		t.Errorf("database %q, want %q", cfg.Database, want)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), "database: \""+filepath.Join(base, "keep", "demo.db")) {
		t.Errorf("the file does not name the database by its absolute path:\n%s", b)
	}
}
