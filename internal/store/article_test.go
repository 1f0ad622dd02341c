package store

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
)

func TestPutGet(t *testing.T) {
	s := MustOpen(t)
	a := newArticle("https://news.example/2025/03/loan", "Loan signed", synthText(1, 300))
	a.Classification = crawler.Classification{
		Relevant: true, Relevance: 0.9, Pillars: []string{crawler.PillarDevelopment},
		Primary: crawler.PillarDevelopment, Evidence: map[string][]string{"relevance": {"JICA loan"}},
	}
	id, merged, err := s.Put(a)
	if err != nil {
		t.Fatal(err)
	}
	if merged {
		t.Error("merged=true for the first article")
	}
	if got, want := id, articleID(a.URL, 12); got != want || len(got) != 12 {
		t.Errorf("id=%q, want %q (12 hex characters of the URL's SHA-256)", got, want)
	}
	if a.ID != "" {
		t.Errorf("Put modified its argument: ID=%q", a.ID)
	}
	got, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != id || got.Title != a.Title || got.Text != a.Text || !got.Fetched.Equal(a.Fetched) {
		t.Errorf("Get=%+v, want the stored fields of %+v", got, a)
	}
	if !got.Relevant || got.Primary != crawler.PillarDevelopment || got.Evidence["relevance"][0] != "JICA loan" {
		t.Errorf("classification=%+v, want %+v", got.Classification, a.Classification)
	}
	if want := []string{"test"}; !slices.Equal(got.Sources, want) {
		t.Errorf("Sources=%q, want %q", got.Sources, want)
	}
	if lid, ok, err := s.Lookup(a.URL); err != nil || !ok || lid != id {
		t.Errorf("Lookup=%q,%v,%v, want %q", lid, ok, err, id)
	}
	if _, ok, err := s.Lookup("https://news.example/other"); err != nil || ok {
		t.Errorf("Lookup(unknown) ok=%v err=%v, want false", ok, err)
	}
}

func TestPut_SetsFetchedAndNeedsURL(t *testing.T) {
	s := MustOpen(t)
	now := time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now }
	a := newArticle("https://news.example/a", "A", "")
	a.Fetched = time.Time{}
	id, _, err := s.Put(a)
	mustDo(t, err)
	got, err := s.Get(id)
	mustDo(t, err)
	if !got.Fetched.Equal(now) {
		t.Errorf("Fetched=%v, want %v", got.Fetched, now)
	}
	if _, _, err := s.Put(&crawler.Article{Title: "no address"}); err == nil {
		t.Error("Put without any URL succeeded")
	}
}

func TestGet_Prefix(t *testing.T) {
	s := MustOpen(t)
	id, _, err := s.Put(newArticle("https://news.example/a", "A", synthText(1, 100)))
	mustDo(t, err)
	tests := []struct {
		name, id string
		wantErr  error
	}{
		{"full ID", id, nil},
		{"6-character prefix", id[:6], nil},
		{"5-character prefix", id[:5], ErrNotFound},
		{"unknown", "ffffffffffff", ErrNotFound},
		{"empty", "", ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := s.Get(tt.id)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Get(%q) err=%v, want %v", tt.id, err, tt.wantErr)
			}
			if err == nil && a.ID != id {
				t.Fatalf("Get(%q).ID=%q, want %q", tt.id, a.ID, id)
			}
		})
	}
}

func TestGet_AmbiguousPrefix(t *testing.T) {
	s := MustOpen(t)
	// Two URLs whose IDs share a 6-character prefix, found by search once.
	var urls []string
	byPrefix := map[string]string{}
	for i := 0; len(urls) == 0; i++ {
		u := fmt.Sprintf("https://news.example/%d", i)
		p := articleID(u, 6)
		if other, ok := byPrefix[p]; ok {
			urls = []string{other, u}
		}
		byPrefix[p] = u
	}
	for i, u := range urls {
		if _, merged, err := s.Put(newArticle(u, "T", synthText(uint64(100+i), 200))); err != nil || merged {
			t.Fatalf("Put(%s) merged=%v err=%v, want a new record", u, merged, err)
		}
	}
	prefix := articleID(urls[0], 6)
	if _, err := s.Get(prefix); !errors.Is(err, ErrAmbiguous) {
		t.Fatalf("Get(%q) err=%v, want ErrAmbiguous", prefix, err)
	}
	if a, err := s.Get(articleID(urls[1], 12)); err != nil || a.URL != urls[1] {
		t.Fatalf("Get(full id) = %v, %v, want the article at %s", a, err, urls[1])
	}
}

func TestPut_MergesKnownURL(t *testing.T) {
	s := MustOpen(t)
	first := newArticle("https://a.example/story", "Story", synthText(1, 300))
	id, _, err := s.Put(first)
	mustDo(t, err)

	// The same page found by another source, now also listing its AMP
	// address, with a date and author the first copy lacked and a text
	// extracted differently.
	second := newArticle("https://a.example/story", "Story (updated)", synthText(2, 300))
	second.URLs = []string{"https://a.example/story", "https://a.example/amp/story"}
	second.Source = "feed-b"
	second.Published = time.Date(2025, 3, 11, 7, 0, 0, 0, time.UTC)
	second.Author = "Staff"
	gotID, merged, err := s.Put(second)
	mustDo(t, err)
	if gotID != id || !merged {
		t.Fatalf("Put(second)=%q,%v, want %q,true", gotID, merged, id)
	}
	got, err := s.Get(id)
	mustDo(t, err)
	if want := []string{"https://a.example/story", "https://a.example/amp/story"}; !slices.Equal(got.URLs, want) {
		t.Errorf("URLs=%q, want %q", got.URLs, want)
	}
	if want := []string{"test", "feed-b"}; !slices.Equal(got.Sources, want) {
		t.Errorf("Sources=%q, want %q", got.Sources, want)
	}
	if got.Source != "test" || got.Title != first.Title || got.Text != first.Text {
		t.Errorf("Source, Title, Text=%q, %q, %.20q…, want the first copy's", got.Source, got.Title, got.Text)
	}
	if !got.Published.Equal(second.Published) || got.Author != "Staff" {
		t.Errorf("Published, Author=%v, %q, want them filled from the second copy", got.Published, got.Author)
	}
	if lid, ok, _ := s.Lookup("https://a.example/amp/story"); !ok || lid != id {
		t.Errorf("Lookup(amp)=%q,%v, want %q", lid, ok, id)
	}
}

