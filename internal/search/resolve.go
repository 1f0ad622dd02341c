package search

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
)

// Bounds of the queue of links waiting to be resolved.
const (
	linkTTL         = 7 * 24 * time.Hour // older links are dropped: the story is stale
	maxLinkAttempts = 5                  // failed resolutions before a link is dropped
	maxQueuedLinks  = 2000               // per source; the oldest go first
)

// finish resolves queued links, oldest first, at most Options.MaxResolve
// per pass, in batches. Rate limiting that outlasts the pass's waits stops
// the resolution; the links stay queued for the next pass.
func (g *googleNews) finish(ctx context.Context, sink Sink, out *Outcome) error {
	o := g.s.Options.withDefaults()
	links, err := g.s.State.Unresolved(g.src.Name)
	if err != nil {
		return err
	}
	links, err = g.prune(links, out)
	if err != nil {
		return err
	}
	todo := links[:min(len(links), o.MaxResolve)]
	left := len(links)
	defer func() { out.Unresolved = left }()
	for len(todo) > 0 {
		batch := todo[:min(len(todo), o.BatchSize)]
		todo = todo[len(batch):]
		done, err := g.resolveBatch(ctx, batch, sink, out)
		left -= done
		if err != nil {
			return fmt.Errorf("resolving google news links: %w (%d left for the next pass)", err, left)
		}
	}
	return nil
}

// prune drops links that are too old, failed too often, or exceed the
// queue's bound, and returns the rest, oldest first.
func (g *googleNews) prune(links []crawler.SearchLink, out *Outcome) ([]crawler.SearchLink, error) {
	now := g.s.now()
	var keep []crawler.SearchLink
	var drop []string
	for _, l := range links {
		if now.Sub(l.Added) > linkTTL || l.Attempts >= maxLinkAttempts {
			drop = append(drop, l.ID)
			continue
		}
		keep = append(keep, l)
	}
	if extra := len(keep) - maxQueuedLinks; extra > 0 {
		for _, l := range keep[:extra] {
			drop = append(drop, l.ID)
		}
		keep = keep[extra:]
	}
	if len(drop) > 0 {
		out.Errors = append(out.Errors, fmt.Errorf("gave up on %d google news links that could not be resolved", len(drop)))
	}
	return keep, g.s.State.RemoveUnresolved(g.src.Name, drop...)
}

// resolveBatch resolves one batch: the article page of each link, then one
// call for all. It returns how many links left the queue (resolved, or
// failed for the last time) and an error when the pass must stop resolving.
func (g *googleNews) resolveBatch(ctx context.Context, batch []crawler.SearchLink, sink Sink, out *Outcome) (int, error) {
	var sigs []signature
	var sigLinks, failed []crawler.SearchLink
	var found []resolution
	fail := func(l crawler.SearchLink, err error) {
		l.Attempts++
		l.LastError = err.Error()
		failed = append(failed, l)
	}
	for _, l := range batch {
		sig, direct, err := g.signature(ctx, l)
		switch {
		case err == nil && direct != "":
			found = append(found, resolution{l, direct})
		case err == nil:
			sigs, sigLinks = append(sigs, sig), append(sigLinks, l)
		case perLink(err):
			fail(l, err)
		default:
			return 0, err
		}
	}
	answers, err := g.batch(ctx, sigs, sigLinks)
	if err != nil && !perLink(err) {
		return 0, err
	}
	for i, l := range sigLinks {
		u, rerr := answers.forRequest(i, len(sigs), err)
		if rerr != nil {
			fail(l, rerr)
			continue
		}
		found = append(found, resolution{l, u})
	}
	done := 0
	for _, f := range found {
		u, err := publisher(f.url, g.hosts)
		if err != nil {
			fail(f.link, err)
			continue
		}
		l := f.link
		r := Result{URL: u, Title: l.Title, Outlet: outletOf(l.Outlet, u), Published: l.Published, Lang: l.Lang}
		if err := sink([]Result{r}); err != nil {
			return done, err
		}
		if err := g.s.State.SetResolved(g.src.Name, l.ID, u); err != nil {
			return done, err
		}
		done++
		out.Found++
		out.Resolved++
	}
	g.s.observe(crawler.ProviderGoogleNews, EventResolved, done)
	g.s.observe(crawler.ProviderGoogleNews, EventUnresolved, len(failed))
	for _, l := range failed {
		if l.Attempts >= maxLinkAttempts {
			done++ // dropped by the next prune
		}
	}
	if len(failed) > 0 {
		out.addError(fmt.Errorf("%d google news links not resolved, first: %s", len(failed), failed[0].LastError))
	}
	return done, g.s.State.UpdateUnresolved(g.src.Name, failed)
}

