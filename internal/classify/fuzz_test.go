package classify

import (
	"os"
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzClassify checks the verdict's invariants on any title and text: no
// panic, a relevance in [0, 1], pillars only on relevant articles with the
// primary among them, and marks inside their sentences.
func FuzzClassify(f *testing.F) {
	for _, name := range []string{"article_en.txt", "article_ja.txt", "article_vi.txt"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add("", string(b), "")
	}
	f.Add("Việt Nam – Nhật Bản ký kết", "日越 両国は協力。Japan and Viet Nam. ", "vi")
	f.Add("\u0301\u0301", "Nhật\u0301 Bản\u200b Việt Nam\uFEFF", "xx")
	clf, err := New(loadShippedPillars(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, text, lang string) {
		c := clf.Classify(Input{Title: title, Text: text, Lang: lang, URL: "https://news.example/a"})
		if c.Relevance < 0 || c.Relevance > 1 {
			t.Fatalf("relevance %v", c.Relevance)
		}
		if !c.Relevant && (len(c.Pillars) > 0 || c.Primary != "") {
			t.Fatalf("not relevant but pillars %v primary %q", c.Pillars, c.Primary)
		}
		if c.Relevant && len(c.Pillars) > 0 && !slices.Contains(c.Pillars, c.Primary) {
			t.Fatalf("primary %q not among %v", c.Primary, c.Pillars)
		}
		for key, spans := range c.Spans {
			for _, s := range spans {
				n := utf8.RuneCountInString(s.Sentence)
				for _, m := range s.Marks {
					if m.Start < 0 || m.End > n || m.Start >= m.End {
						t.Fatalf("%s: mark %+v outside sentence of %d runes", key, m, n)
					}
				}
			}
		}
	})
}
