package classify

import (
	"os"
	"strings"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// benchArticle reads testdata/name (first line the title) and repeats its
// body so that every language weighs about 600 words of English.
func benchArticle(tb testing.TB, name string, repeat int) Input {
	tb.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		tb.Fatalf("read testdata: %v", err)
	}
	title, body, _ := strings.Cut(string(data), "\n")
	return Input{Title: title, Text: strings.Repeat(body+"\n", repeat)}
}

// The test articles are overviews of the whole relationship; they also
// pin down a multi-pillar verdict in each language.
func TestOverviewArticles(t *testing.T) {
	c := mustShipped(t)
	for _, tt := range []struct {
		file string
		min  int // pillars expected at least
	}{
		{"article_en.txt", 10}, {"article_vi.txt", 8}, {"article_ja.txt", 7},
	} {
		t.Run(tt.file, func(t *testing.T) {
			got := c.Classify(benchArticle(t, tt.file, 1))
			checkShape(t, got)
			if !got.Relevant || got.Primary != crawler.PillarPolitical || len(got.Pillars) < tt.min {
				t.Errorf("Relevant=%v Primary=%q Pillars=%v, want political-trust first and at least %d pillars", got.Relevant, got.Primary, got.Pillars, tt.min)
			}
		})
	}
}

func BenchmarkClassify(b *testing.B) {
	c := mustShipped(b)
	for _, bb := range []struct {
		name, file string
		repeat     int
	}{
		{"en", "article_en.txt", 1}, {"vi", "article_vi.txt", 2}, {"ja", "article_ja.txt", 3},
	} {
		in := benchArticle(b, bb.file, bb.repeat)
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.Title) + len(in.Text)))
			b.ReportAllocs()
			for b.Loop() {
				c.Classify(in)
			}
		})
	}
}
