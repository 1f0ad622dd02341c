// Package schedule runs named jobs on cron schedules, the heartbeat of
// `crawler run`. It wraps github.com/robfig/cron/v3 and adds what a daemon
// that lives for months needs on top of it.
//
// # Guarantees
//
//   - A job never overlaps itself: a run that comes due while the previous
//     one is still going is skipped and logged, not queued.
//   - A panic in a job is recovered and logged with its stack; the scheduler
//     and the other jobs keep going.
//   - Each run starts after a random jitter below both 10% of the job's
//     interval and [Scheduler.MaxJitter], so many sources on the same spec do
//     not all start in the same second.
//   - Each run gets a context that [Scheduler.Stop] cancels once its grace
//     period is over; Stop returns only when every run has returned.
//   - Missed runs are not stacked. cron sets a timer for the earliest entry
//     and, when it fires, starts each due entry once and computes its next
//     time from the wake-up time, so a machine that slept through ten periods
//     runs the job once on waking.
//
// # Specs
//
// A spec is a standard five-field cron expression ("*/30 * * * *"), a
// descriptor (@hourly, @daily, ...) or "@every <duration>" ("@every 10m",
// "@every 2s"). cron rounds @every durations below one second up to one
// second. Specs are evaluated in the location given to [New]; a spec may name
// its own with a CRON_TZ=Area/City prefix.
//
// # Reloading
//
// [Scheduler.Replace] swaps the whole job set in one step, for SIGHUP: jobs
// whose name and spec are unchanged keep their place in the timetable, runs
// in progress finish undisturbed, and a rejected set leaves the old one in
// force.
package schedule
