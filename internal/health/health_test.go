package health_test

import (
	"errors"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// t0 is the start of every scenario; the clock is whatever the test says.
var t0 = time.Date(2026, 3, 14, 8, 0, 0, 0, time.UTC)

func TestBackoff(t *testing.T) {
	def := health.Policy{}
	tests := []struct {
		name     string
		failures int
		p        health.Policy
		want     time.Duration
	}{
		{"no failure", 0, def, 0},
		{"negative", -3, def, 0},
		{"first failure", 1, def, time.Minute},
		{"second doubles", 2, def, 2 * time.Minute},
		{"third doubles again", 3, def, 4 * time.Minute},
		{"ninth", 9, def, 256 * time.Minute},
		{"tenth reaches cap", 10, def, 6 * time.Hour},
		{"long streak stays capped", 10_000, def, 6 * time.Hour},
		{"custom base", 3, health.Policy{BaseBackoff: 10 * time.Second, MaxBackoff: time.Hour}, 40 * time.Second},
		{"custom cap", 5, health.Policy{BaseBackoff: 10 * time.Second, MaxBackoff: time.Minute}, time.Minute},
		{"base above cap", 1, health.Policy{BaseBackoff: 2 * time.Hour, MaxBackoff: time.Hour}, time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := health.Backoff(tt.failures, tt.p); got != tt.want {
				t.Errorf("Backoff(%d, %+v)=%v, want %v", tt.failures, tt.p, got, tt.want)
			}
		})
	}
}

// step is one crawl attempt in a scenario, at t0+at.
type step struct {
	at      time.Duration
	outcome health.Outcome
}

func TestRecord(t *testing.T) {
	errFetch := errors.New("fetch feed: status 503")
	tests := []struct {
		name  string
		steps []step
		want  crawler.SourceState
	}{
		{"first success with new articles", []step{
			{0, health.Outcome{New: 5}},
		}, crawler.SourceState{FirstAttempt: t0, LastAttempt: t0, LastSuccess: t0, LastNew: t0, Articles: 5}},
		{"success without new keeps LastNew", []step{
			{0, health.Outcome{New: 2}},
			{time.Hour, health.Outcome{}},
		}, crawler.SourceState{FirstAttempt: t0, LastAttempt: t0.Add(time.Hour), LastSuccess: t0.Add(time.Hour), LastNew: t0, Articles: 2}},
		{"failures back off doubling", []step{
			{0, health.Outcome{Err: errFetch}},
			{time.Minute, health.Outcome{Err: errFetch}},
			{3 * time.Minute, health.Outcome{Err: errFetch}},
		}, crawler.SourceState{
			FirstAttempt: t0, LastAttempt: t0.Add(3 * time.Minute), ConsecutiveFailures: 3,
			LastError: errFetch.Error(), NextAttempt: t0.Add(3*time.Minute + 4*time.Minute),
		}},
		{"retry-after longer than backoff is obeyed", []step{
			{0, health.Outcome{Err: errFetch, RetryAfter: 30 * time.Minute}},
		}, crawler.SourceState{
			FirstAttempt: t0, LastAttempt: t0, ConsecutiveFailures: 1, LastError: errFetch.Error(),
			NextAttempt: t0.Add(30 * time.Minute),
		}},
		{"retry-after shorter than backoff is obeyed", []step{
			{0, health.Outcome{Err: errFetch, RetryAfter: 10 * time.Second}},
		}, crawler.SourceState{
			FirstAttempt: t0, LastAttempt: t0, ConsecutiveFailures: 1, LastError: errFetch.Error(),
			NextAttempt: t0.Add(10 * time.Second),
		}},
		{"retry-after is capped", []step{
			{0, health.Outcome{Err: errFetch, RetryAfter: 72 * time.Hour}},
		}, crawler.SourceState{
			FirstAttempt: t0, LastAttempt: t0, ConsecutiveFailures: 1, LastError: errFetch.Error(),
			NextAttempt: t0.Add(health.DefaultMaxBackoff),
		}},
		{"success after failures resets", []step{
			{0, health.Outcome{New: 1}},
			{time.Hour, health.Outcome{Err: errFetch}},
			{2 * time.Hour, health.Outcome{Err: errFetch}},
			{3 * time.Hour, health.Outcome{New: 3}},
		}, crawler.SourceState{
			FirstAttempt: t0, LastAttempt: t0.Add(3 * time.Hour), LastSuccess: t0.Add(3 * time.Hour),
			LastNew: t0.Add(3 * time.Hour), Articles: 4,
		}},
		{"articles stored before a failure count", []step{
			{0, health.Outcome{New: 2, Err: errFetch}},
		}, crawler.SourceState{
			FirstAttempt: t0, LastAttempt: t0, LastNew: t0, Articles: 2, ConsecutiveFailures: 1,
			LastError: errFetch.Error(), NextAttempt: t0.Add(time.Minute),
		}},
		{"retry-after on success delays next attempt", []step{
			{0, health.Outcome{New: 1, RetryAfter: 5 * time.Minute}},
		}, crawler.SourceState{
			FirstAttempt: t0, LastAttempt: t0, LastSuccess: t0, LastNew: t0, Articles: 1,
			NextAttempt: t0.Add(5 * time.Minute),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := crawler.SourceState{}
			for _, s := range tt.steps {
				health.Record(&st, s.outcome, t0.Add(s.at), health.Policy{})
			}
			if st != tt.want {
				t.Errorf("state=\n%+v\nwant\n%+v", st, tt.want)
			}
		})
	}
}

