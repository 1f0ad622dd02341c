package store

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
)

// listFixture stores four articles and returns their IDs by name:
//
//	new   relevant, economy+labour, no Published, fetched 3 Jan
//	mid   not relevant, published 2 Jan
//	old   relevant, economy, published 1 Jan
//	older relevant, labour, published 1 Dec
func listFixture(t *testing.T, s *Store) map[string]string {
	t.Helper()
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 9, 0, 0, 0, time.UTC) }
	rows := []struct {
		name      string
		published time.Time
		fetched   time.Time
		pillars   []string
	}{
		{"new", time.Time{}, day(1, 3), []string{crawler.PillarEconomy, crawler.PillarLabour}},
		{"mid", day(1, 2), day(1, 3), nil},
		{"old", day(1, 1), day(1, 3), []string{crawler.PillarEconomy}},
		{"older", day(1, 1).AddDate(0, -1, 0), day(1, 3), []string{crawler.PillarLabour}},
	}
	ids := map[string]string{}
	for i, r := range rows {
		a := newArticle("https://a.example/"+r.name, r.name, synthText(uint64(i), 150))
		a.Published, a.Fetched = r.published, r.fetched
		a.Relevant, a.Pillars = r.pillars != nil, r.pillars
		id, _, err := s.Put(a)
		mustDo(t, err)
		ids[r.name] = id
	}
	return ids
}

func TestList(t *testing.T) {
	s := MustOpen(t)
	ids := listFixture(t, s)
	jan2 := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"relevant, newest first", Query{}, []string{"new", "old", "older"}},
		{"all", Query{All: true}, []string{"new", "mid", "old", "older"}},
		{"pillar", Query{Pillar: crawler.PillarLabour}, []string{"new", "older"}},
		{"unknown pillar", Query{Pillar: "no-such-pillar"}, nil},
		{"since", Query{Since: jan2}, []string{"new"}},
		{"since, all", Query{All: true, Since: jan2}, []string{"new", "mid"}},
		{"since is inclusive", Query{Since: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)}, []string{"new", "old"}},
		{"limit", Query{Limit: 2}, []string{"new", "old"}},
		{"limit, all, pillar", Query{All: true, Pillar: crawler.PillarEconomy, Limit: 1}, []string{"new"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := s.List(tt.q)
			mustDo(t, err)
			var got []string
			for _, a := range list {
				got = append(got, a.Title)
				if a.ID != ids[a.Title] {
					t.Errorf("%s: ID=%q, want %q", a.Title, a.ID, ids[a.Title])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("List(%+v)=%q, want %q", tt.q, got, tt.want)
			}
		})
	}
}

func TestList_MergeMovesDate(t *testing.T) {
	s := MustOpen(t)
	ids := listFixture(t, s)
	// A copy of "new" with a publication date older than every other
	// article: the merge fills Published, so "new" moves to the end.
	copyOf := newArticle("https://b.example/new", "new", synthText(0, 150))
	copyOf.Published = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	id, merged, err := s.Put(copyOf)
	mustDo(t, err)
	if !merged || id != ids["new"] {
		t.Fatalf("Put(copy)=%q,%v, want %q,true", id, merged, ids["new"])
	}
	list, err := s.List(Query{})
	mustDo(t, err)
	var got []string
	for _, a := range list {
		got = append(got, a.Title)
	}
	if want := []string{"old", "older", "new"}; !slices.Equal(got, want) {
		t.Fatalf("List=%q, want %q", got, want)
	}
}

func TestForEach(t *testing.T) {
	s := MustOpen(t)
	s.db.NoSync = true
	const n = forEachBatch*2 + 3 // crosses batch boundaries
	for i := range n {
		_, _, err := s.Put(newArticle(fmt.Sprintf("https://a.example/%d", i), "T", ""))
		mustDo(t, err)
	}
	var seen []string
	err := s.ForEach(func(a *crawler.Article) error {
		seen = append(seen, a.ID)
		a.Relevant, a.Pillars = true, []string{crawler.PillarCulture}
		return s.Update(a) // writing from inside the loop must not deadlock
	})
	mustDo(t, err)
	if len(seen) != n || !slices.IsSorted(seen) || len(slices.Compact(slices.Clone(seen))) != n {
		t.Fatalf("visited %d articles (sorted %v), want %d distinct in ID order", len(seen), slices.IsSorted(seen), n)
	}
	st, err := s.Stats()
	mustDo(t, err)
	if st.Relevant != n || st.Pillars[crawler.PillarCulture] != n {
		t.Errorf("Stats after reclassifying all=%+v, want %d relevant in culture", st, n)
	}

	stop := errors.New("stop")
	calls := 0
	err = s.ForEach(func(*crawler.Article) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("ForEach returned %v after %d calls, want the callback's error after 1", err, calls)
	}
}

func TestStats(t *testing.T) {
	s := MustOpen(t)
	listFixture(t, s)
	mustDo(t, s.RecordFailure("https://a.example/broken", "a", "timeout", false, time.Now()))
	got, err := s.Stats()
	mustDo(t, err)
	want := Stats{
		Articles: 4, Relevant: 3, NotRelevant: 1, URLs: 4, Failures: 1,
		Pillars: map[string]int{crawler.PillarEconomy: 2, crawler.PillarLabour: 2},
	}
	if got.String() != want.String() || fmt.Sprint(got.Pillars) != fmt.Sprint(want.Pillars) {
		t.Fatalf("Stats=%+v, want %+v", got, want)
	}
}
