package digest_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/digest"
)

// filler is a paragraph of words drawn from a seeded sequence, different
// for each i, so that copies of a fixture are not merged as one story.
func filler(i int) string {
	words := strings.Fields("port rice train bridge loan school nurse chip wind grid fund visa ship tea rail city farm code drug wage")
	r := rand.New(rand.NewPCG(uint64(i), 7))
	out := make([]string, 60)
	for j := range out {
		out[j] = words[r.IntN(len(words))]
	}
	return strings.Join(out, " ")
}

// BenchmarkBuildAndRender measures a digest over a day's worth of stored
// articles (the fixtures, copied under new addresses): selection through
// the storing-time index and the ledger, grouping, and both parts. Divide
// ns/op by the articles/op metric for the cost per article.
func BenchmarkBuildAndRender(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			st := openStore(b)
			base := fixtureArticles(b)
			var arts []*crawler.Article
			for i := range n {
				a := *base[i%len(base)]
				a.URL = fmt.Sprintf("%s/copy-%d", a.URL, i)
				a.URLs = nil
				a.Text = filler(i) + "\n\n" + a.Text // not a near-duplicate of the others
				a.Fetched = start.Add(-time.Duration(i) * time.Minute)
				arts = append(arts, &a)
			}
			putAll(b, st, arts)
			s := newService(b, testConfig(b, "20", analyst), st, newClock(start), nil)
			r, _ := s.Recipient("analyst@example.org")
			b.ResetTimer()
			for b.Loop() {
				d, err := s.Build(r)
				if err != nil {
					b.Fatal(err)
				}
				if err := digest.RenderText(io.Discard, d); err != nil {
					b.Fatal(err)
				}
				if err := digest.RenderHTML(io.Discard, d); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(d.Count), "articles/op")
			}
		})
	}
}
