package store

import (
	"testing"

	"github.com/vnjp-monitor/crawler"
)

// FuzzDecodeArticle feeds arbitrary stored values to the record decoder,
// as a damaged file would: an error, never a panic, and whatever decodes
// encodes and decodes again to the same record.
func FuzzDecodeArticle(f *testing.F) {
	a := classified("https://a.example/1", 1)
	enc, err := encodeArticle(a)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(enc)
	f.Add(enc[:len(enc)/2])
	f.Add([]byte(`{"id":"x","urls":null,"pillars":["a"]}`))
	f.Add([]byte{recordDeflate})
	f.Fuzz(func(t *testing.T, data []byte) {
		var got crawler.Article
		if err := decodeArticle(data, &got); err != nil {
			return
		}
		again, err := encodeArticle(&got)
		if err != nil {
			t.Fatal(err)
		}
		var back crawler.Article
		if err := decodeArticle(again, &back); err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
	})
}
