package schedule

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// parser accepts the standard five fields plus descriptors; seconds stay out
// of the five-field form so a spec means what crontab(5) says it means.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ValidateSpec reports whether spec is a schedule [Scheduler.Add] accepts.
// The error names the spec and says what is wrong with it, including a spec
// that never fires (such as "0 0 30 2 *").
func ValidateSpec(spec string) error {
	_, err := parse(spec)
	return err
}

// parse turns spec into a cron schedule.
func parse(spec string) (sched cron.Schedule, err error) {
	// cron v3.0.1 slices out of range on a TZ= prefix with nothing after it
	// ("CRON_TZ=Asia/Tokyo"); a config typo must not crash the daemon.
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("invalid schedule %q: %v", spec, r)
		}
	}()
	sched, err = parser.Parse(strings.TrimSpace(spec))
	if err != nil {
		return nil, fmt.Errorf("invalid schedule %q: %w", spec, err)
	}
	if sched.Next(time.Now()).IsZero() {
		return nil, fmt.Errorf("invalid schedule %q: it never fires", spec)
	}
	return sched, nil
}

// interval returns the gap between the next two activations of sched after
// now, which works for @every and for cron specs alike; it is zero when the
// schedule has no two further activations.
func interval(sched cron.Schedule, now time.Time) time.Duration {
	next := sched.Next(now)
	if next.IsZero() {
		return 0
	}
	after := sched.Next(next)
	if after.IsZero() {
		return 0
	}
	return after.Sub(next)
}

// jitterBound is the exclusive upper bound of the random delay before a run:
// 10% of the interval, capped at maxJitter. Zero means no jitter.
func jitterBound(sched cron.Schedule, now time.Time, maxJitter time.Duration) time.Duration {
	if maxJitter <= 0 {
		return 0
	}
	return min(interval(sched, now)/10, maxJitter)
}

// jitter draws a delay in [0, bound).
func jitter(bound time.Duration) time.Duration {
	if bound <= 0 {
		return 0
	}
	return rand.N(bound)
}
