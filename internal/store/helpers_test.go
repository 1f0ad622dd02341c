package store

import (
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
)

// fetched is the Fetched time of test articles unless a test sets another.
var fetched = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

// newArticle returns an unclassified English article found by source
// "test".
func newArticle(url, title, text string) *crawler.Article {
	return &crawler.Article{
		URL: url, URLs: []string{url}, Title: title, Text: text,
		Lang: "en", Source: "test", Fetched: fetched,
	}
}

// readFixture reads testdata/dedup/name.txt: a title line, a blank line,
// then the body.
func readFixture(tb testing.TB, name string) (title, body string) {
	tb.Helper()
	b, err := os.ReadFile("testdata/dedup/" + name + ".txt")
	if err != nil {
		tb.Fatal(err)
	}
	title, body, ok := strings.Cut(string(b), "\n\n")
	if !ok {
		tb.Fatalf("%s: no blank line after the title", name)
	}
	return title, strings.TrimSpace(body)
}

func sourceState(name string, t time.Time) crawler.SourceState {
	return crawler.SourceState{
		Name: name, LastAttempt: t, LastSuccess: t, LastNew: t.Add(-time.Hour),
		NextAttempt: t.Add(30 * time.Minute), Articles: 42,
	}
}

var (
	vocabOnce sync.Once
	vocab     []string
	zipfTable []uint16 // word indexes drawn from a Zipf law, for cheap sampling
)

// synthVocab is 5,000 invented words built from syllables, so synthetic
// texts share the word frequencies of prose without quoting any.
func synthVocab() ([]string, []uint16) {
	vocabOnce.Do(func() {
		r := rand.New(rand.NewPCG(1, 2))
		onsets := strings.Fields("b c d f g h k l m n p r s t v w th ch tr ng")
		nuclei := strings.Fields("a e i o u ai ao ei ou ia")
		seen := map[string]bool{}
		for len(vocab) < 5000 {
			var w strings.Builder
			for range 1 + r.IntN(3) {
				w.WriteString(onsets[r.IntN(len(onsets))])
				w.WriteString(nuclei[r.IntN(len(nuclei))])
			}
			if s := w.String(); !seen[s] {
				seen[s] = true
				vocab = append(vocab, s)
			}
		}
		z := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
		zipfTable = make([]uint16, 1<<16)
		for i := range zipfTable {
			zipfTable[i] = uint16(z.Uint64())
		}
	})
	return vocab, zipfTable
}

// synthText returns n words of made-up prose, Zipf-distributed like real
// text, in sentences and paragraphs; the same seed gives the same text.
func synthText(seed uint64, n int) string {
	v, table := synthVocab()
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var b strings.Builder
	b.Grow(n * 8)
	for i := range n {
		b.WriteString(v[table[r.Uint32()&0xffff]])
		switch {
		case i == n-1:
			b.WriteString(".")
		case i%90 == 89:
			b.WriteString(".\n\n")
		case i%15 == 14:
			b.WriteString(". ")
		default:
			b.WriteString(" ")
		}
	}
	return b.String()
}
