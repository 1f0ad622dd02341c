package schedule

import (
	"context"
	"errors"
	"fmt"

	"github.com/robfig/cron/v3"
)

// Job is one named job for [Scheduler.Replace].
type Job struct {
	Name string
	Spec string
	Run  func(ctx context.Context)
}

// Replace makes jobs the whole job set in one step, as a configuration
// reload needs. It checks every job first and, when any is invalid (bad
// spec, empty or duplicate name, nil Run), returns all the problems and
// leaves the current set untouched.
//
// Jobs absent from the new set are removed; runs of them in progress finish
// undisturbed. A job whose name and spec are unchanged keeps its place in
// the timetable and takes the new Run from its next run on; a job whose spec
// changed is rescheduled. A job keeps its guard against overlap across a
// reload, even one that removes it and a later one that brings it back, so a
// new run never starts beside an old one of the same name.
func (s *Scheduler) Replace(jobs []Job) error {
	scheds, err := check(jobs)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return fmt.Errorf("replace: %w", ErrStopped)
	}
	for name, e := range s.jobs {
		if _, keep := scheds[name]; !keep {
			s.removeLocked(e)
		}
	}
	for _, j := range jobs {
		e, ok := s.jobs[j.Name]
		if !ok {
			e = s.reviveLocked(j.Name)
		}
		e.run = j.Run
		if !ok || e.spec != j.Spec {
			s.scheduleLocked(e, j.Spec, scheds[j.Name])
		}
	}
	return nil
}

// check parses every job's spec and reports every problem at once.
func check(jobs []Job) (map[string]cron.Schedule, error) {
	scheds := make(map[string]cron.Schedule, len(jobs))
	var errs []error
	for _, j := range jobs {
		switch {
		case j.Name == "":
			errs = append(errs, fmt.Errorf("job with spec %q: empty name", j.Spec))
			continue
		case j.Run == nil:
			errs = append(errs, fmt.Errorf("job %q: nil function", j.Name))
		}
		if _, dup := scheds[j.Name]; dup {
			errs = append(errs, fmt.Errorf("job %q: %w", j.Name, ErrDuplicate))
			continue
		}
		sched, err := parse(j.Spec)
		if err != nil {
			errs = append(errs, fmt.Errorf("job %q: %w", j.Name, err))
		}
		scheds[j.Name] = sched
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("replace: %w", errors.Join(errs...))
	}
	return scheds, nil
}
