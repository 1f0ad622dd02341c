package health

import (
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// Status values returned by [Status].
const (
	StatusOK      = "ok"      // attempted, last attempt worked, not silent
	StatusFailing = "failing" // the last attempt failed
	StatusSilent  = "silent"  // working, but no new article for too long
	StatusNever   = "never"   // not attempted yet
)

// Default backoff bounds, used for zero Policy fields.
const (
	DefaultBaseBackoff = time.Minute
	DefaultMaxBackoff  = 6 * time.Hour
)

// Outcome is the result of one crawl attempt of one source.
type Outcome struct {
	Err        error         // nil when the attempt worked
	New        int           // articles stored by this attempt
	RetryAfter time.Duration // the server's Retry-After, zero when absent
	// Interrupted means the attempt was cut short by the program stopping
	// (Ctrl-C, shutdown, reload): neither a success nor a failure.
	Interrupted bool
}

// Policy bounds the backoff of failing sources. Zero fields mean the
// defaults (DefaultBaseBackoff, DefaultMaxBackoff).
type Policy struct {
	BaseBackoff time.Duration // wait after the first failure
	MaxBackoff  time.Duration // the wait never grows past this
}

// withDefaults fills zero fields.
func (p Policy) withDefaults() Policy {
	if p.BaseBackoff <= 0 {
		p.BaseBackoff = DefaultBaseBackoff
	}
	if p.MaxBackoff <= 0 {
		p.MaxBackoff = DefaultMaxBackoff
	}
	return p
}

// Backoff returns how long a source waits after failures failures in a row:
// zero for none, then BaseBackoff doubled for each further failure, never more
// than MaxBackoff.
func Backoff(failures int, p Policy) time.Duration {
	if failures <= 0 {
		return 0
	}
	p = p.withDefaults()
	d := p.BaseBackoff
	// Stop doubling once past the cap, so a long failure streak cannot
	// overflow the duration.
	for i := 1; i < failures && d < p.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.MaxBackoff)
}

// Record updates st after a crawl attempt that ended at now.
//
// The first attempt ever sets FirstAttempt, where the silence of a source
// that never brings an article starts.
// Articles stored by the attempt count in any case: o.New is added to
// Articles and, when positive, sets LastNew, even if the attempt failed
// half-way. An interrupted attempt (o.Interrupted without o.Err) counts
// only that and the attempt time: it changes neither the last success, nor
// the failures, nor the backoff. On success Record sets LastSuccess, clears ConsecutiveFailures
// and LastError, and clears NextAttempt, or sets it to now+o.RetryAfter when
// the server asked for a pause anyway. On failure it counts the failure,
// stores the redacted error text and sets NextAttempt to now plus
// o.RetryAfter when the server gave one (capped at MaxBackoff), else plus
// Backoff.
func Record(st *crawler.SourceState, o Outcome, now time.Time, p Policy) {
	if st.FirstAttempt.IsZero() {
		st.FirstAttempt = now
	}
	st.LastAttempt = now
	if o.New > 0 {
		st.LastNew = now
		st.Articles += o.New
	}
	if o.Interrupted && o.Err == nil {
		return // not an attempt to judge the source by
	}
	if o.Err != nil {
		st.ConsecutiveFailures++
		st.LastError = Redact(o.Err.Error())
		wait := Backoff(st.ConsecutiveFailures, p)
		if o.RetryAfter > 0 {
			// The server said when to come back; a shorter wait than our
			// own backoff keeps a monitor fresh after a brief 503.
			wait = min(o.RetryAfter, p.withDefaults().MaxBackoff)
		}
		st.NextAttempt = now.Add(wait)
		return
	}
	st.LastSuccess = now
	st.ConsecutiveFailures = 0
	st.LastError = ""
	st.NextAttempt = time.Time{}
	if o.RetryAfter > 0 {
		st.NextAttempt = now.Add(o.RetryAfter)
	}
}

// Due reports whether the source may be crawled at now: its backoff, if
// any, is over.
func Due(st crawler.SourceState, now time.Time) bool {
	return !now.Before(st.NextAttempt)
}

// Failing reports whether the last attempt failed.
func Failing(st crawler.SourceState) bool {
	return st.ConsecutiveFailures > 0
}

// Silent reports whether the source has brought no new article for longer
// than expectEvery, counted from LastNew or, when it never brought one, from
// its first attempt. It is false when expectEvery is zero or less (no
// expectation) and for a source never attempted.
func Silent(st crawler.SourceState, expectEvery time.Duration, now time.Time) bool {
	if expectEvery <= 0 {
		return false
	}
	since := st.LastNew
	if since.IsZero() {
		since = st.FirstAttempt
	}
	if since.IsZero() {
		return false
	}
	return now.Sub(since) > expectEvery
}

// Status sums st up in one word: StatusNever, StatusFailing, StatusSilent or
// StatusOK, in that order of precedence.
func Status(st crawler.SourceState, expectEvery time.Duration, now time.Time) string {
	switch {
	case st.LastAttempt.IsZero():
		return StatusNever
	case Failing(st):
		return StatusFailing
	case Silent(st, expectEvery, now):
		return StatusSilent
	default:
		return StatusOK
	}
}
