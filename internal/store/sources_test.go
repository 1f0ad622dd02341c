package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
)

func TestSourceStates(t *testing.T) {
	s := MustOpen(t)
	now := time.Date(2025, 3, 12, 9, 0, 0, 0, time.UTC)
	if st, err := s.SourceState("vnexpress"); err != nil || !reflect.DeepEqual(st, crawler.SourceState{Name: "vnexpress"}) {
		t.Fatalf("SourceState(unknown)=%+v,%v, want a zero state named vnexpress", st, err)
	}
	b := sourceState("vnexpress", now)
	a := sourceState("nhk", now.Add(time.Hour))
	a.ConsecutiveFailures, a.LastError = 3, "HTTP 503"
	mustDo(t, s.PutSourceState(b))
	mustDo(t, s.PutSourceState(a))
	if err := s.PutSourceState(crawler.SourceState{}); err == nil {
		t.Error("PutSourceState without a name succeeded")
	}

	got, err := s.SourceState("nhk")
	mustDo(t, err)
	if !reflect.DeepEqual(got, a) {
		t.Errorf("SourceState(nhk)=%+v, want %+v", got, a)
	}
	all, err := s.SourceStates()
	mustDo(t, err)
	if want := []crawler.SourceState{a, b}; !reflect.DeepEqual(all, want) {
		t.Errorf("SourceStates=%+v, want %+v (by name)", all, want)
	}
	mustDo(t, s.DeleteSourceState("nhk"))
	if all, _ := s.SourceStates(); len(all) != 1 || all[0].Name != "vnexpress" {
		t.Errorf("SourceStates after delete=%+v, want vnexpress only", all)
	}
}
