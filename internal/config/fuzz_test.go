package config

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that any file either loads into a configuration that
// validates again, or fails with an error that names the file, never a
// panic.
func FuzzParse(f *testing.F) {
	shipped, err := os.ReadFile("../../config.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(shipped)
	f.Add([]byte("database: x.db\ncrawl:\n  timeout: soon\n"))
	f.Add([]byte("sources:\n  - name: a\n    kind: html\n    url: http://a.example/\n    link_selector: \"a[\"\n    article_pattern: \"(\"\n"))
	f.Add([]byte("crawl: &a\n  x: *a\n"))
	f.Add([]byte("store:\n  keep_rejected: -1h\ncrawl:\n  max_sitemap_urls: 0\n  pending_max_age: 1y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(bytes.NewReader(data), "fuzz.yaml")
		if err != nil {
			var list *Errors
			if !errors.As(err, &list) && !strings.Contains(err.Error(), "fuzz.yaml") {
				t.Fatalf("error %q names no file", err)
			}
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("parsed configuration fails validation: %v", err)
		}
	})
}
