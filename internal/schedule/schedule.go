package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"
)

// DefaultMaxJitter is the jitter cap [New] sets.
const DefaultMaxJitter = 30 * time.Second

// Errors returned by the scheduler.
var (
	// ErrStopped is returned when jobs are added to a stopped scheduler.
	ErrStopped = errors.New("scheduler stopped")
	// ErrDuplicate is returned when a job name is already taken.
	ErrDuplicate = errors.New("duplicate job name")
)

// Scheduler runs named jobs on cron schedules. Its methods are safe for
// concurrent use. It is meant to be used once: after [Scheduler.Stop] it
// accepts no jobs and cannot be started again.
type Scheduler struct {
	// MaxJitter caps the random delay before each run (the delay is also
	// below 10% of the job's interval). New sets it to DefaultMaxJitter;
	// zero or less disables jitter. Set it before Start.
	MaxJitter time.Duration

	loc    *time.Location
	logger *slog.Logger
	cron   *cron.Cron

	ctx      context.Context // parent of every run's context
	cancel   context.CancelFunc
	stopping chan struct{} // closed when Stop begins, to abort jitter waits

	mu      sync.Mutex
	jobs    map[string]*entry // the current job set
	known   map[string]*entry // every entry ever added, current or not
	started bool
	stopped bool
	wg      sync.WaitGroup // runs in progress, jitter wait included
}

// entry is one named job. It outlives its removal from the job set, so a job
// removed and added back by later reloads keeps its guard against overlap
// with a run that started before.
type entry struct {
	name  string
	spec  string                // guarded by Scheduler.mu
	sched cron.Schedule         // guarded by Scheduler.mu
	id    cron.EntryID          // guarded by Scheduler.mu
	gen   uint64                // bumped on each (re)schedule; guarded by Scheduler.mu
	run   func(context.Context) // guarded by Scheduler.mu
	gone  bool                  // removed from the set; guarded by Scheduler.mu
	busy  atomic.Bool           // a run is in progress
}

// New returns a scheduler that evaluates specs in loc (time.Local when nil)
// and logs skips and panics to logger (nothing when nil).
func New(loc *time.Location, logger *slog.Logger) *Scheduler {
	if loc == nil {
		loc = time.Local
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Scheduler{
		MaxJitter: DefaultMaxJitter,
		loc:       loc,
		logger:    logger,
		// No cron chain: overlap and panics are handled in run, where the
		// job name is known for the log line.
		cron:     cron.New(cron.WithLocation(loc), cron.WithParser(parser), cron.WithLogger(cronLogger{logger})),
		ctx:      ctx,
		cancel:   cancel,
		stopping: make(chan struct{}),
		jobs:     make(map[string]*entry),
		known:    make(map[string]*entry),
	}
}

// Add registers job under a unique name to run on spec. It may be called
// before or after Start. It fails when spec is invalid (the error names the
// spec), when name is taken (ErrDuplicate) or after Stop (ErrStopped).
func (s *Scheduler) Add(name, spec string, job func(ctx context.Context)) error {
	if job == nil {
		return fmt.Errorf("job %q: nil function", name)
	}
	sched, err := parse(spec)
	if err != nil {
		return fmt.Errorf("job %q: %w", name, err)
	}
	return s.add(name, spec, sched, job)
}

// add registers an already parsed schedule.
func (s *Scheduler) add(name, spec string, sched cron.Schedule, job func(context.Context)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return fmt.Errorf("job %q: %w", name, ErrStopped)
	}
	if _, ok := s.jobs[name]; ok {
		return fmt.Errorf("job %q: %w", name, ErrDuplicate)
	}
	e := s.reviveLocked(name)
	e.run = job
	s.scheduleLocked(e, spec, sched)
	return nil
}

// reviveLocked puts the entry for name in the job set, reusing the one of an
// earlier job of that name, whose run may still be going.
func (s *Scheduler) reviveLocked(name string) *entry {
	e, ok := s.known[name]
	if !ok {
		e = &entry{name: name}
		s.known[name] = e
	}
	e.gone = false
	s.jobs[name] = e
	return e
}

// removeLocked takes e out of the job set; a run in progress goes on.
func (s *Scheduler) removeLocked(e *entry) {
	s.cron.Remove(e.id)
	e.id, e.spec, e.gone = 0, "", true
	delete(s.jobs, e.name)
}

// scheduleLocked (re)registers e with cron under a new spec.
func (s *Scheduler) scheduleLocked(e *entry, spec string, sched cron.Schedule) {
	if e.id != 0 {
		s.cron.Remove(e.id)
	}
	e.spec, e.sched = spec, sched
	// A firing of the previous registration may already be on its way;
	// the generation lets claim ignore it.
	e.gen++
	gen := e.gen
	e.id = s.cron.Schedule(sched, cron.FuncJob(func() { s.fire(e, gen) }))
}

// Start begins running jobs on their schedules. It does nothing when the
// scheduler is already running or has been stopped.
func (s *Scheduler) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.stopped {
		return
	}
	s.started = true
	s.cron.Start()
}

// Running reports whether the scheduler has been started and not stopped.
func (s *Scheduler) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.started && !s.stopped
}

// Stop stops scheduling and waits up to grace for runs in progress to
// return. Runs still going after grace have their context cancelled, and
// Stop waits for them to return, then reports an error wrapping
// context.DeadlineExceeded. Runs waiting out their jitter are abandoned at
// once. A job that ignores its context therefore blocks Stop. Calling Stop
// again returns nil at once.
func (s *Scheduler) Stop(grace time.Duration) error {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.stopped = true
	close(s.stopping)
	s.mu.Unlock()
	defer s.cancel()

	// After cron.Stop returns no new firing starts; its context is done
	// once the firings it started have returned. Runs started by RunNow
	// are counted on wg, whose Add calls all precede stopped=true.
	cronDone := s.cron.Stop()
	done := make(chan struct{})
	go func() {
		<-cronDone.Done()
		s.wg.Wait()
		close(done)
	}()

	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-done:
		return nil
	case <-timer.C:
	}
	s.cancel()
	<-done
	return fmt.Errorf("stop: runs still going after %v were cancelled: %w", grace, context.DeadlineExceeded)
}

// Next returns when the named job is next due (before jitter), or the zero
// time when there is no such job.
func (s *Scheduler) Next(name string) time.Time {
	s.mu.Lock()
	e, ok := s.jobs[name]
	var (
		id      cron.EntryID
		sched   cron.Schedule
		started = s.started && !s.stopped
	)
	if ok {
		id, sched = e.id, e.sched
	}
	s.mu.Unlock()
	if !ok {
		return time.Time{}
	}
	if started {
		if next := s.cron.Entry(id).Next; !next.IsZero() {
			return next
		}
	}
	return sched.Next(time.Now().In(s.loc))
}

// Names returns the names of the registered jobs, sorted.
func (s *Scheduler) Names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.jobs))
	for name := range s.jobs {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
