package daemon

import (
	"fmt"
	"log/slog"

	"github.com/vnjp-monitor/crawler/internal/config"
)

// Reload swaps in a new configuration (SIGHUP): sources, schedules,
// politeness and taxonomy. Database and listen address need a restart and
// are kept. The per-host politeness state and robots.txt files carry over,
// so crawls still running and new ones take turns at each host. On error
// nothing changes, and the error shows in /healthz and the metrics until a
// reload works.
func (d *Daemon) Reload(cfg *config.Config) error {
	err := d.reload(cfg)
	d.ReloadFailed(err)
	return err
}

// ReloadFailed records the outcome of a reload attempt (nil: it worked),
// for /healthz and the metrics; call it directly when the configuration
// file could not even be loaded.
func (d *Daemon) ReloadFailed(err error) {
	d.metrics.ObserveReload(d.opts.Now(), err)
	d.mu.Lock()
	d.reloadErr = err
	d.mu.Unlock()
}

func (d *Daemon) lastReloadError() error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.reloadErr
}

func (d *Daemon) reload(cfg *config.Config) error {
	d.mu.RLock()
	old, prev := d.cfg, d.crawler
	d.mu.RUnlock()
	if cfg.Database != old.Database || cfg.HTTP.Listen != old.HTTP.Listen {
		d.log.Warn("database and http.listen changes take effect after a restart",
			slog.String("database", old.Database), slog.String("listen", old.HTTP.Listen))
		cfg.Database, cfg.HTTP.Listen = old.Database, old.HTTP.Listen
	}
	c, err := prev.Reload(cfg)
	if err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	applyDigest, err := d.reloadDigest(cfg)
	if err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	if err := d.sched.Replace(d.jobs(cfg)); err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	if err := applyDigest(); err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	d.mu.Lock()
	d.cfg, d.crawler = cfg, c
	d.mu.Unlock()
	d.server.SetConfig(cfg)
	for _, src := range old.Sources {
		if !hasSource(cfg, src.Name) {
			d.metrics.ForgetSource(src.Name)
		}
	}
	d.log.Info("configuration reloaded", slog.String("path", cfg.Path), slog.Int("sources", len(cfg.Sources)))
	d.refreshGauges()
	return nil
}

func hasSource(cfg *config.Config, name string) bool {
	for _, s := range cfg.Sources {
		if s.Name == name {
			return true
		}
	}
	return false
}