// resolution is a link and the URL it resolved to, not yet checked.
type resolution struct {
	link crawler.SearchLink
	url  string
}

// perLink reports whether err concerns one link only (its page is gone or
// lacks the signature, the provider refused that request), so the other
// links may still be resolved in this pass.
func perLink(err error) bool {
	if errors.Is(err, errNoSignature) || errors.Is(err, errBadAnswer) {
		return true
	}
	se, ok := errors.AsType[*fetch.StatusError](err)
	return ok && se.Code >= 400 && se.Code < 500 && se.Code != http.StatusTooManyRequests
}

// errBadAnswer marks a batch answer that could not be read.
var errBadAnswer = errors.New("unreadable answer")

// signature fetches a link's article page for its signature and
// timestamp. The RSS form of the page is asked first, since the others send
// non-browser clients elsewhere; the plain form is the fallback when the
// first lacks the attributes. A page that redirects to another site (not a
// block page, which call waits out) names the publisher: direct is its URL.
func (g *googleNews) signature(ctx context.Context, l crawler.SearchLink) (sig signature, direct string, err error) {
	e := editionFor(l.Lang)
	params := fmt.Sprintf("?hl=%s&gl=%s&ceid=%s", queryEscape(e.hl), e.gl, queryEscape(e.ceid))
	for _, page := range []string{"/rss/articles/", "/articles/"} {
		var res *fetch.APIResponse
		res, err = g.s.call(ctx, crawler.ProviderGoogleNews, fetch.APIRequest{
			URL: g.src.Endpoint + page + l.ID + params, Header: http.Header{"Accept": {"text/html"}},
		})
		switch {
		case err != nil:
			return sig, "", err
		case res.Location != "":
			return sig, res.Location, nil
		}
		if err = res.Err(); err != nil {
			if !perLink(err) {
				return sig, "", err
			}
			continue
		}
		var ts int64
		var sg string
		if ts, sg, err = parseSignature(res.Body); err == nil {
			return signature{ID: l.ID, TS: ts, Sig: sg}, "", nil
		}
	}
	return sig, "", err
}

// batch posts sigs in one call and reads the answer.
func (g *googleNews) batch(ctx context.Context, sigs []signature, links []crawler.SearchLink) (*batchAnswer, error) {
	if len(sigs) == 0 {
		return nil, nil
	}
	ceid := editionFor(links[0].Lang).ceid
	body, err := batchRequestBody(sigs, ceid)
	if err != nil {
		return nil, err
	}
	res, err := g.s.call(ctx, crawler.ProviderGoogleNews, fetch.APIRequest{
		Method:   http.MethodPost,
		URL:      g.src.Endpoint + "/_/DotsSplashUi/data/batchexecute",
		Header:   http.Header{"Content-Type": {"application/x-www-form-urlencoded;charset=UTF-8"}},
		Body:     body,
		Interval: g.s.Options.withDefaults().ResolveInterval,
	})
	if err != nil {
		return nil, err
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s", err, firstLine(res.Body))
	}
	answers, err := parseBatchAnswer(res.Body)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errBadAnswer, err)
	}
	return answers, nil
}
