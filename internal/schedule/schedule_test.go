package schedule_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vnjp-monitor/crawler/internal/schedule"
)

func TestAdd_SecondLevelSchedule(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	var runs atomic.Int32
	if err := s.Add("tick", "@every 1s", func(context.Context) { runs.Add(1) }); err != nil {
		t.Fatal(err)
	}
	s.Start()
	if !s.Running() {
		t.Fatal("Running()=false after Start")
	}
	waitFor(t, 4*time.Second, "two runs", func() bool { return runs.Load() >= 2 })
}

func TestAdd_NoOverlap(t *testing.T) {
	t.Parallel()
	s, logs := newScheduler(t)
	var (
		active, maxActive, starts atomic.Int32
	)
	job := func(ctx context.Context) {
		starts.Add(1)
		n := active.Add(1)
		defer active.Add(-1)
		for {
			m := maxActive.Load()
			if n <= m || maxActive.CompareAndSwap(m, n) {
				break
			}
		}
		select { // three periods of a one-second schedule
		case <-time.After(2500 * time.Millisecond):
		case <-ctx.Done():
		}
	}
	if err := s.Add("slow", "@every 1s", job); err != nil {
		t.Fatal(err)
	}
	s.Start()
	waitFor(t, 5*time.Second, "a skipped run", func() bool {
		return strings.Contains(logs.String(), "previous run still going")
	})
	time.Sleep(1500 * time.Millisecond)
	if got := maxActive.Load(); got != 1 {
		t.Errorf("max concurrent runs=%d, want 1", got)
	}
	if got := starts.Load(); got > 2 {
		t.Errorf("runs started=%d within ~4s of a 2.5s job, want at most 2", got)
	}
}

func TestAdd_PanicRecovered(t *testing.T) {
	t.Parallel()
	s, logs := newScheduler(t)
	var runs, other atomic.Int32
	panicky := func(context.Context) {
		if runs.Add(1) == 1 {
			panic("boom in job")
		}
	}
	if err := s.Add("panicky", "@every 1s", panicky); err != nil {
		t.Fatal(err)
	}
	if err := s.Add("other", "@every 1s", func(context.Context) { other.Add(1) }); err != nil {
		t.Fatal(err)
	}
	s.Start()
	waitFor(t, 5*time.Second, "a run after the panic", func() bool { return runs.Load() >= 2 })
	if other.Load() == 0 {
		t.Error("the other job never ran")
	}
	got := logs.String()
	for _, want := range []string{"job panicked", "job=panicky", "boom in job"} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %q:\n%s", want, got)
		}
	}
}

func TestStop_WaitsWithinGrace(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	started := make(chan struct{})
	var finished, cancelled atomic.Bool
	job := func(ctx context.Context) {
		close(started)
		time.Sleep(300 * time.Millisecond) // ignores ctx but ends in time
		cancelled.Store(ctx.Err() != nil)
		finished.Store(true)
	}
	if err := s.Add("job", "@every 1s", job); err != nil {
		t.Fatal(err)
	}
	s.Start()
	<-started
	if err := s.Stop(5 * time.Second); err != nil {
		t.Fatalf("Stop: %v, want nil", err)
	}
	if !finished.Load() {
		t.Error("Stop returned before the run finished")
	}
	if cancelled.Load() {
		t.Error("run context cancelled although the run ended within grace")
	}
	if s.Running() {
		t.Error("Running()=true after Stop")
	}
}

func TestStop_CancelsAfterGrace(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	started := make(chan struct{})
	var sawCancel atomic.Bool
	job := func(ctx context.Context) {
		close(started)
		<-ctx.Done()
		sawCancel.Store(true)
	}
	if err := s.Add("stubborn", "@every 1h", job); err != nil {
		t.Fatal(err)
	}
	s.Start()
	if !s.RunNow("stubborn") {
		t.Fatal("RunNow=false")
	}
	<-started
	begin := time.Now()
	err := s.Stop(200 * time.Millisecond)
	elapsed := time.Since(begin)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Stop error=%v, want one wrapping context.DeadlineExceeded", err)
	}
	if !sawCancel.Load() {
		t.Error("Stop returned before the run saw its context cancelled")
	}
	if elapsed < 200*time.Millisecond || elapsed > 2*time.Second {
		t.Errorf("Stop took %v, want about the 200ms grace", elapsed)
	}
}

// TestStop_NoGoroutineLeft is not parallel so that goleak sees only the
// goroutines of this test.
func TestStop_NoGoroutineLeft(t *testing.T) {
	before := goleak.IgnoreCurrent()
	s := schedule.New(time.UTC, nil)
	s.MaxJitter = 0
	var runs atomic.Int32
	for _, name := range []string{"a", "b", "c"} {
		if err := s.Add(name, "@every 1s", func(ctx context.Context) {
			runs.Add(1)
			<-ctx.Done()
		}); err != nil {
			t.Fatal(err)
		}
	}
	s.Start()
	waitFor(t, 3*time.Second, "three runs", func() bool { return runs.Load() >= 3 })
	if err := s.Stop(50 * time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Stop error=%v, want context.DeadlineExceeded", err)
	}
	goleak.VerifyNone(t, before)
}

func TestStop_Twice(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	s.Start()
	if err := s.Stop(time.Second); err != nil {
		t.Fatal(err)
	}
	if err := s.Add("after", "@every 1s", func(context.Context) {}); !errors.Is(err, schedule.ErrStopped) {
		t.Errorf("Add after Stop: %v, want ErrStopped", err)
	}
	if s.RunNow("after") {
		t.Error("RunNow after Stop=true")
	}
	s.Start()
	if s.Running() {
		t.Error("Start after Stop restarted the scheduler")
	}
	if err := s.Stop(time.Second); err != nil {
		t.Errorf("second Stop: %v, want nil", err)
	}
}

func TestAdd_Errors(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t)
	noop := func(context.Context) {}
	if err := s.Add("dup", "@every 1m", noop); err != nil {
		t.Fatal(err)
	}
	if err := s.Add("dup", "@every 2m", noop); !errors.Is(err, schedule.ErrDuplicate) {
		t.Errorf("second Add of a name: %v, want ErrDuplicate", err)
	}
	err := s.Add("bad", "61 * * * *", noop)
	if err == nil || !strings.Contains(err.Error(), `"61 * * * *"`) || !strings.Contains(err.Error(), `"bad"`) {
		t.Errorf("Add with a bad spec: %v, want an error naming the job and the spec", err)
	}
	if err := s.Add("nil", "@every 1m", nil); err == nil {
		t.Error("Add with a nil job: nil error")
	}
}

func TestNext_InLocation(t *testing.T) {
	t.Parallel()
	jst := time.FixedZone("JST", 9*60*60)
	s := schedule.New(jst, nil)
	t.Cleanup(func() { _ = s.Stop(time.Second) })
	if err := s.Add("morning", "0 9 * * *", func(context.Context) {}); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		next := s.Next("morning").In(jst)
		if next.Hour() != 9 || next.Minute() != 0 {
			t.Errorf("%s: Next=%v, want 09:00 JST", when, next)
		}
		if d := time.Until(next); d <= 0 || d > 24*time.Hour {
			t.Errorf("%s: Next is %v away, want within a day", when, d)
		}
	}
	check("before Start")
	s.Start()
	check("after Start")
	if got := s.Next("absent"); !got.IsZero() {
		t.Errorf("Next(absent)=%v, want zero", got)
	}
}
