package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/schedule"
	"github.com/vnjp-monitor/crawler/internal/server"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// Options tune a Daemon beyond its configuration.
type Options struct {
	Logger *slog.Logger
	// Grace is how long Stop lets running crawls finish before cancelling
	// them; default 20s.
	Grace time.Duration
	// LockTimeout bounds the wait for a database held elsewhere; default 2s.
	LockTimeout time.Duration
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// DigestRetryEvery is how often failed digests are looked at for a
	// retry; default DefaultDigestRetryEvery.
	DigestRetryEvery time.Duration
	// DigestBackoff paces the retries of a failed digest; zero fields
	// mean 1 minute doubling up to 1 hour.
	DigestBackoff health.Policy
}

// Daemon is a running monitor. Create it with Open, then Run it.
type Daemon struct {
	opts    Options
	log     *slog.Logger
	store   *store.Store
	metrics *server.Metrics
	server  *server.Server
	sched   *schedule.Scheduler
	digest  *digester
	running atomic.Bool
	// stopping is closed when the daemon begins to stop: crawls start no
	// new request, and those in flight finish within the grace period.
	stopping chan struct{}

	mu        sync.RWMutex // guards cfg, crawler and reloadErr
	cfg       *config.Config
	crawler   *crawl.Crawler
	reloadErr error // the last rejected reload, nil once one works

	busyMu sync.Mutex
	busy   map[string]bool // sources being crawled, so a scheduled run and a requested one never overlap
}

// Open opens the database and binds the HTTP endpoint, so that a second
// instance fails at once, before anything is scheduled.
func Open(cfg *config.Config, opts Options) (*Daemon, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Grace <= 0 {
		opts.Grace = 20 * time.Second
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = 2 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	d := &Daemon{opts: opts, log: opts.Logger, metrics: server.NewMetrics(), stopping: make(chan struct{})}
	st, err := store.Open(cfg.Database, store.Options{Timeout: opts.LockTimeout, Logger: opts.Logger})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err) // ErrLocked names the likely holder
	}
	d.store = st
	c, err := d.newCrawler(cfg)
	if err != nil {
		st.Close()
		return nil, err
	}
	d.cfg, d.crawler = cfg, c
	d.server = server.New(cfg.HTTP.Listen, StoreReader(st), d.metrics, d.healthy, d.log.With(slog.String("component", "http")))
	d.server.SetConfig(cfg)
	d.server.Mount(server.SourceErrorsPattern, d.server.SourceErrorsHandler(st), server.Read)
	d.server.SetReloadError(d.lastReloadError)
	if err := d.openDigest(cfg); err != nil {
		st.Close()
		return nil, err
	}
	d.mountAdmin()
	d.mountCrawlAdmin()
	if err := d.server.Start(); err != nil {
		st.Close()
		return nil, fmt.Errorf("http endpoint %s: %w", cfg.HTTP.Listen, err)
	}
	d.sched = schedule.New(cfg.Location, d.log.With(slog.String("component", "schedule")))
	return d, nil
}

// Addr is the bound address of the HTTP endpoint.
func (d *Daemon) Addr() string { return d.server.Addr() }

// Store gives tests read access to the database.
func (d *Daemon) Store() *store.Store { return d.store }

func (d *Daemon) newCrawler(cfg *config.Config) (*crawl.Crawler, error) {
	c, err := crawl.New(cfg, d.store, d.log)
	if err != nil {
		return nil, err
	}
	c.Observer, c.Now = d.metrics, d.opts.Now
	return c, nil
}

func (d *Daemon) healthy() error {
	if !d.running.Load() || !d.sched.Running() {
		return errors.New("scheduler not running")
	}
	if err := d.store.Ping(); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	return nil
}

// Run schedules every source, crawls each once at start, and blocks until
// ctx is cancelled; then it stops gracefully and closes everything. It
// also stops when a transaction finds the database damaged, and returns
// that error (wrapping store.ErrDamaged).
func (d *Daemon) Run(ctx context.Context) error {
	d.mu.RLock()
	jobs := d.jobs(d.cfg)
	d.mu.RUnlock()
	if err := d.sched.Replace(jobs); err != nil {
		d.shutdown()
		return err
	}
	d.sched.Start()
	if err := d.startDigest(); err != nil {
		d.shutdown()
		return err
	}
	d.running.Store(true)
	d.log.Info("daemon started", slog.String("http", d.Addr()), slog.Int("sources", len(jobs)-1))
	for _, j := range jobs { // a fresh start should not wait a whole interval
		d.sched.RunNow(j.Name)
	}
	d.refreshGauges()
	select {
	case <-ctx.Done():
		close(d.stopping) // no new request from here on
		d.log.Info("stopping: letting requests in flight finish", slog.Duration("grace", d.opts.Grace))
		return d.shutdown()
	case <-d.store.Damaged():
		close(d.stopping)
		// Writing on into a damaged file could spread the damage; a
		// restart would only find it again.
		err := d.store.DamageError()
		d.log.Error("database damaged: stopping", slog.String("error", err.Error()))
		return errors.Join(err, d.shutdown())
	}
}

// shutdown stops in order: HTTP endpoint, scheduler (requests in flight
// finish within the grace period or are cancelled; crawls start none once
// stopping is closed), database last.
func (d *Daemon) shutdown() error {
	d.running.Store(false)
	var errs []error
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := d.server.Close(ctx); err != nil {
		errs = append(errs, fmt.Errorf("stop http: %w", err))
	}
	if err := d.sched.Stop(d.opts.Grace); errors.Is(err, context.DeadlineExceeded) {
		// Cancelled requests are not failures, and every commit is whole:
		// a stop after the grace period is still a clean one.
		d.log.Warn("crawls still running after the grace period were cancelled", slog.Duration("grace", d.opts.Grace))
	} else if err != nil {
		errs = append(errs, fmt.Errorf("stop scheduler: %w", err))
	}
	if err := d.stopDigest(); err != nil {
		errs = append(errs, fmt.Errorf("stop digests: %w", err))
	}
	if err := d.store.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close database: %w", err))
	}
	d.log.Info("daemon stopped")
	return errors.Join(errs...)
}

func (d *Daemon) jobs(cfg *config.Config) []schedule.Job {
	jobs := make([]schedule.Job, 0, len(cfg.Sources)+1)
	jobs = append(jobs, d.upkeep(cfg))
	for _, src := range cfg.Sources {
		name := src.Name
		jobs = append(jobs, schedule.Job{
			Name: name, Spec: cfg.SourceSchedule(src),
			Run: func(ctx context.Context) { d.crawlSource(fetch.StopStarting(ctx, d.stopping), name) },
		})
	}
	return jobs
}

// source returns the current configuration of the named source.
func (d *Daemon) source(name string) (crawler.Source, *crawl.Crawler, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	for _, s := range d.cfg.Sources {
		if s.Name == name {
			return s, d.crawler, true
		}
	}
	return crawler.Source{}, nil, false
}
