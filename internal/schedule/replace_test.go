package schedule_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/schedule"
)

func TestReplace(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	var oldA, oldB, newB, newC atomic.Int32
	count := func(n *atomic.Int32) func(context.Context) {
		return func(context.Context) { n.Add(1) }
	}
	for _, j := range []schedule.Job{
		{Name: "a", Spec: "@every 1s", Run: count(&oldA)},
		{Name: "b", Spec: "@every 1s", Run: count(&oldB)},
	} {
		if err := s.Add(j.Name, j.Spec, j.Run); err != nil {
			t.Fatal(err)
		}
	}
	s.Start()
	nextB := s.Next("b")

	err := s.Replace([]schedule.Job{
		{Name: "b", Spec: "@every 1s", Run: count(&newB)},
		{Name: "c", Spec: "@every 1s", Run: count(&newC)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Names(), []string{"b", "c"}; !slices.Equal(got, want) {
		t.Fatalf("Names()=%v, want %v", got, want)
	}
	if got := s.Next("b"); !got.Equal(nextB) {
		t.Errorf("unchanged job b moved from %v to %v", nextB, got)
	}
	if got := s.Next("a"); !got.IsZero() {
		t.Errorf("Next(removed a)=%v, want zero", got)
	}
	waitFor(t, 4*time.Second, "runs of the new set", func() bool {
		return newB.Load() >= 1 && newC.Load() >= 1
	})
	if oldA.Load() != 0 || oldB.Load() != 0 {
		t.Errorf("old functions ran after Replace: a=%d b=%d", oldA.Load(), oldB.Load())
	}
}

func TestReplace_InvalidKeepsOldSet(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	noop := func(context.Context) {}
	if err := s.Add("keep", "@every 1m", noop); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		jobs []schedule.Job
		want []string // substrings of the error
	}{
		{"bad spec", []schedule.Job{
			{Name: "ok", Spec: "@every 1m", Run: noop},
			{Name: "typo", Spec: "*/5 * * *", Run: noop},
		}, []string{`job "typo"`, `"*/5 * * *"`}},
		{"duplicate", []schedule.Job{
			{Name: "x", Spec: "@every 1m", Run: noop},
			{Name: "x", Spec: "@every 2m", Run: noop},
		}, []string{`job "x"`, "duplicate"}},
		{"every problem at once", []schedule.Job{
			{Name: "", Spec: "@every 1m", Run: noop},
			{Name: "nil", Spec: "@every 1m"},
			{Name: "bad", Spec: "@every never", Run: noop},
		}, []string{"empty name", `job "nil": nil function`, `"@every never"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Replace(tt.jobs)
			if err == nil {
				t.Fatal("Replace accepted an invalid set")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if got, want := s.Names(), []string{"keep"}; !slices.Equal(got, want) {
				t.Errorf("Names()=%v after a rejected Replace, want %v", got, want)
			}
		})
	}
}

func TestReplace_RunningJobFinishesWithoutOverlap(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	release := make(chan struct{})
	started := make(chan struct{})
	var oldCancelled atomic.Bool
	old := func(ctx context.Context) {
		close(started)
		<-release
		oldCancelled.Store(ctx.Err() != nil)
	}
	if err := s.Add("x", "@every 1h", old); err != nil {
		t.Fatal(err)
	}
	s.Start()
	if !s.RunNow("x") {
		t.Fatal("RunNow=false")
	}
	<-started

	var newRuns atomic.Int32
	if err := s.Replace([]schedule.Job{
		{Name: "x", Spec: "@every 2h", Run: func(context.Context) { newRuns.Add(1) }},
	}); err != nil {
		t.Fatal(err)
	}
	if s.RunNow("x") {
		t.Error("RunNow started the new x beside the old run still in progress")
	}
	close(release)
	waitFor(t, 2*time.Second, "the new x to run", func() bool {
		return s.RunNow("x") && newRuns.Load() >= 1
	})
	if oldCancelled.Load() {
		t.Error("Replace cancelled the run in progress")
	}
}

func TestReplace_AfterStop(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	if err := s.Stop(time.Second); err != nil {
		t.Fatal(err)
	}
	err := s.Replace([]schedule.Job{{Name: "x", Spec: "@every 1m", Run: func(context.Context) {}}})
	if !errors.Is(err, schedule.ErrStopped) {
		t.Errorf("Replace after Stop: %v, want ErrStopped", err)
	}
}

func TestReplace_RemovedAndBackWhileRunning(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	release := make(chan struct{})
	started := make(chan struct{})
	noop := func(context.Context) {}
	if err := s.Add("x", "@every 1h", func(context.Context) { close(started); <-release }); err != nil {
		t.Fatal(err)
	}
	s.Start()
	if !s.RunNow("x") {
		t.Fatal("RunNow=false")
	}
	<-started
	if err := s.Replace(nil); err != nil {
		t.Fatal(err)
	}
	if got := s.Names(); len(got) != 0 {
		t.Fatalf("Names()=%v after Replace(nil), want none", got)
	}
	if err := s.Replace([]schedule.Job{{Name: "x", Spec: "@every 1h", Run: noop}}); err != nil {
		t.Fatal(err)
	}
	if s.RunNow("x") {
		t.Error("x brought back ran beside the run started before its removal")
	}
	close(release)
	waitFor(t, 2*time.Second, "x to run again", func() bool { return s.RunNow("x") })
}
