package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

const minimal = `database: db/test.db
timezone: Asia/Tokyo
user_agent: test-agent
crawl:
  schedule: "@every 5m"
  per_host_delay: 500ms
  parallelism: 2
  timeout: 10s
  max_body_bytes: 2048
  respect_robots: true
sources:
  - name: Feed
    kind: rss
    url: https://example.org/rss.xml
    language: en
  - name: Listing
    kind: html
    url: https://example.org/news/
    link_selector: "main a[href]"
    article_pattern: "/article/"
    next_selector: "a[rel=next]"
    max_pages: 3
`

func TestParseMinimal(t *testing.T) {
	cfg, err := Parse(strings.NewReader(minimal), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Crawl.PerHostDelay, 500*time.Millisecond; got != want {
		t.Errorf("PerHostDelay=%v, want %v", got, want)
	}
	if got, want := cfg.Location.String(), "Asia/Tokyo"; got != want {
		t.Errorf("Location=%q, want %q", got, want)
	}
	if got, want := len(cfg.Sources), 2; got != want {
		t.Fatalf("len(Sources)=%d, want %d", got, want)
	}
	if re := cfg.Sources[1].ArticleRegexp; re == nil || !re.MatchString("https://example.org/article/1") {
		t.Errorf("ArticleRegexp not compiled: %v", re)
	}
	if got, want := cfg.Sources[0].MaxPages, 1; got != want {
		t.Errorf("default MaxPages=%d, want %d", got, want)
	}
	// Keys absent from the file keep their defaults.
	if got, want := cfg.HTTP.Listen, "127.0.0.1:8080"; got != want {
		t.Errorf("HTTP.Listen=%q, want %q", got, want)
	}
	if got, want := cfg.Crawl.MaxArticlesPerRun, 1000; got != want {
		t.Errorf("MaxArticlesPerRun=%d, want %d", got, want)
	}
	// No pillars: key means the default taxonomy.
	if got, want := len(cfg.Pillars), len(crawler.DefaultPillarIDs); got < 1 || got != len(Default().Pillars) {
		t.Errorf("len(Pillars)=%d, want the default taxonomy (%d)", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(string) string
		wantKey string
		line    int
	}{
		{"unknown key", func(s string) string { return strings.Replace(s, "  parallelism: 2", "  paralelism: 2", 1) }, "crawl.paralelism", 7},
		{"bad duration", func(s string) string { return strings.Replace(s, "500ms", "half a second", 1) }, "crawl.per_host_delay", 6},
		{"wrong type", func(s string) string { return strings.Replace(s, "parallelism: 2", "parallelism: many", 1) }, "crawl.parallelism", 7},
		{"bad regexp", func(s string) string { return strings.Replace(s, `"/article/"`, `"/article/(["`, 1) }, "sources[1].article_pattern", 20},
		{"bad selector", func(s string) string { return strings.Replace(s, `"main a[href]"`, `"main a[href"`, 1) }, "sources[1].link_selector", 19},
		{"bad kind", func(s string) string { return strings.Replace(s, "kind: rss", "kind: atom-ish", 1) }, "sources[0].kind", 13},
		{"relative url", func(s string) string { return strings.Replace(s, "https://example.org/rss.xml", "/rss.xml", 1) }, "sources[0].url", 14},
		{"bad cron", func(s string) string { return strings.Replace(s, `"@every 5m"`, `"61 * * * *"`, 1) }, "crawl.schedule", 5},
		{"bad timezone", func(s string) string { return strings.Replace(s, "Asia/Tokyo", "Mars/Olympus", 1) }, "timezone", 2},
		{"zero parallelism", func(s string) string { return strings.Replace(s, "parallelism: 2", "parallelism: 0", 1) }, "crawl.parallelism", 7},
		{"duplicate source", func(s string) string { return strings.Replace(s, "name: Listing", "name: Feed", 1) }, "sources[1].name", 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.edit(minimal)), "my.yaml")
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T %v, want *Errors", err, err)
			}
			fe := errs.List[0]
			if fe.Key != tt.wantKey || fe.Line != tt.line {
				t.Fatalf("error at key %q line %d, want key %q line %d (%v)", fe.Key, fe.Line, tt.wantKey, tt.line, err)
			}
			msg := err.Error()
			for _, want := range []string{"my.yaml", tt.wantKey, "line "} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not contain %q", msg, want)
				}
			}
		})
	}
}

func TestParseSyntaxError(t *testing.T) {
	_, err := Parse(strings.NewReader("crawl:\n  timeout: [1s\n"), "broken.yaml")
	if err == nil || !strings.Contains(err.Error(), "broken.yaml") || !strings.Contains(err.Error(), "line") {
		t.Fatalf("err=%v, want a message naming the file and line", err)
	}
}

func TestDefaultIsValid(t *testing.T) {
	cfg := Default()
	if len(cfg.Sources) < 10 {
		t.Errorf("default config lists %d sources, want real sources in three languages", len(cfg.Sources))
	}
	langs := map[string]bool{}
	for _, s := range cfg.Sources {
		langs[s.Language] = true
	}
	for _, l := range []string{"en", "vi", "ja"} {
		if !langs[l] {
			t.Errorf("no default source in %s", l)
		}
	}
	ids := map[string]bool{}
	for _, p := range cfg.Pillars {
		ids[p.ID] = true
	}
	for _, id := range crawler.DefaultPillarIDs {
		if !ids[id] {
			t.Errorf("default taxonomy lacks pillar %q", id)
		}
	}
}

func TestLoadPrecedence(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	cfg, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Path != EmbeddedPath {
		t.Fatalf("Path=%q, want the embedded default", cfg.Path)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(minimal), 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg, err = Load(""); err != nil || cfg.Path != "config.yaml" {
		t.Fatalf("Load(\"\") = %v, %v; want ./config.yaml", cfg, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Fatal("Load of a missing file succeeded")
	}
}
