package fetch

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

// BenchmarkFetchPages measures article throughput over loopback with no
// per-host delay: 100 pages of about 3 KB spread over four hosts.
func BenchmarkFetchPages(b *testing.B) {
	article := mustRead(b, "article.html")
	var urls []string
	for range 4 {
		srv := newSite(b)
		srv.handle("/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(article)
		})
		for i := range 25 {
			urls = append(urls, fmt.Sprintf("%s/news/%d.html", srv.URL, i))
		}
	}
	c := newTestClient(b, Options{Parallelism: 4}, nil)
	pages := 0
	for b.Loop() {
		c.FetchPages(context.Background(), urls, func(u string, p *Page, err error) {
			if err != nil {
				b.Error(err)
			}
		})
		pages += len(urls)
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkParseFeed measures parsing, charset handling and URL
// canonicalisation of a small RSS 2.0 feed.
func BenchmarkParseFeed(b *testing.B) {
	body := mustRead(b, "rss2.xml")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := parseFeed(body, "application/rss+xml", "https://hht.example/rss/world.xml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSitemap measures a Google News sitemap.
func BenchmarkParseSitemap(b *testing.B) {
	body := mustRead(b, "news-sitemap.xml")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := parseSitemap(body, "application/xml", 0); err != nil {
			b.Fatal(err)
		}
	}
}