func TestRecord_RedactsError(t *testing.T) {
	var st crawler.SourceState
	err := errors.New(`Get "https://user:secret@host.example/path?token=abc&page=2": dial tcp: connection refused`)
	health.Record(&st, health.Outcome{Err: err}, t0, health.Policy{})
	want := `Get "https://REDACTED@host.example/path?token=REDACTED&page=2": dial tcp: connection refused`
	if st.LastError != want {
		t.Errorf("LastError=%q, want %q", st.LastError, want)
	}
}

func TestDue(t *testing.T) {
	var st crawler.SourceState
	if !health.Due(st, t0) {
		t.Error("Due=false for a source never attempted")
	}
	health.Record(&st, health.Outcome{Err: errors.New("timeout")}, t0, health.Policy{})
	tests := []struct {
		name string
		at   time.Duration
		want bool
	}{
		{"just after the failure", time.Second, false},
		{"one second before backoff ends", time.Minute - time.Second, false},
		{"when backoff ends", time.Minute, true},
		{"after backoff", time.Hour, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := health.Due(st, t0.Add(tt.at)); got != tt.want {
				t.Errorf("Due at +%v=%v, want %v", tt.at, got, tt.want)
			}
		})
	}
}

func TestSilentAndStatus(t *testing.T) {
	const expect = 72 * time.Hour
	fresh := crawler.SourceState{LastAttempt: t0, LastSuccess: t0, LastNew: t0, Articles: 3}
	failing := fresh
	failing.ConsecutiveFailures, failing.LastError = 2, "status 500"
	// Tried since t0, answering every time, never with a new article.
	neverNew := crawler.SourceState{FirstAttempt: t0, LastAttempt: t0.Add(70 * time.Hour), LastSuccess: t0.Add(70 * time.Hour)}
	tests := []struct {
		name       string
		st         crawler.SourceState
		expect     time.Duration
		at         time.Duration
		wantSilent bool
		wantStatus string
	}{
		{"never attempted", crawler.SourceState{}, expect, 100 * time.Hour, false, health.StatusNever},
		{"new article just now", fresh, expect, 0, false, health.StatusOK},
		{"exactly the expectation", fresh, expect, expect, false, health.StatusOK},
		{"past the expectation", fresh, expect, expect + time.Second, true, health.StatusSilent},
		{"no expectation", fresh, 0, 1000 * time.Hour, false, health.StatusOK},
		{"failing wins over silent", failing, expect, 100 * time.Hour, true, health.StatusFailing},
		{"failing and recent", failing, expect, time.Hour, false, health.StatusFailing},
		{"never new, within expectation", neverNew, expect, 70 * time.Hour, false, health.StatusOK},
		{"never new, past expectation", neverNew, expect, 73 * time.Hour, true, health.StatusSilent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := t0.Add(tt.at)
			if got := health.Silent(tt.st, tt.expect, now); got != tt.wantSilent {
				t.Errorf("Silent=%v, want %v", got, tt.wantSilent)
			}
			if got := health.Status(tt.st, tt.expect, now); got != tt.wantStatus {
				t.Errorf("Status=%q, want %q", got, tt.wantStatus)
			}
			if got, want := health.Failing(tt.st), tt.st.ConsecutiveFailures > 0; got != want {
				t.Errorf("Failing=%v, want %v", got, want)
			}
		})
	}
}

// An interrupted attempt counts its articles and is an attempt, but is
// neither a success nor a failure: no backoff, the last error stays.
func TestRecordInterrupted(t *testing.T) {
	st := crawler.SourceState{Name: "s", ConsecutiveFailures: 2, LastError: "http status 503", NextAttempt: t0, LastSuccess: t0.Add(-time.Hour)}
	health.Record(&st, health.Outcome{Interrupted: true, New: 3}, t0.Add(time.Minute), health.Policy{})
	if st.ConsecutiveFailures != 2 || st.LastError != "http status 503" || !st.NextAttempt.Equal(t0) {
		t.Errorf("failures, error or backoff changed: %+v", st)
	}
	if !st.LastSuccess.Equal(t0.Add(-time.Hour)) {
		t.Errorf("LastSuccess=%v, want it unchanged", st.LastSuccess)
	}
	if st.Articles != 3 || !st.LastNew.Equal(t0.Add(time.Minute)) || !st.LastAttempt.Equal(t0.Add(time.Minute)) {
		t.Errorf("articles, last new or last attempt not counted: %+v", st)
	}
}
