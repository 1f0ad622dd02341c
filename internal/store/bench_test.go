package store

import (
	"fmt"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// benchWords is the length of benchmark articles, a typical news story.
const benchWords = 600

// benchArticle is the i-th distinct benchmark article, fetched i minutes
// (modulo a million) before the test epoch; every third is relevant, with
// one of two pillars.
func benchArticle(i int) *crawler.Article {
	a := newArticle(fmt.Sprintf("https://bench.example/%d", i), fmt.Sprintf("Story %d", i), synthText(uint64(i), benchWords))
	n := i % 1_000_000
	a.Fetched = fetched.Add(-time.Duration(n) * time.Minute)
	if n%3 == 0 {
		a.Relevant = true
		a.Pillars = []string{crawler.DefaultPillarIDs[n%2]}
	}
	return a
}

// fill stores n benchmark articles (IDs from 1,000,000 up, so they never
// collide with the articles a benchmark puts), 500 per transaction: the
// point is the state, not how fast it was reached.
func fill(b *testing.B, s *Store, n int) { fillWith(b, s, n, benchArticle) }

// fillWith is fill with articles made by article.
func fillWith(b *testing.B, s *Store, n int, article func(int) *crawler.Article) {
	b.Helper()
	for start := 0; start < n; start += 500 {
		err := s.update(func(tx *bolt.Tx) error {
			for i := start; i < min(start+500, n); i++ {
				a := cloneArticle(article(1_000_000 + i))
				a.Sources = []string{a.Source}
				if _, _, err := put(tx, nil, a, fingerprintText(a.Text)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// nextBench numbers the articles benchmarks put, so that runs sharing a
// store never put the same article twice.
var nextBench int

// benchPut times Put of new articles, including the ~15µs it takes to make
// one up (b.StopTimer would cost more: it stops the world to read memory
// statistics).
func benchPut(b *testing.B, s *Store) { benchPutWith(b, s, benchArticle) }

func benchPutWith(b *testing.B, s *Store, article func(int) *crawler.Article) {
	for b.Loop() {
		a := article(nextBench)
		nextBench++
		if _, merged, err := s.Put(a); err != nil || merged {
			b.Fatalf("Put(%s) merged=%v err=%v, want a new record", a.URL, merged, err)
		}
	}
}

// BenchmarkPut stores new, distinct 600-word articles one per transaction:
// with the fsync every commit makes, and without it, to show the CPU cost.
func BenchmarkPut(b *testing.B) {
	b.Run("fsync", func(b *testing.B) { benchPut(b, MustOpen(b)) })
	b.Run("nosync", func(b *testing.B) {
		s := MustOpen(b)
		s.db.NoSync = true
		benchPut(b, s)
	})
}

// BenchmarkPutWith10kStored is BenchmarkPut against a store already
// holding 10,000 articles, so the near-duplicate probe has work to do.
func BenchmarkPutWith10kStored(b *testing.B) {
	s := MustOpen(b)
	s.db.NoSync = true
	fill(b, s, 10_000)
	b.Run("fsync", func(b *testing.B) {
		s.db.NoSync = false
		benchPut(b, s)
	})
	b.Run("nosync", func(b *testing.B) {
		s.db.NoSync = true
		benchPut(b, s)
	})
}

// briefWords is the length of a brief: a short wire story, which the
// near-duplicate probe also looks up by sketch.
const briefWords = 60

func benchBrief(i int) *crawler.Article {
	return newArticle(fmt.Sprintf("https://brief.example/%d", i), fmt.Sprintf("Brief %d", i), synthText(uint64(i), briefWords))
}

// BenchmarkPutBriefWith10kStored puts briefs against a store holding
// 10,000 briefs, without fsync: the cost of the sketch index.
func BenchmarkPutBriefWith10kStored(b *testing.B) {
	s := MustOpen(b)
	s.db.NoSync = true
	fillWith(b, s, 10_000, benchBrief)
	benchPutWith(b, s, benchBrief)
}

func BenchmarkLookup(b *testing.B) {
	s := MustOpen(b)
	fill(b, s, 10_000)
	i := 0
	for b.Loop() {
		url := fmt.Sprintf("https://bench.example/%d", 1_000_000+i%10_000)
		i++
		if _, ok, err := s.Lookup(url); err != nil || !ok {
			b.Fatalf("Lookup(%s)=%v,%v, want found", url, ok, err)
		}
	}
}

func BenchmarkList(b *testing.B) {
	s := MustOpen(b)
	fill(b, s, 10_000)
	tests := []struct {
		name string
		q    Query
		want int
	}{
		{"relevant, limit 50", Query{Limit: 50}, 50},
		{"pillar, limit 50", Query{Pillar: crawler.DefaultPillarIDs[1], Limit: 50}, 50},
		{"all, limit 50", Query{All: true, Limit: 50}, 50},
		{"relevant, last 24h", Query{Since: fetched.Add(-24 * time.Hour)}, 481},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				list, err := s.List(tt.q)
				if err != nil || tt.want > 0 && len(list) != tt.want {
					b.Fatalf("List=%d,%v, want %d", len(list), err, tt.want)
				}
			}
		})
	}
}
