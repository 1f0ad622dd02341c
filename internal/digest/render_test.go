package digest_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/vnjp-monitor/crawler/internal/digest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the rendering; run go test -update and review the diff\n--- got ---\n%s", path, got)
	}
}

func TestRenderGolden(t *testing.T) {
	st := openStore(t)
	putAll(t, st, fixtureArticles(t))
	sourceStates(t, st)
	cfg := testConfig(t, "2", analyst, labour)
	s := newService(t, cfg, st, newClock(start), nil)
	for _, tt := range []struct{ name, email string }{
		{"analyst", "analyst@example.org"},
		{"labour", "labour-desk@example.org"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := s.Recipient(tt.email)
			d, err := s.Build(r)
			if err != nil {
				t.Fatal(err)
			}
			var text, html bytes.Buffer
			if err := digest.RenderText(&text, d); err != nil {
				t.Fatal(err)
			}
			if err := digest.RenderHTML(&html, d); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".txt", text.Bytes())
			golden(t, tt.name+".html", html.Bytes())
		})
	}
}
