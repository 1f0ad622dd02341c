package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// The 100k benchmark builds a database of 100,000 generated articles in
// three languages (a few minutes), so it runs only on request:
//
//	VNJP_BENCH_100K=1 go test -run XXX -bench Query100k -benchtime 200x ./internal/store/
//
// VNJP_BENCH_DB=FILE keeps the built file there and reuses it next time.

// Bench100k is the size of the large benchmark database.
const Bench100k = 100_000

// BenchDB opens (building it first when needed) a store of n generated
// articles for benchmarks, or skips the benchmark unless VNJP_BENCH_100K
// is set. Other packages' benchmarks reach it through the store's test
// helpers only, so it lives here.
func benchDB(b *testing.B, n int) *Store {
	b.Helper()
	if os.Getenv("VNJP_BENCH_100K") == "" {
		b.Skip("set VNJP_BENCH_100K=1 to build and query a 100k-article database")
	}
	path := os.Getenv("VNJP_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if st, err := s.Stats(); err != nil || st.Articles >= n {
		return s
	}
	start := time.Now()
	if err := FillGenerated(s, n); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %d articles in %v", n, time.Since(start).Round(time.Second))
	return s
}

// FillGenerated stores n generated articles (see GeneratedArticle), 500 per
// transaction, skipping the near-duplicate probe: the articles are distinct
// by construction and the point is the state, not how fast it was reached.
func FillGenerated(s *Store, n int) error {
	s.db.NoSync = true
	defer func() { s.db.NoSync = false }()
	for start := 0; start < n; start += 500 {
		err := s.update(func(tx *bolt.Tx) error {
			for i := start; i < min(start+500, n); i++ {
				a := GeneratedArticle(i)
				a.ID = newID(tx, a.URL)
				a.URLs, a.Sources = []string{a.URL}, []string{a.Source}
				if err := writeArticle(tx, nil, nil, a, &fingerprint{}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Words planted in generated articles, for searches of known frequency.
const (
	benchRareEN = "kumamoto"  // one English article in 100
	benchRareVI = "Hải Phòng" // one Vietnamese article in 100
	benchRareJA = "半導体"       // one Japanese article in 100
)

var benchSources = []string{"wire-en", "daily-en", "bao-vi", "tin-vi", "shinbun-ja", "nikkan-ja"}

// GeneratedArticle is the i-th article of the benchmark database: a
// language in turn (en, vi, ja), one every ten minutes back from the
// fixture epoch, 600 made-up words (kana and kanji for Japanese), relevant
// two times in five with one to three pillars.
func GeneratedArticle(i int) *crawler.Article {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	lang := []string{"en", "vi", "ja"}[i%3]
	text := synthText(uint64(i), benchWords)
	switch lang {
	case "vi":
		text = strings.NewReplacer("a", "ă", "o", "ơ", "e", "ê", "d", "đ").Replace(text)
	case "ja":
		text = kanaText(r, benchWords)
	}
	if i%100 < 3 {
		text += " " + []string{benchRareEN, benchRareVI, benchRareJA}[i%3] + "."
	}
	a := &crawler.Article{
		URL:   fmt.Sprintf("https://bench.example/%s/%d", lang, i),
		Title: fmt.Sprintf("Generated story %d", i), Text: text, Lang: lang,
		Source:    benchSources[(i%3)*2+r.IntN(2)],
		Published: fetched.Add(-time.Duration(i) * 10 * time.Minute), Fetched: fetched,
	}
	if r.IntN(5) < 2 {
		a.Relevant, a.Relevance = true, 0.5+r.Float64()/2
		for range 1 + r.IntN(3) {
			a.Pillars = appendMissing(a.Pillars, crawler.DefaultPillarIDs[r.IntN(len(crawler.DefaultPillarIDs))])
		}
		a.Primary = a.Pillars[0]
	}
	return a
}

// kanaText is n "words" of two to four characters drawn from a small
// Japanese character set, without spaces, with a full stop every 15.
func kanaText(r *rand.Rand, n int) string {
	const chars = "日越協力経済投資技術人材育成環境開発支援企業政府地域交流文化観光医療労働教育研究会議事業計画発表関係強化"
	rs := []rune(chars + "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん")
	var b strings.Builder
	for w := range n {
		for range 2 + r.IntN(3) {
			b.WriteRune(rs[r.IntN(len(rs))])
		}
		if w%15 == 14 {
			b.WriteString("。")
		}
	}
	return b.String()
}

// BenchmarkQuery100k times the queries behind the list page and the API
// with 100,000 stored articles: a page of 50 (Each) and the per-pillar
// counts (Count) for each kind of filter.
func BenchmarkQuery100k(b *testing.B) {
	s := benchDB(b, Bench100k)
	deep := ""
	for range 40 { // 40 pages of 50 in: 2,000 articles deep
		next, err := s.Each(Query{Limit: 50, Cursor: deep}, func(*crawler.Article) error { return nil })
		if err != nil || next == "" {
			b.Fatalf("paging: %v", err)
		}
		deep = next
	}
	kinds := []struct {
		name string
		q    Query
	}{
		{"no filter", Query{}},
		{"pillar", Query{Pillar: crawler.PillarLabour}},
		{"lang", Query{Lang: "vi"}},
		{"search rare en", Query{Text: benchRareEN}},
		{"search rare vi folded", Query{Text: "hai phong"}},
		{"search rare ja", Query{Text: benchRareJA}},
		{"search common", Query{Text: strings.Fields(synthText(1, 3))[0]}},
		{"search + pillar", Query{Text: benchRareEN, Pillar: crawler.PillarLabour, All: false}},
		{"deep cursor page", Query{Cursor: deep}},
	}
	for _, k := range kinds {
		b.Run(k.name+"/page", func(b *testing.B) {
			q := k.q
			q.Limit = 50
			for b.Loop() {
				n := 0
				if _, err := s.Each(q, func(*crawler.Article) error { n++; return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(k.name+"/counts", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Count(k.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
