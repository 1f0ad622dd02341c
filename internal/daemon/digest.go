package daemon

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/digest"
	"github.com/vnjp-monitor/crawler/internal/schedule"
	"github.com/vnjp-monitor/crawler/internal/server"
)

// DefaultDigestRetryEvery is how often the daemon looks for failed digests
// whose backoff is over.
const DefaultDigestRetryEvery = 30 * time.Second

// digestRetryJob names the job that retries failed digests.
const digestRetryJob = "digest retries"

// catchUpWithin bounds how late a digest missed while the daemon was
// stopped is still sent at start.
const catchUpWithin = 12 * time.Hour

// digester sends the digests: a scheduler of its own, without jitter, so
// that each run falls on its recipient's activation, and the Service of the
// running configuration.
type digester struct {
	sched *schedule.Scheduler
	svc   *digest.Service // guarded by Daemon.mu
}

// openDigest makes the digest Service for cfg and mounts its routes on the
// HTTP server (before it starts): the public unsubscribe endpoint and the
// admin routes of `crawler digest`.
func (d *Daemon) openDigest(cfg *config.Config) error {
	svc, err := d.newDigestService(cfg)
	if err != nil {
		return err
	}
	sched := schedule.New(cfg.Location, d.log.With(slog.String("component", "digest-schedule")))
	sched.MaxJitter = 0
	d.digest = &digester{sched: sched, svc: svc}
	unsubscribe := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.digestService().UnsubscribeHandler().ServeHTTP(w, r)
	})
	d.server.Mount("GET /unsubscribe", unsubscribe, server.Public)
	d.server.Mount("POST /unsubscribe", unsubscribe, server.Public)
	for route, h := range digest.AdminRoutes(d.digestService) {
		d.server.Mount(route, h, server.Admin)
	}
	return nil
}

// newDigestService makes the Service for cfg. With recipients configured,
// it reads the SMTP password and CA file now, so that a configuration that
// cannot send is refused at start or reload rather than at seven tomorrow.
func (d *Daemon) newDigestService(cfg *config.Config) (*digest.Service, error) {
	svc, err := digest.New(cfg, d.store, digest.Options{
		Logger: d.log.With(slog.String("component", "digest")), Now: d.opts.Now,
		Observer: d.metrics, Backoff: d.opts.DigestBackoff,
	})
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	if c, ok := svc.Sender().(interface{ Check() error }); ok && len(cfg.Digest.Recipients) > 0 {
		if err := c.Check(); err != nil {
			return nil, fmt.Errorf("digest: %w", err)
		}
	}
	return svc, nil
}

// digestService returns the Service of the running configuration.
func (d *Daemon) digestService() *digest.Service {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.digest.svc
}

// digestJobs returns one job per recipient, on their schedule in their
// zone, and the retry job.
func (d *Daemon) digestJobs(cfg *config.Config) []schedule.Job {
	var jobs []schedule.Job
	for _, r := range cfg.Digest.Recipients {
		email := r.Email
		jobs = append(jobs, schedule.Job{
			Name: "digest " + strings.ToLower(email),
			Spec: "CRON_TZ=" + r.Location.String() + " " + cfg.Digest.RecipientSchedule(r),
			Run:  func(ctx context.Context) { d.scheduledDigest(ctx, email) },
		})
	}
	if len(jobs) > 0 {
		every := d.opts.DigestRetryEvery
		if every <= 0 {
			every = DefaultDigestRetryEvery
		}
		jobs = append(jobs, schedule.Job{Name: digestRetryJob, Spec: "@every " + every.String(), Run: d.retryDigests})
	}
	return jobs
}

// startDigest schedules the digests and sends at once those a stop of the
// daemon made it miss.
func (d *Daemon) startDigest() error {
	d.mu.RLock()
	cfg := d.cfg
	d.mu.RUnlock()
	if err := d.digest.sched.Replace(d.digestJobs(cfg)); err != nil {
		return fmt.Errorf("digest schedule: %w", err)
	}
	d.digest.sched.Start()
	d.catchUpDigests(cfg)
	return nil
}

// reloadDigest prepares the digest side of a new configuration; apply
// swaps it in. Nothing changes when the returned error is not nil.
func (d *Daemon) reloadDigest(cfg *config.Config) (apply func() error, err error) {
	svc, err := d.newDigestService(cfg)
	if err != nil {
		return nil, err
	}
	return func() error {
		if err := d.digest.sched.Replace(d.digestJobs(cfg)); err != nil {
			return fmt.Errorf("digest schedule: %w", err)
		}
		d.mu.Lock()
		d.digest.svc = svc
		d.mu.Unlock()
		return nil
	}, nil
}

// stopDigest stops the digest scheduler, letting sends in progress finish
// within grace.
func (d *Daemon) stopDigest() error {
	return d.digest.sched.Stop(d.opts.Grace)
}

// scheduledDigest is one recipient's scheduled run.
func (d *Daemon) scheduledDigest(ctx context.Context, email string) {
	svc := d.digestService()
	r, ok := svc.Recipient(email)
	if !ok {
		return // removed by a reload while the run was due
	}
	at, err := schedule.Activation(svc.Config().Digest.RecipientSchedule(r), r.Location, d.opts.Now())
	if err != nil {
		d.log.Error("digest schedule", slog.String("recipient", email), slog.String("error", err.Error()))
		return
	}
	svc.Send(ctx, r, digest.ScheduledPeriod(at))
}

// retryDigests sends again the runs left open by a failure whose backoff
// is over, or by a process that stopped while sending.
func (d *Daemon) retryDigests(ctx context.Context) {
	svc := d.digestService()
	states, err := d.store.DigestStates()
	if err != nil {
		d.log.Error("digest retries", slog.String("error", err.Error()))
		return
	}
	now := d.opts.Now()
	for _, st := range states {
		if st.Open == "" || !st.Subscribed() || now.Before(st.NextAttempt) || ctx.Err() != nil {
			continue
		}
		if r, ok := svc.Recipient(st.Email); ok {
			svc.Send(ctx, r, st.Open)
		}
	}
}

// catchUpDigests runs at once the digest of a recipient whose latest
// scheduled time passed, within catchUpWithin, since their last attempt:
// the daemon was stopped then.
func (d *Daemon) catchUpDigests(cfg *config.Config) {
	now := d.opts.Now()
	for _, r := range cfg.Digest.Recipients {
		st, found, err := d.store.DigestState(r.Email)
		if err != nil || !found || st.LastAttempt.IsZero() || !st.Subscribed() {
			continue
		}
		missed := latestBefore(cfg.Digest.RecipientSchedule(r), r, st.LastAttempt, now)
		if missed.IsZero() || now.Sub(missed) > catchUpWithin {
			continue
		}
		d.log.Info("digest missed while stopped: sending now", slog.String("recipient", r.Email), slog.Time("due", missed))
		d.digest.sched.RunNow("digest " + strings.ToLower(r.Email))
	}
}

// latestBefore returns the latest activation of spec after from and not
// after now, or the zero time when there is none.
func latestBefore(spec string, r config.Recipient, from, now time.Time) time.Time {
	var last time.Time
	for range 10000 { // a bound: every minute for a week
		next, err := schedule.Next(spec, r.Location, from)
		if err != nil || next.IsZero() || next.After(now) {
			break
		}
		last, from = next, next
	}
	return last
}
