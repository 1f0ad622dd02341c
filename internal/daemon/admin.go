package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/server"
)

// Admin routes let the CLI act while the daemon holds the database:
//
//	POST /admin/crawl[?source=NAME]  a crawl pass now, answered with the reports
//	POST /admin/reclassify           the current taxonomy over every article
//
// Both run while the request waits (a crawl pass may take minutes), so
// their write deadline is lifted; a shutdown cancels them.

// CrawlResult is the body of POST /admin/crawl.
type CrawlResult struct {
	Reports []CrawlReport `json:"reports"`
}

// CrawlReport is a crawl.Report with its error as text.
type CrawlReport struct {
	crawl.Report
	Error string `json:"error,omitempty"`
}

// ReclassifyResult is the body of POST /admin/reclassify.
type ReclassifyResult struct {
	Total   int `json:"total"`
	Changed int `json:"changed"`
}

// mountCrawlAdmin adds the crawl and reclassify routes.
func (d *Daemon) mountCrawlAdmin() {
	d.server.Mount("POST /admin/crawl", http.HandlerFunc(d.handleCrawl), server.Admin)
	d.server.Mount("POST /admin/reclassify", http.HandlerFunc(d.handleReclassify), server.Admin)
}

func (d *Daemon) handleCrawl(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("source")
	d.mu.RLock()
	sources := d.cfg.Sources
	d.mu.RUnlock()
	if name != "" {
		src, _, ok := d.source(name)
		if !ok {
			adminJSON(w, http.StatusNotFound, map[string]string{"error": fmt.Sprintf("no source named %q", name)})
			return
		}
		sources = []crawler.Source{src}
	}
	noDeadline(w)
	d.log.Info("admin: crawl now", slog.Int("sources", len(sources)))
	res := CrawlResult{Reports: []CrawlReport{}}
	for _, src := range sources {
		rep, err := d.crawlNow(r.Context(), src.Name)
		res.Reports = append(res.Reports, CrawlReport{Report: rep, Error: errText(err)})
	}
	adminJSON(w, http.StatusOK, res)
}

// crawlNow crawls one source at once, backoff or not (an operator asked),
// unless a scheduled run of it is going.
func (d *Daemon) crawlNow(ctx context.Context, name string) (crawl.Report, error) {
	rep := crawl.Report{Source: name}
	if !d.claim(name) {
		return rep, errors.New("a crawl of this source is already running")
	}
	defer d.release(name)
	src, c, ok := d.source(name)
	if !ok {
		return rep, errors.New("source removed by a reload")
	}
	// Like a scheduled run, it starts no new request once the daemon
	// begins to stop.
	rep = c.Source(fetch.StopStarting(ctx, d.stopping), src)
	d.observe(name, rep)
	return rep, rep.Err
}

func (d *Daemon) handleReclassify(w http.ResponseWriter, r *http.Request) {
	noDeadline(w)
	d.mu.RLock()
	c := d.crawler
	d.mu.RUnlock()
	start := time.Now()
	total, changed, err := crawl.Reclassify(r.Context(), d.store, c.Classifier)
	if err != nil {
		d.log.Error("admin: reclassify", slog.String("error", err.Error()))
		adminJSON(w, http.StatusInternalServerError, map[string]string{"error": "reclassify failed; the details are in the daemon's log"})
		return
	}
	d.log.Info("admin: reclassified", slog.Int("articles", total), slog.Int("changed", changed),
		slog.Duration("took", time.Since(start)))
	d.refreshGauges()
	adminJSON(w, http.StatusOK, ReclassifyResult{Total: total, Changed: changed})
}

// claim marks a source as being crawled; false when it already is.
func (d *Daemon) claim(name string) bool {
	d.busyMu.Lock()
	defer d.busyMu.Unlock()
	if d.busy[name] {
		return false
	}
	if d.busy == nil {
		d.busy = map[string]bool{}
	}
	d.busy[name] = true
	return true
}

func (d *Daemon) release(name string) {
	d.busyMu.Lock()
	defer d.busyMu.Unlock()
	delete(d.busy, name)
}

// noDeadline lifts the server's write timeout for a long admin request.
func noDeadline(w http.ResponseWriter) {
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
}

func adminJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// errText is err's message with any credentials in its URLs masked.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return health.Redact(err.Error())
}
