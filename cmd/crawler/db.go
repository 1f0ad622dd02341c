package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/vnjp-monitor/crawler/internal/store"
)

// runDB dispatches the database maintenance subcommands.
func runDB(_ context.Context, a *app, args []string) error {
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprintln(a.stderr, "Usage: crawler db check\n\n  check  verify the database file: pages, records and indexes; exit status 3 when damaged")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return nil
		}
		return errUsage
	}
	fs := a.newFlagSet("db check", "")
	fs.Usage = func() {
		fmt.Fprintln(a.stderr, "Usage: crawler db check\n\nChecks the configured database without changing it: bbolt's page-level\n"+
			"consistency check, every record's encoding and the indexes. Lists each problem\n"+
			"and exits with status 3 when there is any. Stop the daemon first: it holds the file.")
	}
	if err := parseFlagsOnly(fs, args[1:]); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	problems, err := store.CheckFile(cfg.Database, store.Options{Timeout: lockTimeout})
	if errors.Is(err, store.ErrLocked) {
		return fmt.Errorf("%w\nStop the daemon (systemctl stop vnjp-crawler) to check the file", err)
	}
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintf(a.stdout, "%s: no damage found.\n", cfg.Database)
		return nil
	}
	fmt.Fprintf(a.stdout, "%s: %s:\n", cfg.Database, plural(len(problems), "problem"))
	for _, p := range problems {
		fmt.Fprintf(a.stdout, "  %v\n", p)
	}
	return fmt.Errorf("%s: %w: restore it from a backup (records that do not decode are skipped by `list`)", cfg.Database, store.ErrDamaged)
}

// plural renders n and noun, adding an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
