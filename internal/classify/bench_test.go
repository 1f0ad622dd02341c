package classify

import (
	"fmt"
	"os"
	"slices"
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
// pin down a multi-pillar verdict in each language. The English one's
// headline names three fields, and the learned primary follows it (the
// overview rule, which would make political trust primary, changed no
// labelled article and went); the others open on the summit.
func TestOverviewArticles(t *testing.T) {
	c := mustShipped(t)
	for _, tt := range []struct {
		file    string
		min     int // pillars expected at least
		primary string
	}{
		{"article_en.txt", 10, crawler.PillarLabour},
		{"article_vi.txt", 8, crawler.PillarPolitical},
		{"article_ja.txt", 7, crawler.PillarPolitical},
	} {
		t.Run(tt.file, func(t *testing.T) {
			got := c.Classify(benchArticle(t, tt.file, 1))
			checkShape(t, got)
			if !got.Relevant || got.Primary != tt.primary || len(got.Pillars) < tt.min || !slices.Contains(got.Pillars, crawler.PillarPolitical) {
				t.Errorf("Relevant=%v Primary=%q Pillars=%v, want %s first, political trust among them and at least %d pillars",
					got.Relevant, got.Primary, got.Pillars, tt.primary, tt.min)
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

// BenchmarkClassifySize shows that the cost grows linearly with the text
// (compare ns/op, or MB/s, across sizes) until classifier.max_runes cuts
// it: 10 KB and 100 KB are classified whole with the bound raised, 1 MB
// and 10 MB are cut to the default bound and cost no more than it.
func BenchmarkClassifySize(b *testing.B) {
	pillars := loadShippedPillars(b)
	whole, err := New(pillars, WithConfig(crawler.ClassifierConfig{MaxRunes: 5_000_000}))
	if err != nil {
		b.Fatal(err)
	}
	bounded := mustShipped(b)
	mixed := ""
	for _, f := range []string{"article_en.txt", "article_vi.txt", "article_ja.txt"} {
		mixed += benchArticle(b, f, 1).Text
	}
	for _, bb := range []struct {
		size int
		c    *Classifier
		name string
	}{
		{10 << 10, whole, "whole"}, {100 << 10, whole, "whole"}, {1 << 20, whole, "whole"},
		{1 << 20, bounded, "bounded"}, {10 << 20, bounded, "bounded"},
	} {
		text := strings.Repeat(mixed, bb.size/len(mixed)+1)[:bb.size]
		in := Input{Title: "Vietnam and Japan", Text: strings.ToValidUTF8(text, "")}
		b.Run(fmt.Sprintf("%s-%dKB", bb.name, bb.size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(in.Text)))
			for b.Loop() {
				bb.c.Classify(in)
			}
		})
	}
}
