package schedule

import (
	"time"

	"github.com/robfig/cron/v3"
)

// Next returns the first activation of spec strictly after t, with spec
// read in loc (time.Local when nil) as a Scheduler created with loc reads
// it. It fails when spec is invalid.
func Next(spec string, loc *time.Location, t time.Time) (time.Time, error) {
	sched, err := parse(spec)
	if err != nil {
		return time.Time{}, err
	}
	if loc == nil {
		loc = time.Local
	}
	return sched.Next(t.In(loc)), nil
}

// Activation names the activation of spec that a run starting at now
// belongs to, so that two runs for the same activation can tell they are
// one: for a cron spec, its latest activation within the minute before now
// (runs of a scheduler without jitter start within moments of it); for an
// "@every" spec, or a run more than a minute late, now truncated to the
// second.
func Activation(spec string, loc *time.Location, now time.Time) (time.Time, error) {
	sched, err := parse(spec)
	if err != nil {
		return time.Time{}, err
	}
	if loc == nil {
		loc = time.Local
	}
	now = now.In(loc)
	if _, ok := sched.(*cron.SpecSchedule); ok {
		// Five-field specs fire at most once a minute, so no other
		// activation lies in the minute before now.
		if at := sched.Next(now.Add(-time.Minute)); !at.After(now) {
			return at, nil
		}
	}
	return now.Truncate(time.Second), nil
}
