package fetch

import (
	"testing"
	"unicode/utf8"
)

// FuzzXMLToUTF8 checks that whatever bytes and labels a server sends, the
// parsers receive valid UTF-8.
func FuzzXMLToUTF8(f *testing.F) {
	for _, name := range []string{"rss-latin1.xml", "rss-cp1252.xml", "rss-mislabelled.xml", "atom.xml"} {
		f.Add(mustRead(f, name), "application/rss+xml; charset=iso-8859-1")
	}
	f.Add([]byte("\xff\xfe<\x00a\x00>\x00"), "")
	f.Add([]byte("<?xml version='1.0' encoding='\xe9'?><a>\xe9</a>"), "text/xml")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		if out := xmlToUTF8(body, contentType); !utf8.Valid(out) {
			t.Fatalf("xmlToUTF8(%q, %q)=%q, not UTF-8", body, contentType, out)
		}
		if out := htmlToUTF8(body, contentType); !utf8.Valid(out) {
			t.Fatalf("htmlToUTF8(%q, %q)=%q, not UTF-8", body, contentType, out)
		}
	})
}

// FuzzParseSitemap checks that hostile sitemaps fail cleanly and that the
// cap on URLs holds.
func FuzzParseSitemap(f *testing.F) {
	for _, name := range []string{"news-sitemap.xml", "sitemap-index.xml", "sitemap-2026-06.xml", "sitemap-archive.xml"} {
		f.Add(mustRead(f, name), uint8(0))
		f.Add(mustRead(f, name), uint8(2))
	}
	f.Add([]byte("<urlset><url><loc>a</loc><lastmod>2026-13-45</lastmod></url><url><loc>b</loc></url><url></urlset>"), uint8(1))
	f.Fuzz(func(t *testing.T, body []byte, maxURLs uint8) {
		doc, err := parseSitemap(body, "application/xml", int(maxURLs))
		if err != nil {
			return
		}
		if maxURLs > 0 && len(doc.URLs) > int(maxURLs) {
			t.Fatalf("%d URLs kept, cap %d", len(doc.URLs), maxURLs)
		}
		for _, u := range doc.URLs {
			if it, err := sitemapItem("https://hht.example/sitemap.xml", u); err == nil && it.URL == "" {
				t.Fatalf("item without URL from %q", body)
			}
		}
	})
}

// FuzzParseFeed checks that hostile feeds fail cleanly.
func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"rss2.xml", "rss1.rdf", "atom.xml", "rss-cp1252.xml"} {
		f.Add(mustRead(f, name))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := parseFeed(body, "", "https://hht.example/rss.xml")
		if err != nil {
			return
		}
		for _, it := range items {
			if it.err == nil && it.URL == "" {
				t.Fatalf("item without URL from %q", body)
			}
		}
	})
}
