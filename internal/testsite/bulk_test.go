package testsite

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func mustStartBulk(tb testing.TB, opts BulkOptions) *Bulk {
	tb.Helper()
	b, err := StartBulk(opts)
	if err != nil {
		tb.Fatalf("StartBulk: %v", err)
	}
	tb.Cleanup(b.Close)
	return b
}

func TestBulkSitemapsListEveryStory(t *testing.T) {
	b := mustStartBulk(t, BulkOptions{Articles: 250, PerSitemap: 100, Seed: 3})
	got := discover(t, b.Source())
	if want := b.URLs(); !slices.Equal(got, want) {
		t.Fatalf("sitemaps list %d URLs, want the %d stories in order", len(got), len(want))
	}
	res := get(t, b.Source().URL)
	if res.status != http.StatusOK || res.header.Get("ETag") == "" {
		t.Fatalf("index: status %d, etag %q", res.status, res.header.Get("ETag"))
	}
	if again := get(t, b.Source().URL, "If-None-Match", res.header.Get("ETag")); again.status != http.StatusNotModified {
		t.Errorf("conditional index request: status %d, want 304", again.status)
	}
	if res := get(t, b.BaseURL()+"/sitemaps/articles-9.xml"); res.status != http.StatusNotFound {
		t.Errorf("child sitemap past the end: status %d, want 404", res.status)
	}
}

func TestBulkArticlePages(t *testing.T) {
	b := mustStartBulk(t, BulkOptions{Articles: 30, Seed: 1})
	langs := map[string]int{}
	for i, st := range b.Stories() {
		langs[st.Lang]++
		res := get(t, b.URLs()[i])
		if res.status != http.StatusOK {
			t.Fatalf("%s: status %d", b.URLs()[i], res.status)
		}
		doc := parseHTML(t, res.body)
		if got := pageTitle(doc); !strings.Contains(got, st.Title) {
			t.Errorf("%s: <title> %q lacks the headline %q", st.Slug, got, st.Title)
		}
		if got := linkRel(doc, "canonical"); got != b.URLs()[i] {
			t.Errorf("%s: canonical %q, want %q", st.Slug, got, b.URLs()[i])
		}
		if !strings.Contains(text(doc), st.Body[len(st.Body)-1]) {
			t.Errorf("%s: page lacks the last paragraph", st.Slug)
		}
	}
	if len(langs) != 3 {
		t.Errorf("languages %v, want en, vi and ja", langs)
	}
	if res := get(t, b.BaseURL()+"/article/bulk-99999"); res.status != http.StatusNotFound {
		t.Errorf("unknown article: status %d, want 404", res.status)
	}
}

func TestBulkStoriesAreFilledAndDistinct(t *testing.T) {
	stories := generateStories(400, 7, bulkLatest)
	relevant := 0
	for _, st := range stories {
		text := st.Title + strings.Join(st.Body, " ")
		if strings.ContainsAny(text, "{}") {
			t.Fatalf("%s: unfilled slot in %q", st.Slug, text)
		}
		if st.Relevant {
			relevant++
		}
	}
	if relevant < 100 || relevant > 220 {
		t.Errorf("%d of 400 stories relevant, want about 40%%", relevant)
	}
	// Near-duplicate detection merges texts sharing half their shingles;
	// generated stories must stay well clear of that.
	for i := 0; i < len(stories); i += 7 {
		for j := i + 1; j < len(stories); j += 5 {
			a, b := stories[i], stories[j]
			if a.Lang != b.Lang {
				continue
			}
			if sim := jaccard(shingles(a), shingles(b)); sim > 0.4 {
				t.Errorf("%s and %s (%s) share %.2f of their shingles", a.Slug, b.Slug, a.Lang, sim)
			}
		}
	}
	again := generateStories(400, 7, bulkLatest)
	if again[123].Title != stories[123].Title || !slices.Equal(again[123].Body, stories[123].Body) {
		t.Error("the same seed gave different stories")
	}
}

var bulkLatest = BulkOptions{}.withDefaults().Latest

// shingles are word 3-grams, or character 4-grams for Japanese.
func shingles(st *Story) map[string]bool {
	text := strings.Join(st.Body, " ")
	out := map[string]bool{}
	if st.Lang == "ja" {
		r := []rune(text)
		for i := 0; i+4 <= len(r); i++ {
			out[string(r[i:i+4])] = true
		}
		return out
	}
	w := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i := 0; i+3 <= len(w); i++ {
		out[strings.Join(w[i:i+3], " ")] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	both := 0
	for k := range a {
		if b[k] {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}
