package store

import (
	"fmt"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
)

func TestErrorLogKeepsTheLatestPerSource(t *testing.T) {
	s := MustOpen(t)
	at := func(i int) time.Time { return fetched.Add(time.Duration(i) * time.Minute) }
	var batch []crawler.FetchError
	for i := range ErrorLogSize + 30 {
		batch = append(batch, crawler.FetchError{Time: at(i), Stage: crawler.StagePage, URL: fmt.Sprintf("https://a.example/%d", i), Reason: "http status 404 Not Found", Permanent: true})
		if len(batch) == 7 {
			mustDo(t, s.LogErrors("A", batch))
			batch = nil
		}
	}
	mustDo(t, s.LogErrors("A", batch))
	mustDo(t, s.LogErrors("AB", []crawler.FetchError{{Time: at(0), Stage: crawler.StageSource, Reason: "no such host"}}))

	got, err := s.SourceErrors("A", 0)
	mustDo(t, err)
	if len(got) != ErrorLogSize {
		t.Fatalf("%d entries for A, want the last %d", len(got), ErrorLogSize)
	}
	if want := fmt.Sprintf("https://a.example/%d", ErrorLogSize+29); got[0].URL != want {
		t.Errorf("newest entry %s, want %s", got[0].URL, want)
	}
	if want := "https://a.example/30"; got[len(got)-1].URL != want {
		t.Errorf("oldest entry kept %s, want %s", got[len(got)-1].URL, want)
	}
	if top, _ := s.SourceErrors("A", 3); len(top) != 3 || top[0].URL != got[0].URL {
		t.Errorf("limit 3: %v", top)
	}
	if ab, _ := s.SourceErrors("AB", 0); len(ab) != 1 || ab[0].Stage != crawler.StageSource {
		t.Errorf("AB: %v, want its one entry", ab)
	}
	if none, err := s.SourceErrors("nobody", 0); err != nil || len(none) != 0 {
		t.Errorf("unknown source: %v, %v", none, err)
	}
}
