package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/store"
)

func runBackup(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("backup", "FILE")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(a.stderr, "crawler backup: name the FILE to write the copy to")
		return errUsage
	}
	file := fs.Arg(0)
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	if same, err := sameFile(file, cfg.Database); err != nil || same {
		return fmt.Errorf("backup: %s is the database itself; name another file", file)
	}
	if _, err := os.Stat(cfg.Database); err != nil {
		return fmt.Errorf("backup: no database to copy: %w", err)
	}
	st, err := store.Open(cfg.Database, store.Options{Timeout: readLockTimeout})
	var n int64
	switch {
	case err == nil:
		defer st.Close()
		n, err = st.Backup(file)
	case errors.Is(err, store.ErrLocked):
		// The daemon holds the file: it streams a copy from one of its
		// read transactions while it goes on crawling.
		n, err = backupFromDaemon(ctx, cfg, file)
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(a.stdout, "Wrote a consistent copy of %s to %s (%d bytes).\n", cfg.Database, file, n)
	return nil
}

// backupFromDaemon asks the daemon's admin route for a copy and writes it
// to file atomically.
func backupFromDaemon(ctx context.Context, cfg *config.Config, file string) (int64, error) {
	req, err := adminClient(cfg).NewRequest(ctx, http.MethodPost, "/admin/backup", nil, nil)
	if err != nil {
		return 0, err
	}
	u := req.URL.String()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("the database is in use and the daemon at %s does not answer: %w", u, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 1024))
		return 0, fmt.Errorf("daemon at %s: %s: %s", u, res.Status, msg)
	}
	var n int64
	err = store.WriteFileAtomic(file, func(f *os.File) error {
		n, err = io.Copy(f, res.Body)
		if err != nil {
			return fmt.Errorf("receive copy: %w", err)
		}
		// A connection cut mid-copy ends the body early without an error
		// when the length was not announced; the announced one is checked.
		if want, perr := strconv.ParseInt(res.Header.Get("Content-Length"), 10, 64); perr == nil && n != want {
			return fmt.Errorf("receive copy: got %d of %d bytes", n, want)
		}
		return nil
	})
	return n, err
}

// sameFile reports whether a and b name the same file (false when b does
// not exist yet).
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if errors.Is(err, os.ErrNotExist) {
		absA, errA := filepath.Abs(a)
		absB, errB := filepath.Abs(b)
		return errA == nil && errB == nil && absA == absB, nil
	}
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, nil
	}
	return os.SameFile(fa, fb), nil
}

func runCompact(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("compact", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	st, err := store.Open(cfg.Database, store.Options{Timeout: lockTimeout, MustExist: true})
	if errors.Is(err, store.ErrLocked) {
		return fmt.Errorf("compact: %w\nStop the daemon first: compaction needs the file to itself (a backup does not: `crawler backup FILE`)", err)
	}
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	defer st.Close()
	if keep := cfg.Store.KeepRejected; keep > 0 {
		n, err := st.PruneRejected(ctx, time.Now().Add(-keep))
		if err != nil {
			return fmt.Errorf("compact: %w", err)
		}
		fmt.Fprintf(a.stdout, "Pruned the text of %d rejected articles stored more than %s ago.\n", n, keep)
	}
	before, after, err := st.Compact()
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	fmt.Fprintf(a.stdout, "Compacted %s: %d bytes, was %d.\n", cfg.Database, after, before)
	return nil
}
