package store

import (
	"testing"
)

// BenchmarkCommit64 stores new, distinct 600-word articles 64 to a
// transaction, each with the queue entry it settles, as a crawl commits
// them; compare per article with BenchmarkPut, which takes a transaction
// (and an fsync) for each.
func BenchmarkCommit64(b *testing.B) {
	s := MustOpen(b)
	const batch = 64
	n := 0
	for b.Loop() {
		writes := make([]PageWrite, batch)
		for i := range writes {
			a := benchArticle(nextBench)
			nextBench++
			p, err := s.Prepare(a)
			if err != nil {
				b.Fatal(err)
			}
			writes[i] = PageWrite{Source: "bench", URL: a.URL, Article: p}
		}
		if _, err := s.Commit(writes); err != nil {
			b.Fatal(err)
		}
		n += batch
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/article")
}
