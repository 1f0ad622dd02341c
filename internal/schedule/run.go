package schedule

import (
	"context"
	"log/slog"
	"runtime/debug"
	"time"
)

// RunNow starts the named job at once, without jitter, in its own
// goroutine, as a scheduled run would (same context, no overlap, panic
// recovered). It reports false when there is no such job, a run of it is in
// progress, or the scheduler is stopped. The daemon uses it for a first
// crawl at start-up instead of waiting a whole interval.
func (s *Scheduler) RunNow(name string) bool {
	s.mu.Lock()
	e, ok := s.jobs[name]
	var gen uint64
	if ok {
		gen = e.gen
	}
	s.mu.Unlock()
	if !ok {
		return false
	}
	run, ok := s.claim(e, gen)
	if !ok {
		return false
	}
	go s.execute(e, run, 0)
	return true
}

// fire is what cron calls when generation gen of e comes due. It runs in cron's
// own goroutine, so cron's stop context covers it.
func (s *Scheduler) fire(e *entry, gen uint64) {
	run, ok := s.claim(e, gen)
	if !ok {
		return
	}
	s.mu.Lock()
	sched := e.sched
	s.mu.Unlock()
	s.execute(e, run, jitter(jitterBound(sched, time.Now().In(s.loc), s.MaxJitter)))
}

// claim marks e busy and counts the run on wg. It refuses when the
// scheduler is stopped, e has left the job set or been rescheduled since
// generation gen, or a run of e is in progress.
func (s *Scheduler) claim(e *entry, gen uint64) (func(context.Context), bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped || e.gone || e.gen != gen {
		return nil, false
	}
	if !e.busy.CompareAndSwap(false, true) {
		s.logger.Warn("schedule: run skipped, previous run still going",
			slog.String("job", e.name))
		return nil, false
	}
	s.wg.Add(1)
	return e.run, true
}

// execute waits out delay, unless Stop begins first, then runs the job.
// It releases what claim took.
func (s *Scheduler) execute(e *entry, run func(context.Context), delay time.Duration) {
	defer s.wg.Done()
	defer e.busy.Store(false)
	if delay > 0 {
		timer := time.NewTimer(delay)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-s.stopping:
			return
		}
	}
	s.safeRun(e.name, run)
}

// safeRun calls run and turns a panic into a log line.
func (s *Scheduler) safeRun(name string, run func(context.Context)) {
	defer func() {
		if r := recover(); r != nil {
			s.logger.Error("schedule: job panicked",
				slog.String("job", name),
				slog.Any("panic", r),
				slog.String("stack", string(debug.Stack())))
		}
	}()
	run(s.ctx)
}

// cronLogger passes cron's own messages to slog: its chatter (every wake-up
// and run) at debug level, its errors as errors.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, keysAndValues ...any) {
	c.l.Debug("cron: "+msg, keysAndValues...)
}

func (c cronLogger) Error(err error, msg string, keysAndValues ...any) {
	c.l.Error("cron: "+msg, append([]any{slog.Any("error", err)}, keysAndValues...)...)
}
