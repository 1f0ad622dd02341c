// Package server is the daemon's HTTP endpoint: health, Prometheus metrics
// and a small read-only JSON API over the stored articles and source health.
//
// # Routes
//
//	GET /healthz              200 {"status":"ok",...} or 503 {"status":"unavailable","error":...}
//	GET /metrics              Prometheus text exposition (private registry)
//	GET /api/articles         JSON array; ?all=1 &pillar=ID &since=RFC3339 &limit=N
//	GET /api/articles/{id}    JSON article, 404 when unknown
//	GET /api/sources          JSON array of source states
//
// # Why a read API
//
// bbolt lets one process hold the database file for writing. While the
// daemon runs, `crawler list`, `show` and `sources` cannot open the file, so
// they fall back to [Client], which asks the daemon over this API; Client
// implements the same [Reader] interface the server reads from, so the CLI
// code does not care which one it holds.
//
// The API only reads. It listens where http.listen says (127.0.0.1:8080 by
// default); anything else, such as 0.0.0.0:8080 in a container, exposes the
// stored articles and source errors to whoever can reach the port.
package server
