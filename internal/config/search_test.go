package config

import (
	"errors"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

const searchConfig = `sources:
  - name: News search
    kind: search
    provider: google-news
    endpoint: https://news.google.com
    queries:
      - {q: "Vietnam Japan", lang: en}
      - {q: "Việt Nam Nhật Bản", lang: vi}
      - {q: "日越", lang: ja}
    schedule: "@every 30m"
  - name: GDELT
    kind: search
    provider: gdelt
    queries:
      - {q: "Vietnam Japan", lang: vi}
`

func TestParseSearch(t *testing.T) {
	cfg, err := Parse(strings.NewReader(searchConfig), "search.yaml")
	if err != nil {
		t.Fatal(err)
	}
	gn, gd := cfg.Sources[0], cfg.Sources[1]
	if got, want := gn.Kind, crawler.KindSearch; got != want {
		t.Errorf("Kind=%q, want %q", got, want)
	}
	if got, want := len(gn.Queries), 3; got != want {
		t.Fatalf("len(Queries)=%d, want %d", got, want)
	}
	if got, want := gn.Queries[1], (crawler.SearchQuery{Q: "Việt Nam Nhật Bản", Lang: "vi"}); got != want {
		t.Errorf("Queries[1]=%+v, want %+v", got, want)
	}
	if got, want := gd.Endpoint, "https://api.gdeltproject.org"; got != want {
		t.Errorf("default gdelt Endpoint=%q, want %q", got, want)
	}
	if got, want := gd.Lookback, 24*time.Hour; got != want {
		t.Errorf("default Lookback=%v, want %v", got, want)
	}
	if got := gn.Lookback; got != 0 {
		t.Errorf("google-news Lookback=%v, want 0", got)
	}
}

func TestParseSearchErrors(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(string) string
		wantKey string
		line    int
	}{
		{"unknown provider", func(s string) string { return strings.Replace(s, "provider: gdelt", "provider: bing", 1) }, "sources[1].provider", 13},
		{"empty queries", func(s string) string {
			return strings.Replace(s, "    queries:\n      - {q: \"Vietnam Japan\", lang: vi}\n", "    queries: []\n", 1)
		}, "sources[1].queries", 14},
		{"bad lang", func(s string) string { return strings.Replace(s, "lang: ja", "lang: jp", 1) }, "sources[0].queries[2].lang", 9},
		{"empty q", func(s string) string { return strings.Replace(s, `"日越"`, `"  "`, 1) }, "sources[0].queries[2].q", 9},
		{"duplicate query", func(s string) string {
			return strings.Replace(s, `{q: "日越", lang: ja}`, `{q: "Vietnam  Japan", lang: en}`, 1)
		}, "sources[0].queries[2]", 9},
		{"relative endpoint", func(s string) string {
			return strings.Replace(s, "endpoint: https://news.google.com", "endpoint: news.google.com", 1)
		}, "sources[0].endpoint", 5},
		{"endpoint with query", func(s string) string {
			return strings.Replace(s, "endpoint: https://news.google.com", "endpoint: https://news.google.com/?hl=en", 1)
		}, "sources[0].endpoint", 5},
		{"url on search", func(s string) string {
			return strings.Replace(s, "    provider: gdelt\n", "    provider: gdelt\n    url: https://api.gdeltproject.org\n", 1)
		}, "sources[1].url", 14},
		{"lookback on google-news", func(s string) string {
			return strings.Replace(s, "    schedule:", "    lookback: 48h\n    schedule:", 1)
		}, "sources[0].lookback", 10},
		{"lookback too long", func(s string) string {
			return strings.Replace(s, "provider: gdelt\n", "provider: gdelt\n    lookback: 2400h\n", 1)
		}, "sources[1].lookback", 14},
		{"unknown query key", func(s string) string {
			return strings.Replace(s, `{q: "日越", lang: ja}`, `{q: "日越", language: ja}`, 1)
		}, "sources[0].queries[2].language", 9},
		{"queries on rss", func(s string) string {
			return s + "  - name: Feed\n    kind: rss\n    url: https://example.org/rss\n    queries: [{q: x, lang: en}]\n"
		}, "sources[2].queries", 19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.edit(searchConfig)), "s.yaml")
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T %v, want *Errors", err, err)
			}
			fe := errs.List[0]
			if fe.Key != tt.wantKey || fe.Line != tt.line {
				t.Fatalf("error at key %q line %d, want key %q line %d (%v)", fe.Key, fe.Line, tt.wantKey, tt.line, err)
			}
		})
	}
}

func TestEndpointCredentialsRedacted(t *testing.T) {
	in := strings.Replace(searchConfig, "endpoint: https://news.google.com", "endpoint: https://user:hunter2@news.example", 1)
	_, err := Parse(strings.NewReader(in), "s.yaml")
	if err == nil {
		t.Fatal("endpoint with credentials accepted")
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error shows the password: %v", err)
	}
}

// TestDefaultSearchExample: the commented search sources of config.yaml
// are valid once uncommented.
func TestDefaultSearchExample(t *testing.T) {
	var out []string
	in := false
	for line := range strings.Lines(string(crawler.DefaultConfig)) {
		if strings.HasPrefix(line, "  # - name: News search") {
			in = true
		}
		if in && !strings.HasPrefix(line, "  # ") {
			break
		}
		if in {
			out = append(out, "  "+strings.TrimPrefix(line, "  # "))
		}
	}
	if len(out) < 10 {
		t.Fatalf("no commented search sources in config.yaml (%d lines)", len(out))
	}
	cfg, err := Parse(strings.NewReader("sources:\n"+strings.Join(out, "")), "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Sources) != 2 || cfg.Sources[0].Provider != crawler.ProviderGoogleNews || len(cfg.Sources[0].Queries) != 3 ||
		cfg.Sources[1].Provider != crawler.ProviderGDELT || cfg.Sources[1].Lookback != 24*time.Hour {
		t.Errorf("example parsed as %+v", cfg.Sources)
	}
	for _, s := range Default().Sources {
		if s.Kind == crawler.KindSearch {
			t.Errorf("search source %q enabled by default: it would reach the provider", s.Name)
		}
	}
}
