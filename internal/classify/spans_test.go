package classify

import (
	"path/filepath"
	"strings"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
	"golang.org/x/text/unicode/norm"
)

// checkSpans verifies what every span promises: its sentence is the text
// at its rune offset (or it is the title, at -1), and its marks are
// sorted, apart and inside the sentence, each a phrase that counted.
func checkSpans(t *testing.T, in Input, got crawler.Classification) {
	t.Helper()
	text := []rune(in.Text)
	for key, spans := range got.Spans {
		if key != crawler.EvidenceRelevance && !strings.Contains(strings.Join(got.Pillars, " "), key) {
			t.Errorf("spans for %q, which is neither relevance nor a pillar of %v", key, got.Pillars)
		}
		for _, s := range spans {
			n := runeLen(s.Sentence)
			switch {
			case s.Offset >= 0:
				if s.Offset+n > len(text) || string(text[s.Offset:s.Offset+n]) != s.Sentence {
					t.Errorf("[%s] sentence %q is not the text at rune %d", key, s.Sentence, s.Offset)
				}
			case !strings.Contains(in.Title, s.Sentence) && in.Title != "":
				t.Errorf("[%s] sentence %q at -1 is not in the title %q", key, s.Sentence, in.Title)
			}
			if n > maxSpanRunes+1 {
				t.Errorf("[%s] span of %d runes, want at most %d", key, n, maxSpanRunes)
			}
			at := 0
			for _, m := range s.Marks {
				if m.Start < at || m.End <= m.Start || m.End > n {
					t.Errorf("[%s] marks %v of a %d-rune sentence are not sorted, apart and inside it", key, s.Marks, n)
					break
				}
				at = m.End
			}
		}
	}
	if got.Relevant && len(got.Spans) != len(got.Pillars)+1 {
		t.Errorf("spans for %d keys, want relevance and each of %v", len(got.Spans), got.Pillars)
	}
}

// Spans point into the text as written, in runes, for every case of
// the regression sets.
func TestSpans(t *testing.T) {
	c := mustShipped(t)
	files, err := filepath.Glob("testdata/regression_*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, f := range files {
		for _, k := range readCases(t, f) {
			in := Input{Title: k.Title, Text: k.Text, Lang: k.Lang, URL: k.URL}
			got := c.Classify(in)
			checkSpans(t, in, got)
			for _, s := range got.Spans[got.Primary] {
				if len(s.Marks) > 0 {
					marked++
				}
			}
		}
	}
	if marked < 100 {
		t.Errorf("only %d primary-pillar spans have marks", marked)
	}
}

// A mark covers the phrase as written: with diacritics, in capitals, in
// kanji, whatever the normalised form matched.
func TestSpanMarks(t *testing.T) {
	c := mustShipped(t)
	tests := []struct {
		name, lang, title, text, key, want string
	}{
		{"vietnamese", "vi", "", "Việt Nam và Nhật Bản ký hiệp định vốn vay ODA cho tuyến đường sắt đô thị.\nHai bên nhất trí thúc đẩy đường sắt đô thị.",
			crawler.PillarDevelopment, "vốn vay"},
		{"japanese", "ja", "", "日本とベトナムは都市鉄道への円借款で合意した。\n両国は円借款の書簡を交換した。",
			crawler.EvidenceRelevance, "日本"},
		{"english acronym", "en", "", "Japan and Vietnam signed an ODA loan for a metro line.\nThe ODA loan was signed in Hanoi.",
			crawler.PillarDevelopment, "ODA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Lang: tt.lang, Title: tt.title, Text: tt.text}
			got := c.Classify(in)
			checkSpans(t, in, got)
			var found []string
			for _, s := range got.Spans[tt.key] {
				r := []rune(s.Sentence)
				for _, m := range s.Marks {
					found = append(found, string(r[m.Start:m.End]))
				}
			}
			if !strings.Contains(strings.Join(found, "|"), tt.want) {
				t.Errorf("marks %q for %s, want %q among them", found, tt.key, tt.want)
			}
		})
	}
}

// Text that is not NFC is classified all the same, but its offsets
// cannot point into it: spans say so with -1.
func TestSpansOfNFDText(t *testing.T) {
	c := mustShipped(t)
	in := Input{Lang: "vi", Text: norm.NFD.String("Việt Nam và Nhật Bản ký hiệp định vốn vay ODA.\nHai bên nhất trí hợp tác.")}
	got := c.Classify(in)
	if !got.Relevant {
		t.Fatalf("not relevant: %v", got.Evidence)
	}
	for _, s := range got.Spans[crawler.EvidenceRelevance] {
		if s.Offset != -1 {
			t.Errorf("offset %d into NFD text, want -1", s.Offset)
		}
	}
}

// Only the first MaxRunes runes count: a pairing that comes after them
// is not seen, and a huge input costs no more than the bound.
func TestMaxRunes(t *testing.T) {
	pillars := loadShippedPillars(t)
	c, err := New(pillars, WithConfig(crawler.ClassifierConfig{MaxRunes: 2000}))
	if err != nil {
		t.Fatal(err)
	}
	filler := strings.Repeat("The city council met on Monday to discuss the budget for parks. ", 40)
	story := "Vietnam and Japan signed an ODA loan for a metro line in Hanoi. The two countries agreed to more loans."
	in := Input{Lang: "en", Text: filler + "\n" + story}
	if got := c.Classify(in); got.Relevant {
		t.Errorf("relevant, though the pairing lies beyond the bound: %v", got.Evidence)
	}
	if got := mustShipped(t).Classify(in); !got.Relevant {
		t.Errorf("not relevant under the default bound: %v", got.Evidence)
	}
	huge := Input{Lang: "en", Title: "Vietnam and Japan", Text: strings.Repeat(story+"\n", 10_000)}
	got := c.Classify(huge)
	checkSpans(t, huge, got)
}
