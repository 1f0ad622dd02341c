package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// largePage pads a fixture with the clutter of a real news page (menus,
// teaser lists, comments) to about 200 KB, the size of a typical page.
func largePage(t testing.TB) []byte {
	src := string(readArticle(t, "en-port.html"))
	block := `<aside class="related"><h3>More from Business</h3><ul>` +
		strings.Repeat(`<li><a href="/x">Exporters brace for a slower quarter as orders from Europe weaken</a> <span class="date">12 November 2026</span></li>`, 10) +
		`</ul></aside><div class="comment"><span class="comment-author">reader</span><p>Interesting, thanks for the report.</p></div>`
	return []byte(strings.Replace(src, "</main>", strings.Repeat(block, 130)+"</main>", 1))
}

func BenchmarkExtract(b *testing.B) {
	pages := map[string][]byte{
		"en-port":     readArticle(b, "en-port.html"),
		"ja-trainees": readArticle(b, "ja-trainees.html"),
		"ja-sjis":     loadCharsetFixture(b, "ja-local-sjis.html"),
		"en-200KB":    largePage(b),
	}
	for _, name := range []string{"en-port", "ja-trainees", "ja-sjis", "en-200KB"} {
		body := pages[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Extract(body, "", "https://example.com/a"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	body := loadCharsetFixture(b, "ja-local-sjis.html")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, _, err := Decode(body, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzExtract feeds arbitrary bytes and Content-Type headers through
// Decode and Extract: neither may panic, and whatever comes out must be
// valid, normalised UTF-8.
func FuzzExtract(f *testing.F) {
	for _, dir := range []string{"articles", "charset"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*.html"))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b, "text/html")
		}
	}
	f.Add([]byte(`<meta charset="shift_jis"><p>`+"\x93\xfa\x96\x7b"), "text/html; charset=utf-8")
	f.Add([]byte(`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":1e300}</script>`), "")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		out, _, err := Decode(body, contentType)
		if err == nil && !utf8.Valid(out) {
			t.Fatalf("Decode output is not UTF-8")
		}
		a, err := Extract(body, contentType, "https://example.com/a")
		if a == nil {
			if err == nil {
				t.Fatal("nil Article without error")
			}
			return
		}
		for _, s := range []string{a.Title, a.Author, a.Text, a.SiteName, a.Description, a.Lang} {
			if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
				t.Fatalf("field %q is not valid NFC UTF-8", s)
			}
		}
	})
}

// BenchmarkCorpus extracts every page of the outlet corpus and, when
// present, the shared English benchmark: the CPU cost of a typical page.
func BenchmarkCorpus(b *testing.B) {
	var pages [][]byte
	paths, _ := filepath.Glob(filepath.Join("testdata", "outlets", "*.html"))
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, body)
	}
	if _, err := os.Stat(corpusDir); err == nil {
		for id := range loadCorpusTruth(b) {
			pages = append(pages, readCorpusPage(b, id))
		}
	}
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		for _, p := range pages {
			Extract(p, "", "")
		}
	}
	n := float64(b.N * len(pages))
	b.ReportMetric(float64(b.Elapsed().Microseconds())/n, "µs/page")
	// CPU time, unlike wall time, does not depend on what else the
	// machine runs.
	b.ReportMetric(float64((processCPU()-cpu).Microseconds())/n, "cpu-µs/page")
}
