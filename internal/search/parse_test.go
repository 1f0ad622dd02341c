package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestParseGoogleRSS(t *testing.T) {
	items, skipped, err := parseGoogleRSS(readTestdata(t, "gnews/search.xml"), map[string]bool{"127.0.0.1:1": true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(items), 3; got != want {
		t.Fatalf("%d items, want %d: %+v", got, want, items)
	}
	if got, want := len(skipped), 1; got != want {
		t.Errorf("%d skipped, want %d: %v", got, want, skipped)
	}
	tests := []struct {
		title, outlet, idPrefix string
		published               time.Time
	}{
		{"Harbour deal signed as Japanese lenders back new berth", "Harbour Times", "CBMiOGh0", time.Date(2026, 3, 5, 7, 0, 0, 0, time.UTC)},
		// A dash inside the headline stays; only the outlet goes.
		{"Hanoi - Osaka: a new direct cargo link opens", "Delta Business Review", "CBMiKEFV", time.Date(2026, 3, 4, 22, 15, 0, 0, time.UTC)},
		// No <source>: the outlet comes from the description.
		{"Kyushu growers open a fruit office in Ho Chi Minh City", "Agri Asia Weekly", "CBMiKGh0", time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC)},
	}
	for i, tt := range tests {
		it := items[i]
		if it.Title != tt.title || it.Outlet != tt.outlet || !strings.HasPrefix(it.ID, tt.idPrefix) || !it.Published.Equal(tt.published) || it.Direct != "" {
			t.Errorf("item %d = %+v, want title %q outlet %q id %s… published %v", i, it, tt.title, tt.outlet, tt.idPrefix, tt.published)
		}
	}
}

func TestLinkTarget(t *testing.T) {
	hosts := map[string]bool{"127.0.0.1:8123": true}
	tests := []struct {
		name, link, guid, id, direct string
	}{
		{"Google", "https://news.google.com/rss/articles/CBMiABC?oc=5", "", "CBMiABC", ""},
		{"Endpoint", "http://127.0.0.1:8123/rss/articles/CBMiXYZ?oc=5", "", "CBMiXYZ", ""},
		{"ReadPath", "https://news.google.com/read/CBMiR", "", "CBMiR", ""},
		{"GUIDOnly", "", "CBMiGUID", "CBMiGUID", ""},
		{"Publisher", "https://paper.example/a.html", "", "", "https://paper.example/a.html"},
		{"ProviderWithoutID", "https://news.google.com/topics/abc", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, direct := linkTarget(tt.link, tt.guid, hosts)
			if id != tt.id || direct != tt.direct {
				t.Errorf("linkTarget=%q,%q; want %q,%q", id, direct, tt.id, tt.direct)
			}
		})
	}
}

func TestParseSignature(t *testing.T) {
	tests := []struct {
		file string
		ts   int64
		sig  string
	}{
		{"gnews/article.html", 1772662500, "AZ5r3eSignatureWrittenForTests_0q"},
		{"gnews/article-elsewhere.html", 1772662501, "AZ5r3eOtherSignature"},
	}
	for _, tt := range tests {
		ts, sig, err := parseSignature(readTestdata(t, tt.file))
		if err != nil || ts != tt.ts || sig != tt.sig {
			t.Errorf("%s: %d %q %v; want %d %q", tt.file, ts, sig, err, tt.ts, tt.sig)
		}
	}
	if _, _, err := parseSignature([]byte("<html><body><c-wiz><div jscontroller=x></div></c-wiz></body></html>")); err != errNoSignature {
		t.Errorf("page without attributes: err=%v, want errNoSignature", err)
	}
}

func TestParseBatchAnswer(t *testing.T) {
	got, err := parseBatchAnswer(readTestdata(t, "gnews/batch.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if u, err := got.forRequest(0, 2, nil); u != "https://delta-review.example/logistics/hanoi-osaka-cargo-link?ref=gn" || err != nil {
		t.Errorf("request 1: %q, %v", u, err)
	}
	if u, err := got.forRequest(1, 2, nil); u != "" || err == nil || !strings.Contains(err.Error(), "[3]") {
		t.Errorf("request 2: %q, %v; want the error row's code", u, err)
	}
	// An answer naming no request of ours is matched by position.
	chunked, err := parseBatchAnswer(readTestdata(t, "gnews/batch-chunked.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if u, err := chunked.forRequest(0, 1, nil); u != "https://delta-review.example/logistics/hanoi-osaka-cargo-link" || err != nil {
		t.Errorf("chunked answer: %q, %v", u, err)
	}
	if _, err := chunked.forRequest(0, 2, nil); err == nil {
		t.Error("one anonymous result matched to the first of two requests")
	}
	for _, bad := range []string{"<html>Sorry</html>", ")]}'\n\n[[\"wrb.fr\",", ""} {
		if _, err := parseBatchAnswer([]byte(bad)); err == nil {
			t.Errorf("parseBatchAnswer(%q) succeeded", bad)
		}
	}
}

func TestBatchRequestBody(t *testing.T) {
	body, err := batchRequestBody([]signature{{ID: "CBMiA", TS: 1772662500, Sig: "sig-one"}, {ID: "CBMiB", TS: 7, Sig: "sig-two"}}, "VN:vi")
	if err != nil {
		t.Fatal(err)
	}
	s := string(body)
	if !strings.HasPrefix(s, "f.req=") {
		t.Fatalf("body %q lacks f.req", s)
	}
	// The decoded form must carry each id, timestamp and signature in its
	// own envelope.
	for _, want := range []string{`"Fbv4je"`, `\"garturlreq\"`, `\"CBMiA\",1772662500,\"sig-one\"`, `\"CBMiB\",7,\"sig-two\"`, `"1"]`, `"2"]`, `VN:vi`} {
		if !strings.Contains(decodeForm(t, s), want) {
			t.Errorf("f.req lacks %s: %s", want, decodeForm(t, s))
		}
	}
}

func FuzzParseBatchAnswer(f *testing.F) {
	for _, name := range []string{"gnews/batch.txt", "gnews/batch-chunked.txt"} {
		f.Add(readTestdata(f, name))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := parseBatchAnswer(body)
		if err != nil {
			if got != nil {
				t.Fatalf("results %v with error %v", got, err)
			}
			return
		}
		for i, r := range got.inOrder {
			if (r.URL == "") == (r.Err == nil) {
				t.Fatalf("result %d: %+v, want a URL or an error", i, r)
			}
		}
	})
}
