package store

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestPending_PagesInQueueOrder(t *testing.T) {
	s := MustOpen(t)
	var want []string
	var items []PendingItem
	for i := range 10 {
		u := fmt.Sprintf("https://a.example/%c", 'j'-i) // URL order is the reverse of queue order
		want = append(want, u)
		items = append(items, PendingItem{URL: u, Title: u, Added: fetched.Add(time.Duration(i) * time.Second)})
	}
	if n, err := s.AddPending("src", items); err != nil || n != 10 {
		t.Fatalf("AddPending: %d, %v", n, err)
	}
	queue(t, s, "other", "https://b.example/x")
	// Re-adding keeps the first place.
	if n, _ := s.AddPending("src", []PendingItem{{URL: want[0], Added: fetched.Add(time.Hour)}}); n != 0 {
		t.Errorf("re-adding a queued URL added %d", n)
	}
	var got []string
	var at PendingCursor
	pages := 0
	for {
		page, next, err := s.PendingPage("src", at, 3)
		mustDo(t, err)
		pages++
		for _, it := range page {
			got = append(got, it.URL)
			if it.Title != it.URL {
				t.Errorf("item %s lost its title", it.URL)
			}
		}
		if next == nil {
			break
		}
		at = next
	}
	if !slices.Equal(got, want) || pages != 4 {
		t.Fatalf("pages of 3 gave %q in %d pages, want %q in 4", got, pages, want)
	}
	_, after3, err := s.PendingPage("src", nil, 3)
	mustDo(t, err)
	if n, err := s.CountPending("src", after3); err != nil || n != 7 {
		t.Errorf("CountPending after 3: %d, %v; want 7", n, err)
	}
	mustDo(t, s.RemovePending("src", want[1], "https://a.example/unknown"))
	if got := pendingURLs(t, s, "src"); slices.Contains(got, want[1]) || len(got) != 9 {
		t.Errorf("after removing %s: %q", want[1], got)
	}
	if got := pendingURLs(t, s, "other"); len(got) != 1 {
		t.Errorf("other source's queue %q, want its one entry", got)
	}
}

func TestExpirePending(t *testing.T) {
	s := MustOpen(t)
	queue(t, s, "src", "https://a.example/old1", "https://a.example/old2")
	mustDo(t, errOf(s.AddPending("src", []PendingItem{{URL: "https://a.example/new", Added: fetched.Add(48 * time.Hour)}})))
	queue(t, s, "zzz", "https://z.example/old")
	n, err := s.ExpirePending("src", fetched.Add(24*time.Hour))
	mustDo(t, err)
	if got := pendingURLs(t, s, "src"); n != 2 || !slices.Equal(got, []string{"https://a.example/new"}) {
		t.Errorf("expired %d, left %q; want 2 and the new one", n, got)
	}
	if got := pendingURLs(t, s, "zzz"); len(got) != 1 {
		t.Errorf("another source's old entry was expired: %q", got)
	}
}

func errOf(_ int, err error) error { return err }

func TestTriageURLs(t *testing.T) {
	s := MustOpen(t)
	_, body := readFixture(t, "en_loan")
	_, _, err := s.Put(newArticle("https://a.example/stored", "Stored", body))
	mustDo(t, err)
	mustDo(t, s.RecordFailure("https://a.example/gone", "src", "404", true, fetched))
	mustDo(t, s.RecordFailure("https://a.example/busy", "src", "503", false, fetched))
	got, err := s.TriageURLs([]string{"https://a.example/stored", "https://a.example/gone", "https://a.example/busy", "https://a.example/new"}, fetched.Add(time.Minute))
	mustDo(t, err)
	want := []Triage{{Settled: true}, {Settled: true}, {}, {Fetch: true}}
	if !slices.Equal(got, want) {
		t.Errorf("TriageURLs=%+v, want %+v", got, want)
	}
}
