package store

import (
	"testing"
	"time"
)

func mustPrepare(tb testing.TB, s *Store, url, title, text string) *Prepared {
	tb.Helper()
	p, err := s.Prepare(newArticle(url, title, text))
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func queue(tb testing.TB, s *Store, source string, urls ...string) {
	tb.Helper()
	var items []PendingItem
	for i, u := range urls {
		items = append(items, PendingItem{URL: u, Added: fetched.Add(time.Duration(i))})
	}
	if _, err := s.AddPending(source, items); err != nil {
		tb.Fatal(err)
	}
}

func pendingURLs(tb testing.TB, s *Store, source string) []string {
	tb.Helper()
	items, err := s.Pending(source)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.URL)
	}
	return out
}

func TestCommit(t *testing.T) {
	s := MustOpen(t)
	title, body := readFixture(t, "en_loan")
	_, copyBody := readFixture(t, "en_loan_syndicated")
	_, otherBody := readFixture(t, "en_loan_other")
	urls := []string{"https://a.example/loan", "https://b.example/loan-copy", "https://a.example/other", "https://a.example/gone", "https://a.example/busy"}
	queue(t, s, "src", urls...)
	results, err := s.Commit([]PageWrite{
		{Source: "src", URL: urls[0], Article: mustPrepare(t, s, urls[0], title, body)},
		// A syndicated copy in the same batch merges into the first.
		{Source: "src", URL: urls[1], Article: mustPrepare(t, s, urls[1], title, copyBody)},
		{Source: "src", URL: urls[2], Article: mustPrepare(t, s, urls[2], "Another loan", otherBody)},
		{Source: "src", URL: urls[3], Failure: &FailureNote{Reason: "404", Permanent: true, At: fetched}},
		{Source: "src", URL: urls[4], Failure: &FailureNote{Reason: "503", At: fetched}, Keep: true},
	})
	mustDo(t, err)
	if results[0].Merged || !results[1].Merged || results[1].ID != results[0].ID || results[2].Merged || results[2].ID == results[0].ID {
		t.Fatalf("results %+v: want the copy merged into the first, the other story apart", results)
	}
	if got, want := pendingURLs(t, s, "src"), []string{urls[4]}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("still queued %q, want only the temporary failure %q", got, want)
	}
	if f, ok, err := s.FailureOf(urls[3]); err != nil || !ok || !f.Permanent {
		t.Errorf("failure of %s: %+v %v %v, want permanent", urls[3], f, ok, err)
	}
	if f, ok, err := s.FailureOf(urls[4]); err != nil || !ok || f.Permanent || f.NextAttempt.IsZero() {
		t.Errorf("failure of %s: %+v %v %v, want temporary with a next attempt", urls[4], f, ok, err)
	}
	st, err := s.Stats()
	mustDo(t, err)
	if st.Articles != 2 {
		t.Errorf("%d articles stored, want 2", st.Articles)
	}
}

func TestCommit_AllOrNothing(t *testing.T) {
	s := MustOpen(t)
	_, body := readFixture(t, "en_loan")
	queue(t, s, "src", "https://a.example/1", "https://a.example/2")
	good := mustPrepare(t, s, "https://a.example/1", "One", body)
	// A failure record for a URL under a bucket key bbolt refuses (empty)
	// fails the transaction after the first write went in.
	_, err := s.Commit([]PageWrite{
		{Source: "src", URL: "https://a.example/1", Article: good},
		{Source: "src", URL: "", Failure: &FailureNote{Reason: "x", At: fetched}},
	})
	if err == nil {
		t.Fatal("Commit with an empty URL succeeded")
	}
	if _, ok, _ := s.Lookup("https://a.example/1"); ok {
		t.Error("the first write of a failed batch was committed")
	}
	if got := pendingURLs(t, s, "src"); len(got) != 2 {
		t.Errorf("queue %q after a failed batch, want both entries", got)
	}
	// The same prepared article commits fine on its own afterwards.
	if _, err := s.Commit([]PageWrite{{Source: "src", URL: "https://a.example/1", Article: good}}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Lookup("https://a.example/1"); !ok {
		t.Error("retried write not stored")
	}
}

func TestPrepare_NeedsURL(t *testing.T) {
	s := MustOpen(t)
	if _, err := s.Prepare(newArticle("", "t", "x")); err == nil {
		t.Fatal("Prepare without URL succeeded")
	}
}
