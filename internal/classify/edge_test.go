package classify

import (
	"sync"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

func TestEdgeInputs(t *testing.T) {
	c := mustShipped(t)
	tests := []struct {
		name     string
		in       Input
		relevant bool
	}{
		{"empty", Input{}, false},
		{"title only", Input{Title: "Vietnam and Japan sign ODA loan for metro line"}, true},
		{"url slug only", Input{URL: "https://example.vn/news/vietnam-japan-sign-oda-loan-for-metro-line-123456.html", Text: "The loan was signed on Monday."}, true},
		{"no letters", Input{Title: "2024", Text: "123 456 — ... !!!"}, false},
		{"unknown language hint", Input{Title: "Vietnam and Japan sign ODA loan", Text: "The loan finances a metro line.", Lang: "xx"}, true},
		{"language tag with region", Input{Title: "Vietnam and Japan sign ODA loan", Text: "The loan finances a metro line.", Lang: "en-US"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Classify(tt.in)
			checkShape(t, got)
			if got.Relevant != tt.relevant {
				t.Errorf("Relevant=%v, want %v; evidence %q", got.Relevant, tt.relevant, got.Evidence[crawler.EvidenceRelevance])
			}
		})
	}
}

// The classifier is shared by the crawl workers: it must be safe to use
// from several goroutines (run with -race).
func TestConcurrentClassify(t *testing.T) {
	c := mustShipped(t)
	want := c.Classify(Input{Title: englishArticles[0].title, Text: englishArticles[0].text})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := englishArticles[i%len(englishArticles)]
			got := c.Classify(Input{Title: a.title, Text: a.text})
			if i == 0 && got.Primary != want.Primary {
				t.Errorf("Primary=%q, want %q", got.Primary, want.Primary)
			}
		}()
	}
	wg.Wait()
}
