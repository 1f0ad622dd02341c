package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// runCLI runs the command line in-process and returns exit code and output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// siteConfig writes a configuration for the loopback site into dir.
func siteConfig(t *testing.T, site *testsite.Site, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "config.yaml")
	yaml := strings.Replace(demoConfigYAML(site, filepath.Join(dir, "cli.db")), "timeout: 2s", "timeout: 1s", 1)
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCrawlListShow(t *testing.T) {
	site, err := testsite.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	site.SetSlowDelay(1500e6)
	cfg := siteConfig(t, site, t.TempDir())

	code, out, errOut := runCLI(t, "", "--config", cfg, "--log-level", "warn", "crawl", "--once")
	if code != exitOK {
		t.Fatalf("crawl --once exit %d\n%s\n%s", code, out, errOut)
	}
	for _, s := range site.Sources() {
		if !strings.Contains(out, s.Name) {
			t.Errorf("summary lacks a line for source %q:\n%s", s.Name, out)
		}
	}

	code, out, _ = runCLI(t, "", "--config", cfg, "check")
	if code != exitOK || strings.Count(out, " items, ") != len(site.Sources()) {
		t.Errorf("check exit %d, want one line with items per source:\n%s", code, out)
	}

	code, out, errOut = runCLI(t, "", "--config", cfg, "list", "--json", "--all")
	if code != exitOK {
		t.Fatalf("list exit %d: %s", code, errOut)
	}
	wantFields := []string{"id", "lang", "pillars", "primary", "published", "relevance", "relevant", "source", "title", "url", "urls"}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 24 {
		t.Fatalf("list --json --all printed %d lines, want every stored story", len(lines))
	}
	var firstID string
	for i, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		var keys []string
		for k := range rec {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, wantFields) {
			t.Fatalf("line %d fields %v, want exactly %v", i+1, keys, wantFields)
		}
		if i == 0 {
			firstID = rec["id"].(string)
		}
	}

	// The same taxonomy gives the same verdicts: nothing changes.
	code, out, errOut = runCLI(t, "", "--config", cfg, "reclassify")
	if want := fmt.Sprintf("Reclassified %d articles: 0 changed.", len(lines)); code != exitOK || !strings.Contains(out, want) {
		t.Errorf("reclassify exit %d: %q %s, want %q", code, out, errOut, want)
	}

	code, out, _ = runCLI(t, "", "--config", cfg, "show", firstID)
	if code != exitOK || !strings.Contains(out, "Evidence:") || !strings.Contains(out, firstID) {
		t.Errorf("show %s exit %d:\n%s", firstID, code, out)
	}
	if code, _, errOut := runCLI(t, "", "--config", cfg, "show", "ffffffffffff"); code != exitError || !strings.Contains(errOut, "not found") {
		t.Errorf("show of an unknown id: exit %d, %q", code, errOut)
	}
	code, out, _ = runCLI(t, "", "--config", cfg, "sources", "--json")
	if code != exitOK || strings.Count(out, "\n") != len(site.Sources()) {
		t.Errorf("sources --json exit %d:\n%s", code, out)
	}
}

func TestUsageAndConfigErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("database: x.db\ncrawl:\n  timeout: soon\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"no command", nil, exitUsage, "Usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "unknown command"},
		{"crawl without once", []string{"crawl"}, exitUsage, "--once"},
		{"bad flag", []string{"list", "--bogus"}, exitUsage, "bogus"},
		{"config error names key and line", []string{"--config", bad, "check", "--offline"}, exitError, "line 3: crawl.timeout"},
		{"missing config", []string{"--config", filepath.Join(dir, "none.yaml"), "list"}, exitError, "none.yaml"},
		{"bad since", []string{"list", "--since", "yesterday"}, exitError, "--since"},
		{"unknown pillar", []string{"list", "--pillar", "sports"}, exitError, "unknown pillar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.wantErr) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.wantErr)
			}
		})
	}
}

func TestClassifyJSONL(t *testing.T) {
	in := `{"id":"a","title":"Viet Nam and Japan sign deal on ODA loan for metro line","text":"Japan will provide an ODA loan through JICA for the second metro line in Ho Chi Minh City, the two governments said in Hanoi."}
{"id":"b","title":"Bank of Japan holds rates","text":"The Bank of Japan kept its policy rate unchanged on Tuesday, citing weak consumption at home."}
`
	code, out, errOut := runCLI(t, in, "classify", "--jsonl", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []classifyOut
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var o classifyOut
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatal(err)
		}
		got = append(got, o)
	}
	if len(got) != 2 {
		t.Fatalf("%d output lines, want 2", len(got))
	}
	if !got[0].Relevant || got[0].Primary == nil || *got[0].Primary != "development-infrastructure" {
		t.Errorf("ODA story: %+v, want relevant with primary development-infrastructure", got[0])
	}
	if got[1].Relevant || got[1].Primary != nil || len(got[1].Pillars) != 0 {
		t.Errorf("BOJ story: %+v, want not relevant, primary null, no pillars", got[1])
	}
	if code, _, errOut := runCLI(t, "{broken\n", "classify", "--jsonl"); code != exitError || !strings.Contains(errOut, "line 1") {
		t.Errorf("broken input: exit %d, %q", code, errOut)
	}
}

func TestExtractCommand(t *testing.T) {
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hanoi hosts Japanese trade mission | Test Daily</title>
<meta property="article:published_time" content="2026-11-02T09:30:00+07:00"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Hanoi hosts Japanese trade mission</h1><p class="byline">By Le Thu</p>
<p>A delegation of forty Japanese companies arrived in Hanoi on Monday to meet suppliers of electronic components and farm produce.</p>
<p>The visit, organised with the trade promotion agency, includes factory tours in Bac Ninh and a matching session with local firms.</p>
<p>Organisers said more than three hundred meetings had been booked ahead of the two-day programme.</p></article>
<footer>© Test Daily</footer></body></html>`
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "extract", "--json", file)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got extractJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Title != "Hanoi hosts Japanese trade mission" || !strings.HasPrefix(got.Published, "2026-11-02") || got.Lang != "en" {
		t.Errorf("got %+v", got)
	}
	if !strings.Contains(got.Text, "three hundred meetings") || strings.Contains(got.Text, "Home") {
		t.Errorf("text %q: want the body without navigation", got.Text)
	}
}
