package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// feedConfig writes a configuration with the given sources (name -> feed
// URL) and returns its path.
func feedConfig(t *testing.T, sources ...[2]string) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	fmt.Fprintf(&b, "database: %q\nhttp:\n  listen: 127.0.0.1:0\ncrawl:\n  per_host_delay: 0s\n  timeout: 2s\n  respect_robots: false\nsources:\n", filepath.Join(dir, "cli.db"))
	for _, s := range sources {
		fmt.Fprintf(&b, "  - name: %q\n    kind: rss\n    url: %q\n", s[0], s[1])
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func startFeed(t *testing.T) *testsite.Feed {
	f := testsite.StartFeed()
	t.Cleanup(f.Close)
	return f
}

var firstCell = regexp.MustCompile(`^(\S+(?: \S+)*?)( {2,})\S`)

// wantAligned fails unless the second column of every table line starts
// at the same terminal cell.
func wantAligned(t *testing.T, what string, lines []string) {
	t.Helper()
	col := -1
	for _, l := range lines {
		m := firstCell.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("%s: no columns in %q", what, l)
		}
		if c := width(m[1]) + len(m[2]); col == -1 {
			col = c
		} else if c != col {
			t.Errorf("%s: second column at cell %d, want %d:\n%s", what, c, col, strings.Join(lines, "\n"))
			return
		}
	}
}

// tableLines returns the lines from the one starting with header up to the
// first empty line.
func tableLines(out, header string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, header) || len(lines) > 0 {
			if strings.TrimSpace(l) == "" || !firstCell.MatchString(l) {
				break
			}
			lines = append(lines, l)
		}
	}
	return lines
}

func TestTablesAlignWideCharacters(t *testing.T) {
	feed := startFeed(t)
	feed.Stories(2)
	cfg := feedConfig(t, [2]string{"日本経済ニュース", feed.URL() + "/feed.xml"}, [2]string{"Báo Việt Nam", feed.URL() + "/feed.xml?v=2"}, [2]string{"Plain", feed.URL() + "/feed.xml?p=3"})
	code, out, errOut := runCLI(t, "", "--config", cfg, "crawl", "--once")
	if code != exitOK {
		t.Fatalf("crawl exit %d: %s", code, errOut)
	}
	wantAligned(t, "crawl", tableLines(out, "SOURCE"))
	_, out, _ = runCLI(t, "", "--config", cfg, "sources")
	wantAligned(t, "sources", tableLines(out, "SOURCE"))
	_, out, _ = runCLI(t, "", "--config", cfg, "check")
	if lines := tableLines(out, "SOURCE"); len(lines) != 4 {
		t.Errorf("check printed %d table lines, want 4:\n%s", len(lines), out)
	} else {
		wantAligned(t, "check", lines)
	}
}

func TestGlobalFlagsAfterTheCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "crawler.db")
	fillStore(t, db, 3)
	cfg := storeConfig(t, db)
	for _, args := range [][]string{
		{"--config", cfg, "list", "--all"},
		{"list", "--config", cfg, "--all"},
		{"list", "--all", "--config=" + cfg, "--log-level", "debug"},
	} {
		code, out, errOut := runCLI(t, "", args...)
		if code != exitOK || strings.Count(out, "Story ") != 3 {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
}

func TestListAndShowArguments(t *testing.T) {
	db := filepath.Join(t.TempDir(), "crawler.db")
	fillStore(t, db, 3) // dated 2026-01-01 to 03
	cfg := storeConfig(t, db)
	tests := []struct {
		args      []string
		code      int
		out, errs string
	}{
		{[]string{"list", "--since", "1h"}, exitOK, "No articles since", ""},
		{[]string{"list", "--limit", "-3"}, exitUsage, "", "--limit must be 0 (no limit) or more, got -3"},
		{[]string{"list", "--limit", "2"}, exitOK, "Story 2", ""},
		{[]string{"show", "abc"}, exitUsage, "", "at least 6 characters"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, "", append([]string{"--config", cfg}, tt.args...)...)
		if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errOut, tt.errs) {
			t.Errorf("%v: exit %d\nstdout: %s\nstderr: %s\nwant exit %d, %q, %q", tt.args, code, out, errOut, tt.code, tt.out, tt.errs)
		}
	}
	if _, out, _ := runCLI(t, "", "--config", cfg, "list", "--since", "1h"); strings.Contains(out, "crawl --once") {
		t.Errorf("an empty window suggests a first crawl: %s", out)
	}
}

// Every command's -h exits 0 and says what the command does, with no flag
// text garbled by backquotes.
func TestEveryCommandHelp(t *testing.T) {
	for _, c := range commands() {
		args := []string{c.name, "-h"}
		code, _, errOut := runCLI(t, "", args...)
		if code != exitOK || !strings.HasPrefix(errOut, "Usage: crawler "+c.name) {
			t.Errorf("%s -h: exit %d\n%s", c.name, code, errOut)
			continue
		}
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if len(lines) < 3 {
			t.Errorf("%s -h says too little:\n%s", c.name, errOut)
		}
		if regexp.MustCompile(`(?m)^  -\S+ \S+ \S+`).MatchString(errOut) {
			t.Errorf("%s -h: a flag line carries stray words:\n%s", c.name, errOut)
		}
	}
}