func TestPut_FillsMissingText(t *testing.T) {
	s := MustOpen(t)
	id, _, err := s.Put(newArticle("https://a.example/x", "X", ""))
	mustDo(t, err)
	full := newArticle("https://a.example/x", "X", synthText(3, 300))
	full.Relevant, full.Pillars = true, []string{crawler.PillarLabour}
	_, merged, err := s.Put(full)
	mustDo(t, err)
	got, err := s.Get(id)
	mustDo(t, err)
	if !merged || got.Text != full.Text || !got.Relevant {
		t.Fatalf("merged=%v relevant=%v text filled=%v, want true, true, true", merged, got.Relevant, got.Text == full.Text)
	}
	// The text is now indexed: a copy at another address merges by text.
	if gotID, merged, err := s.Put(newArticle("https://b.example/x", "X", full.Text)); err != nil || !merged || gotID != id {
		t.Fatalf("Put(copy)=%q,%v,%v, want %q,true", gotID, merged, err, id)
	}
}

func TestAddURL(t *testing.T) {
	s := MustOpen(t)
	id, _, err := s.Put(newArticle("https://a.example/1", "One", synthText(1, 200)))
	mustDo(t, err)
	other, _, err := s.Put(newArticle("https://a.example/2", "Two", synthText(2, 200)))
	mustDo(t, err)
	tests := []struct {
		name, id, url string
		wantErr       error
	}{
		{"alias", id, "https://a.example/canonical/1", nil},
		{"alias again", id, "https://a.example/canonical/1", nil},
		{"owned by another article", id, "https://a.example/2", ErrConflict},
		{"unknown article", "000000000000", "https://a.example/3", ErrNotFound},
		{"prefix is not an ID", id[:6], "https://a.example/4", ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.AddURL(tt.id, tt.url, "canonical"); !errors.Is(err, tt.wantErr) {
				t.Fatalf("AddURL err=%v, want %v", err, tt.wantErr)
			}
		})
	}
	got, err := s.Get(id)
	mustDo(t, err)
	if want := []string{"https://a.example/1", "https://a.example/canonical/1"}; !slices.Equal(got.URLs, want) {
		t.Errorf("URLs=%q, want %q", got.URLs, want)
	}
	if want := []string{"test", "canonical"}; !slices.Equal(got.Sources, want) {
		t.Errorf("Sources=%q, want %q", got.Sources, want)
	}
	// A later copy at the alias merges into the record.
	if gotID, merged, err := s.Put(newArticle("https://a.example/canonical/1", "One", "")); err != nil || !merged || gotID != id {
		t.Errorf("Put(at alias)=%q,%v,%v, want %q,true", gotID, merged, err, id)
	}
	if lid, _, _ := s.Lookup("https://a.example/2"); lid != other {
		t.Errorf("Lookup(other)=%q, want %q (unchanged by the conflict)", lid, other)
	}
}

func TestUpdate_Reclassify(t *testing.T) {
	s := MustOpen(t)
	id, _, err := s.Put(newArticle("https://a.example/1", "One", synthText(1, 200)))
	mustDo(t, err)
	a, err := s.Get(id)
	mustDo(t, err)
	a.Classification = crawler.Classification{
		Relevant: true, Relevance: 0.8, Pillars: []string{crawler.PillarHealth, crawler.PillarLabour},
		Primary: crawler.PillarHealth,
	}
	a.Published = fetched.Add(-48 * time.Hour)
	a.URLs = nil // dropping URLs is ignored: they are only ever added
	mustDo(t, s.Update(a))

	got, err := s.Get(id)
	mustDo(t, err)
	if !got.Relevant || got.Primary != crawler.PillarHealth || !slices.Equal(got.URLs, []string{"https://a.example/1"}) {
		t.Errorf("after Update: relevant=%v primary=%q urls=%q", got.Relevant, got.Primary, got.URLs)
	}
	st, err := s.Stats()
	mustDo(t, err)
	if st.Relevant != 1 || st.Pillars[crawler.PillarHealth] != 1 || st.Pillars[crawler.PillarLabour] != 1 {
		t.Errorf("Stats=%+v, want one relevant article in health and labour", st)
	}
	list, err := s.List(Query{Since: fetched.Add(-72 * time.Hour)})
	mustDo(t, err)
	if len(list) != 1 || !list[0].Date().Equal(a.Published) {
		t.Errorf("List after Update = %d articles, want the one dated %v", len(list), a.Published)
	}
	if err := s.Update(&crawler.Article{ID: "000000000000"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Update(unknown) err=%v, want ErrNotFound", err)
	}
}
