// Package server is the daemon's HTTP endpoint: the web page, Atom feeds,
// OPML and JSON API over the stored articles, health and Prometheus
// metrics, and the admin routes other packages mount.
//
// # Routes
//
//	GET  /                         article list; ?pillar ?lang ?source ?from ?to ?q ?all ?limit ?cursor
//	GET  /articles/{id}            one record with its evidence marked
//	GET  /sources                  health of every source
//	GET  /sources.opml             the configured sources
//	GET  /feeds/all.atom           Atom; also /feeds/pillar/{id}.atom, /feeds/lang/{lang}.atom; ?limit (50, max 500)
//	GET  /api/articles             {"articles": [...], "next": cursor}; the list filters, ?since ?until ?min_relevance
//	GET  /api/articles/{id}        JSON article, 404 when unknown
//	GET  /api/sources              JSON array of source states
//	GET  /healthz                  200 {"status":"ok",...} or 503
//	GET  /metrics                  Prometheus text exposition (private registry)
//	GET  /login, POST /login       the token form, which sets the session cookie
//	GET  /static/style.css         the one stylesheet
//	POST /admin/...                mounted with [Server.Mount] and [Admin] access
//
// # Access
//
// [Server.SetConfig] gives the server its configuration. Without
// http.token every route answers anyone who reaches the port, which is why
// `crawler run` refuses a non-loopback address without one. With a token,
// [Read] routes need it (bearer header, basic-auth password or login
// cookie) and only [Public] ones (/healthz, /login, the stylesheet,
// /unsubscribe) do not. [Admin] routes answer a loopback connection made
// to a loopback name without a proxy header, or the token. Requests that
// change something are refused when a browser sends them from another
// site.
//
// Every answer carries a Content-Security-Policy without script or
// third-party origins, nosniff and no-referrer. Stored text is untrusted
// (it comes from crawled pages): templates escape it and links are made
// only to http and https URLs. Errors of the reader are logged and
// answered with a bare 500.
//
// # Reading
//
// The server reads through a [Reader]; the daemon passes the store, which
// also implements [Counter] for the per-pillar tabs. [Client] implements
// Reader over the API, so the CLI works the same whether it opened the
// database itself or the daemon holds it.
package server
