package search

import (
	"testing"

	"github.com/vnjp-monitor/crawler/internal/search/searchtest"
)

func BenchmarkDecodeID(b *testing.B) {
	id := searchtest.OldID("https://www.harbour-times.example/2026/03/port-deal-with-a-longer-path.html", "")
	for b.Loop() {
		if _, err := DecodeID(id); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseGoogleRSS(b *testing.B) {
	body := readTestdata(b, "gnews/search.xml")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, _, err := parseGoogleRSS(body, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseGDELT(b *testing.B) {
	for _, name := range []string{"ok.json", "quote-truncated.json"} {
		body := readTestdata(b, "gdelt/"+name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				parseGDELT(body)
			}
		})
	}
}
