// Package daemon is `crawler run`: it crawls each source on its cron
// schedule, keeps per-source health (backoff, silent sources), serves
// /healthz, /metrics and a read API, reloads its configuration on request
// and stops gracefully.
//
// # Sharing the database
//
// bbolt lets one process open the file. The daemon holds it for its whole
// life; `crawler list`, `show` and `sources` find the file locked and read
// through the daemon's HTTP API instead (see internal/server). A second
// daemon on the same database fails at once with [store.ErrLocked].
package daemon
