package daemon

import (
	"context"
	"log/slog"

	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// crawlSource is one scheduled run for one source: skipped while the source
// backs off, then a crawl pass, then metrics.
func (d *Daemon) crawlSource(ctx context.Context, name string) {
	src, c, ok := d.source(name)
	if !ok {
		return // removed by a reload while this run was due
	}
	now := d.opts.Now()
	st, err := d.store.SourceState(name)
	if err != nil {
		d.log.Error("read source state", slog.String("source", name), slog.String("error", err.Error()))
		return
	}
	if !health.Due(st, now) {
		d.log.Debug("source backing off", slog.String("source", name), slog.Time("next_attempt", st.NextAttempt))
		return
	}
	if !d.claim(name) {
		return // crawled now on an operator's request (POST /admin/crawl)
	}
	defer d.release(name)
	d.observe(name, c.Source(ctx, src))
}

// observe records a crawl pass in the metrics.
func (d *Daemon) observe(name string, rep crawl.Report) {
	err := rep.Err
	if rep.Interrupted && err == nil {
		err = context.Canceled // counted as cancelled, not as a failure
	}
	d.metrics.ObserveCrawl(name, rep.Duration, err)
	if err == nil {
		d.metrics.SetLastSuccess(name, d.opts.Now())
	}
	d.refreshGauges()
}

// refreshGauges recomputes the stored-article and source-flag gauges.
func (d *Daemon) refreshGauges() {
	stats, err := d.store.Stats()
	if err != nil {
		d.log.Error("read stats", slog.String("error", err.Error()))
		return
	}
	d.mu.RLock()
	cfg := d.cfg
	d.mu.RUnlock()
	for _, p := range cfg.Pillars {
		d.metrics.SetArticlesStored(p.ID, stats.Pillars[p.ID])
	}
	d.metrics.SetArticlesStored("", stats.NotRelevant)
	states, err := d.store.SourceStates()
	if err != nil {
		d.log.Error("read source states", slog.String("error", err.Error()))
		return
	}
	now := d.opts.Now()
	var silent, failing int
	for _, src := range cfg.Sources {
		for _, st := range states {
			if st.Name != src.Name {
				continue
			}
			if health.Failing(st) {
				failing++
			}
			if health.Silent(st, cfg.SourceExpectEvery(src), now) {
				silent++
			}
			if !st.LastSuccess.IsZero() {
				d.metrics.SetLastSuccess(st.Name, st.LastSuccess)
			}
		}
	}
	d.metrics.SetSourceFlags(silent, failing)
}
