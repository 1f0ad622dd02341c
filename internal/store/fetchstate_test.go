package store

import (
	"slices"
	"testing"
	"time"
)

func TestFailures_Backoff(t *testing.T) {
	t0 := time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)
	const url = "https://a.example/slow"
	type step struct {
		fail      bool // record a temporary failure at t0+at, else ask ShouldFetch
		permanent bool
		at        time.Duration
		want      bool
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"unknown URL is fetched", []step{{at: 0, want: true}}},
		{"temporary: 1h, 6h, 24h, then never", []step{
			{fail: true, at: 0},
			{at: 59 * time.Minute, want: false},
			{at: time.Hour, want: true},
			{fail: true, at: time.Hour},
			{at: 6*time.Hour + 59*time.Minute, want: false},
			{at: 7 * time.Hour, want: true},
			{fail: true, at: 7 * time.Hour},
			{at: 30 * time.Hour, want: false},
			{at: 31 * time.Hour, want: true},
			{fail: true, at: 31 * time.Hour},
			{at: 365 * 24 * time.Hour, want: false},
		}},
		{"permanent at once", []step{
			{fail: true, permanent: true, at: 0},
			{at: 365 * 24 * time.Hour, want: false},
		}},
		{"permanent after a temporary one", []step{
			{fail: true, at: 0},
			{fail: true, permanent: true, at: 2 * time.Hour},
			{at: 365 * 24 * time.Hour, want: false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustOpen(t)
			for i, st := range tt.steps {
				now := t0.Add(st.at)
				if st.fail {
					mustDo(t, s.RecordFailure(url, "a", "timeout", st.permanent, now))
					continue
				}
				got, err := s.ShouldFetch(url, now)
				mustDo(t, err)
				if got != st.want {
					t.Fatalf("step %d: ShouldFetch at t0+%v = %v, want %v", i, st.at, got, st.want)
				}
			}
		})
	}
}

func TestFailures_Record(t *testing.T) {
	s := MustOpen(t)
	t0 := time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)
	const url = "https://a.example/x"
	mustDo(t, s.RecordFailure(url, "a", "timeout", false, t0))
	mustDo(t, s.RecordFailure(url, "", "HTTP 503", false, t0.Add(time.Hour)))
	f, ok, err := s.FailureOf(url)
	mustDo(t, err)
	want := Failure{URL: url, Source: "a", Reason: "HTTP 503", Attempts: 2,
		First: t0, Last: t0.Add(time.Hour), NextAttempt: t0.Add(7 * time.Hour)}
	if !ok || f != want {
		t.Fatalf("FailureOf=%+v,%v, want %+v", f, ok, want)
	}

	mustDo(t, s.ClearFailure(url))
	if ok, _ := s.ShouldFetch(url, t0.Add(time.Hour)); !ok {
		t.Error("ShouldFetch after ClearFailure = false, want true")
	}

	// Storing an article clears its URLs' failures and stops fetching.
	mustDo(t, s.RecordFailure(url, "a", "timeout", false, t0))
	_, _, err = s.Put(newArticle(url, "X", synthText(1, 100)))
	mustDo(t, err)
	if _, ok, _ := s.FailureOf(url); ok {
		t.Error("failure kept after the article was stored")
	}
	if ok, _ := s.ShouldFetch(url, t0.Add(48*time.Hour)); ok {
		t.Error("ShouldFetch(stored article URL) = true, want false")
	}
}

func TestValidators(t *testing.T) {
	s := MustOpen(t)
	const url = "https://a.example/feed.xml"
	tests := []struct {
		name               string
		etag, lastModified string // set, then read back
	}{
		{"both", `W/"abc"`, "Wed, 12 Mar 2025 09:00:00 GMT"},
		{"etag only", `"def"`, ""},
		{"cleared", "", ""},
	}
	if e, lm, err := s.GetValidators(url); err != nil || e != "" || lm != "" {
		t.Fatalf("GetValidators(unknown)=%q,%q,%v, want empty", e, lm, err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustDo(t, s.SetValidators(url, tt.etag, tt.lastModified))
			e, lm, err := s.GetValidators(url)
			mustDo(t, err)
			if e != tt.etag || lm != tt.lastModified {
				t.Fatalf("GetValidators=%q,%q, want %q,%q", e, lm, tt.etag, tt.lastModified)
			}
		})
	}
}

func TestChildSitemaps(t *testing.T) {
	s := MustOpen(t)
	const index = "https://example.org/sitemap-index.xml"
	if got, err := s.ChildSitemaps(index); err != nil || got != nil {
		t.Fatalf("ChildSitemaps of an unknown index = %v, %v; want nil, nil", got, err)
	}
	want := []string{"https://example.org/s1.xml", "https://example.org/s2.xml.gz"}
	if err := s.SetChildSitemaps(index, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.ChildSitemaps(index)
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("ChildSitemaps = %v, %v; want %v", got, err, want)
	}
}
