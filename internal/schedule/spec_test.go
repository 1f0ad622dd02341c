package schedule

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestValidateSpec(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		wantErr string // "" when valid
	}{
		{"five fields", "*/30 * * * *", ""},
		{"every minutes", "@every 10m", ""},
		{"every seconds", "@every 2s", ""},
		{"descriptor", "@hourly", ""},
		{"own time zone", "CRON_TZ=UTC 0 9 * * 1-5", ""},
		{"surrounding spaces", "  @daily ", ""},
		{"empty", "", "empty spec"},
		{"three fields", "* * *", "expected exactly 5 fields"},
		{"six fields", "0 */30 * * * *", "expected exactly 5 fields"},
		{"minute out of range", "61 * * * *", "above maximum"},
		{"bad duration", "@every 10x", "failed to parse duration"},
		{"unknown descriptor", "@fortnightly", "unrecognized descriptor"},
		{"zone without spec", "CRON_TZ=UTC", "invalid schedule"},
		{"never fires", "0 0 30 2 *", "never fires"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateSpec(tt.spec)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ValidateSpec(%q)=%v, want nil", tt.spec, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ValidateSpec(%q)=nil, want an error containing %q", tt.spec, tt.wantErr)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.wantErr) || !strings.Contains(msg, `"`+tt.spec+`"`) {
				t.Errorf("ValidateSpec(%q)=%q, want it to quote the spec and contain %q", tt.spec, msg, tt.wantErr)
			}
		})
	}
}

func TestJitterBound(t *testing.T) {
	now := time.Date(2026, 3, 14, 10, 7, 12, 0, time.UTC)
	tests := []struct {
		name string
		spec string
		max  time.Duration
		want time.Duration
	}{
		{"every second", "@every 1s", 30 * time.Second, 100 * time.Millisecond},
		{"every two seconds", "@every 2s", 30 * time.Second, 200 * time.Millisecond},
		{"every minute", "@every 1m", 30 * time.Second, 6 * time.Second},
		{"capped every ten minutes", "@every 10m", 30 * time.Second, 30 * time.Second},
		{"cron every five minutes", "*/5 * * * *", 30 * time.Second, 30 * time.Second},
		{"cron every minute", "* * * * *", 30 * time.Second, 6 * time.Second},
		{"cron irregular uses next gap", "0 9,10 * * *", time.Hour, 6 * time.Minute},
		{"disabled", "@every 1m", 0, 0},
		{"negative cap", "@every 1m", -time.Second, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sched, err := parse(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := jitterBound(sched, now, tt.max); got != tt.want {
				t.Errorf("jitterBound(%q, max %v)=%v, want %v", tt.spec, tt.max, got, tt.want)
			}
		})
	}
}

func TestJitter_WithinBound(t *testing.T) {
	const bound = 200 * time.Millisecond
	var seenLow, seenHigh bool
	for range 2000 {
		d := jitter(bound)
		if d < 0 || d >= bound {
			t.Fatalf("jitter(%v)=%v, want in [0, %v)", bound, d, bound)
		}
		seenLow = seenLow || d < bound/4
		seenHigh = seenHigh || d > 3*bound/4
	}
	if !seenLow || !seenHigh {
		t.Errorf("2000 draws did not spread over [0, %v): low=%v high=%v", bound, seenLow, seenHigh)
	}
	if got := jitter(0); got != 0 {
		t.Errorf("jitter(0)=%v, want 0", got)
	}
}

// sleptSchedule acts as if the machine slept through ten periods: its first
// activation is ten seconds in the past, later ones an hour away.
type sleptSchedule struct{ calls atomic.Int32 }

func (s *sleptSchedule) Next(t time.Time) time.Time {
	if s.calls.Add(1) == 1 {
		return t.Add(-10 * time.Second)
	}
	return t.Add(time.Hour)
}

func TestMissedRunsNotStacked(t *testing.T) {
	s := New(time.UTC, nil)
	s.MaxJitter = 0
	var runs atomic.Int32
	if err := s.add("slept", "test", &sleptSchedule{}, func(context.Context) { runs.Add(1) }); err != nil {
		t.Fatal(err)
	}
	s.Start()
	deadline := time.Now().Add(2 * time.Second)
	for runs.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // room for stacked runs to show up
	if err := s.Stop(time.Second); err != nil {
		t.Fatal(err)
	}
	if got := runs.Load(); got != 1 {
		t.Errorf("runs after ten missed periods=%d, want 1", got)
	}
}

func TestStop_AbandonsJitterWait(t *testing.T) {
	s := New(time.UTC, nil)
	var runs atomic.Int32
	if err := s.Add("late", "@every 1h", func(context.Context) { runs.Add(1) }); err != nil {
		t.Fatal(err)
	}
	s.Start()
	e := s.jobs["late"]
	run, ok := s.claim(e, e.gen)
	if !ok {
		t.Fatal("claim refused an idle job")
	}
	go s.execute(e, run, time.Hour) // as if the draw were an hour of jitter
	begin := time.Now()
	if err := s.Stop(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(begin); d > time.Second {
		t.Errorf("Stop took %v while a run was only waiting out its jitter", d)
	}
	if got := runs.Load(); got != 0 {
		t.Errorf("runs=%d, want 0: a run in its jitter wait must not start after Stop", got)
	}
}
