package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/daemon"
)

func runDaemon(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("run", "[--grace DURATION]")
	grace := fs.Duration("grace", 20*time.Second, "on SIGINT/SIGTERM, how long running crawls may finish before they are cancelled")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// SIGHUP is caught from the start: its default action would kill the
	// daemon while it opens; one arriving then is a reload once it runs.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	if err := exposedWithoutToken(cfg); err != nil {
		return err
	}
	d, err := daemon.Open(cfg, daemon.Options{Logger: a.logger, Grace: *grace, LockTimeout: lockTimeout})
	if err != nil {
		return err
	}
	go reloadOnHangup(ctx, a, d, hup)
	go exitOnSecondSignal(ctx, a.logger)
	return d.Run(ctx)
}

// reloadOnHangup reloads the configuration on SIGHUP; an invalid file is
// logged and the running configuration kept.
func reloadOnHangup(ctx context.Context, a *app, d *daemon.Daemon, hup <-chan os.Signal) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			cfg, err := config.Load(a.configPath)
			if err != nil {
				d.ReloadFailed(err)
			} else {
				err = d.Reload(cfg)
			}
			if err != nil {
				a.logger.Error("reload rejected; keeping the running configuration", slog.String("error", err.Error()))
			}
		}
	}
}

// exitOnSecondSignal waits for the first SIGINT/SIGTERM (ctx cancelled by
// main) and exits at once on a second one, cutting the graceful stop short.
// bbolt commits are atomic, so the database stays consistent.
func exitOnSecondSignal(ctx context.Context, log *slog.Logger) {
	<-ctx.Done()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	s := <-sig
	log.Warn("second signal: exiting now", slog.String("signal", s.String()))
	fmt.Fprintln(os.Stderr, "crawler: interrupted")
	os.Exit(130)
}

// exposedWithoutToken refuses a listen address reachable from other
// machines when no token guards the pages, the API and the admin routes.
func exposedWithoutToken(cfg *config.Config) error {
	if cfg.HTTP.OnLoopback() || cfg.HTTP.Token != "" {
		return nil
	}
	return fmt.Errorf("http.listen is %s, reachable from other machines, and no token is set: "+
		"set http.token_file (or http.token) in %s, or listen on 127.0.0.1", cfg.HTTP.Listen, cfg.Path)
}