// check exits 1 when a source cannot be read and says which; --offline
// rejects what run would.
func TestCheckExitStatus(t *testing.T) {
	feed := startFeed(t)
	feed.Stories(1)
	cfg := feedConfig(t, [2]string{"alive", feed.URL() + "/feed.xml"}, [2]string{"dead", "http://127.0.0.1:1/feed.xml"})
	code, out, errOut := runCLI(t, "", "--config", cfg, "check")
	if code != exitError || !strings.Contains(errOut, "1 of 2 sources could not be read") {
		t.Errorf("check with a dead source: exit %d\n%s%s", code, out, errOut)
	}
	if !regexp.MustCompile(`(?m)^dead +rss +FAILED: .*cannot reach 127\.0\.0\.1: .*connection refused`).MatchString(out) {
		t.Errorf("check does not say why the dead source failed:\n%s", out)
	}
	if code, _, errOut := runCLI(t, "", "--config", cfg, "check", "--offline"); code != exitOK {
		t.Errorf("check --offline: exit %d %s", code, errOut)
	}
	bad := strings.Replace(readFile(t, cfg), "listen: 127.0.0.1:0", "listen: 127.0.0.1:http-alt", 1)
	bad = strings.Replace(bad, "crawl:\n", "crawl:\n  schedule: \"@every 10ms\"\n", 1)
	if err := os.WriteFile(cfg, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "", "--config", cfg, "check", "--offline")
	if code != exitError || !strings.Contains(errOut, "http.listen") || !strings.Contains(errOut, "crawl.schedule") {
		t.Errorf("check --offline of a bad listen address and schedule: exit %d\n%s", code, errOut)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The failing URLs and why: crawl --once -v, sources --errors.
func TestFailuresAreShown(t *testing.T) {
	feed := startFeed(t)
	feed.SetLinks(feed.URL()+"/story/1", feed.URL()+"/gone/page", "http://169.254.169.254/latest/")
	cfg := feedConfig(t, [2]string{"Delta", feed.URL() + "/feed.xml"})
	code, out, errOut := runCLI(t, "", "--config", cfg, "crawl", "--once", "-v")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{feed.URL() + "/gone/page", "http status 404", "http://169.254.169.254/latest/", "refused to connect", "not retried"} {
		if !strings.Contains(out, want) {
			t.Errorf("crawl --once -v lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "", "--config", cfg, "sources", "--errors", "Delta")
	if code != exitOK || !strings.Contains(out, "/gone/page") || !strings.Contains(out, "169.254.169.254") {
		t.Errorf("sources --errors: exit %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "", "--config", cfg, "sources", "--errors", "Nobody"); code != exitError || !strings.Contains(errOut, "no source named") {
		t.Errorf("sources --errors of an unknown source: exit %d %s", code, errOut)
	}
}

// Credentials in a source URL are used and never shown.
func TestCredentialsNeverShown(t *testing.T) {
	feed := startFeed(t)
	feed.Stories(1)
	feed.SetAuth("reader", "hunter2")
	u, _ := url.Parse(feed.URL())
	good := "http://reader:hunter2@" + u.Host + "/feed.xml?api_key=k3y-s3cret"
	bad := "http://reader:wr0ng-pw@" + u.Host + "/feed.xml"
	cfg := feedConfig(t, [2]string{"members", good}, [2]string{"wrong", bad})
	var all strings.Builder
	for _, args := range [][]string{
		{"--log-level", "debug", "crawl", "--once", "-v"}, {"check"}, {"sources"}, {"sources", "--json"},
		{"sources", "--errors", "wrong"}, {"sources", "--errors", "wrong", "--json"}, {"list", "--json", "--all"},
	} {
		code, out, errOut := runCLI(t, "", append([]string{"--config", cfg}, args...)...)
		fmt.Fprintf(&all, "$ %v (exit %d)\n%s%s", args, code, out, errOut)
	}
	text := all.String()
	if !strings.Contains(text, "Harbour notes 1") || !strings.Contains(text, "401") {
		t.Fatalf("the run did not get far enough to tell:\n%s", text)
	}
	for _, secret := range []string{"hunter2", "wr0ng-pw", "k3y-s3cret"} {
		if strings.Contains(text, secret) {
			t.Errorf("output contains %q:\n%s", secret, text)
		}
	}
}

// An interrupted crawl --once exits 130 and holds nothing against the
// sources.
func TestInterruptedCrawlExitStatus(t *testing.T) {
	feed := startFeed(t)
	feed.Stories(5)
	cfg := feedConfig(t, [2]string{"Delta", feed.URL() + "/feed.xml"})
	ctx, cancel := context.WithCancel(context.Background())
	feed.SetHook(func(count int, r *http.Request) {
		if count == 2 {
			cancel()
		}
	})
	var out, errOut strings.Builder
	code := Run(ctx, []string{"--config", cfg, "crawl", "--once"}, strings.NewReader(""), &out, &errOut)
	if code != exitInterrupted || !strings.Contains(out.String(), "interrupted") {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitInterrupted, out.String(), errOut.String())
	}
	_, sources, _ := runCLI(t, "", "--config", cfg, "sources", "--json")
	if !strings.Contains(sources, `"consecutive_failures":0`) || strings.Contains(sources, "last_error") {
		t.Errorf("source state after an interruption: %s", sources)
	}
}
