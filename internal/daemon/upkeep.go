package daemon

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/schedule"
	"github.com/vnjp-monitor/crawler/internal/server"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// upkeepJob is the scheduler's name for the daily database upkeep; the
// brackets keep it apart from source names in logs.
const upkeepJob = "[store upkeep]"

// upkeep is the daily job: it drops the text of rejected articles older
// than store.keep_rejected.
func (d *Daemon) upkeep(cfg *config.Config) schedule.Job {
	return schedule.Job{Name: upkeepJob, Spec: "@every 24h", Run: func(ctx context.Context) {
		keep := cfg.Store.KeepRejected
		if keep <= 0 {
			return
		}
		n, err := d.store.PruneRejected(ctx, d.opts.Now().Add(-keep))
		if err != nil {
			d.log.Error("prune rejected articles", slog.String("error", err.Error()))
			return
		}
		d.log.Info("pruned rejected articles", slog.Int("articles", n), slog.Duration("older_than", keep))
	}}
}

// mountAdmin adds the daemon's admin routes to its HTTP endpoint.
func (d *Daemon) mountAdmin() {
	d.server.Mount("POST /admin/backup", backupHandler(d.store, d.log), server.Admin)
}

// backupHandler streams a consistent copy of the database, taken in one
// read transaction while crawls go on writing, to the client
// (`crawler backup FILE`, which writes it atomically).
func backupHandler(st *store.Store, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="crawler.db"`)
		n, err := st.WriteTo(w, func(size int64) {
			w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		})
		if err != nil {
			// The status line is gone; the client sees a short body and
			// discards the copy.
			log.Error("backup", slog.Int64("bytes_sent", n), slog.String("error", err.Error()))
			return
		}
		log.Info("backup sent", slog.Int64("bytes", n))
	})
}
