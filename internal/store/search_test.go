package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
)

func TestSearchLinks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "search.db")
	s := MustOpenPath(t, path)
	t0 := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	// A fresh file has no search links and no resolutions.
	if links, err := s.SearchLinks("News search"); err != nil || len(links) != 0 {
		t.Fatalf("SearchLinks on a fresh file = %v, %v", links, err)
	}
	if _, ok, err := s.ResolvedLink("CBMiA"); ok || err != nil {
		t.Fatalf("ResolvedLink on a fresh file = %v, %v", ok, err)
	}
	newer := crawler.SearchLink{ID: "CBMiB", Title: "Second", Outlet: "Delta Review", Lang: "vi", Added: t0.Add(time.Minute)}
	older := crawler.SearchLink{ID: "CBMiA", Title: "First", Lang: "en", Added: t0}
	n, err := s.AddSearchLinks("News search", []crawler.SearchLink{newer, older})
	mustDo(t, err)
	if n != 2 {
		t.Errorf("added %d, want 2", n)
	}
	if n, _ := s.AddSearchLinks("News search", []crawler.SearchLink{{ID: "CBMiA", Title: "changed", Added: t0}}); n != 0 {
		t.Errorf("re-adding a queued link added %d", n)
	}
	mustDo(t, s.UpdateSearchLinks("News search", []crawler.SearchLink{{ID: "CBMiB", Title: "Second", Attempts: 2, LastError: "429", Added: newer.Added}, {ID: "CBMiZ"}}))
	MustClose(t, s)

	s = MustOpenPath(t, path) // it all survives a restart
	s.now = func() time.Time { return t0 }
	links, err := s.SearchLinks("News search")
	mustDo(t, err)
	if len(links) != 2 || links[0].ID != "CBMiA" || links[0].Title != "First" || links[1].Attempts != 2 {
		t.Fatalf("SearchLinks=%+v, want A then B with its attempts", links)
	}
	if other, _ := s.SearchLinks("News"); len(other) != 0 {
		t.Errorf("a source whose name prefixes another sees its links: %+v", other)
	}
	mustDo(t, s.SetResolvedLink("News search", "CBMiA", "https://paper.example/a.html"))
	if u, ok, err := s.ResolvedLink("CBMiA"); !ok || err != nil || u != "https://paper.example/a.html" {
		t.Errorf("ResolvedLink=%q,%v,%v", u, ok, err)
	}
	mustDo(t, s.RemoveSearchLinks("News search", "CBMiB", "unknown"))
	if links, _ := s.SearchLinks("News search"); len(links) != 0 {
		t.Errorf("queue after resolve and remove: %+v", links)
	}
	s.now = func() time.Time { return t0.Add(40 * 24 * time.Hour) }
	mustDo(t, s.SetResolvedLink("News search", "CBMiC", "https://paper.example/c.html"))
	n, err = s.PruneResolvedLinks(t0.Add(24 * time.Hour))
	if err != nil || n != 1 {
		t.Errorf("PruneResolvedLinks=%d,%v, want the old resolution forgotten", n, err)
	}
	if _, ok, _ := s.ResolvedLink("CBMiC"); !ok {
		t.Error("recent resolution forgotten")
	}
}
