package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/daemon"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

const cliToken = "cli-test-token-0123456789"

func TestRunRefusesExposedWithoutToken(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	db := filepath.Join(dir, "x.db")
	open := write("open.yaml", "database: "+db+"\nhttp:\n  listen: 0.0.0.0:0\n")
	code, out, errOut := runCLI(t, "", "--config", open, "run")
	if code != exitError || !strings.Contains(errOut, "http.token_file") || !strings.Contains(errOut, "0.0.0.0:0") {
		t.Errorf("run on 0.0.0.0 without a token: exit %d, stderr %q; want 1 and the reason", code, errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("run created the database before refusing")
	}
	code, out, _ = runCLI(t, "", "--config", open, "check", "--offline")
	if code != exitOK || !strings.Contains(out, "Warning: http.listen is 0.0.0.0:0") {
		t.Errorf("check --offline: exit %d, output %q; want a warning", code, out)
	}
	write("token", cliToken+"\n")
	guarded := write("guarded.yaml", "database: "+db+"\nhttp:\n  listen: 0.0.0.0:0\n  token_file: token\n")
	code, out, _ = runCLI(t, "", "--config", guarded, "check", "--offline")
	if code != exitOK || strings.Contains(out, "Warning") {
		t.Errorf("check --offline with a token: exit %d, output %q; want no warning", code, out)
	}
	if strings.Contains(out, cliToken) {
		t.Error("check printed the token")
	}
}

// TestCommandsThroughDaemon runs the CLI while a daemon holds the
// database: crawl and reclassify go through its admin routes, list through
// its API, with the token the configuration names.
func TestCommandsThroughDaemon(t *testing.T) {
	site, err := testsite.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "token"), []byte(cliToken), 0o600); err != nil {
		t.Fatal(err)
	}
	yaml := demoConfigYAML(site, filepath.Join(dir, "d.db"))
	yaml = strings.Replace(yaml, "listen: 127.0.0.1:8080", "listen: "+freeAddr(t)+"\n  token_file: token", 1)
	yaml = strings.Replace(yaml, `schedule: "@every 10s"`, `schedule: "0 0 1 1 *"`, 1) // only the start-up crawl
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := daemon.Open(cfg, daemon.Options{LockTimeout: 200 * time.Millisecond, Grace: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("daemon: %v", err)
		}
	}()

	code, out, errOut := runCLI(t, "", "--config", path, "--log-level", "warn", "crawl", "--once", "--source", site.Sources()[0].Name)
	if code != exitOK || !strings.Contains(errOut, "crawling through it") || !strings.Contains(out, site.Sources()[0].Name) {
		t.Fatalf("crawl --once through the daemon: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "--config", path, "reclassify")
	if code != exitOK || !strings.Contains(out, "Reclassified ") {
		t.Errorf("reclassify through the daemon: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "--config", path, "list", "--json", "--all", "--lang", "ja")
	if code != exitOK || !strings.Contains(out, `"lang":"ja"`) || strings.Contains(out, `"lang":"en"`) {
		t.Errorf("list --lang ja through the API: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "--config", path, "crawl", "--once", "--source", "no such source")
	if code != exitError || !strings.Contains(errOut, "no source named") {
		t.Errorf("crawl of an unknown source: exit %d\n%s\n%s", code, out, errOut)
	}
}
