package fetch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
)

// Keys of the per-request colly.Context.
const (
	ctxResponse = "fetch.response" // *colly.Response
	ctxPage     = "fetch.page"     // bool: an article page, which must be HTML
	ctxNotHTML  = "fetch.nothtml"  // string: the Content-Type that refused it
)

// session is one Discover or FetchPages call: a colly collector bound to the
// call's context, with a fresh cookie jar so that consent cookies set during
// a redirect work without leaking between calls.
type session struct {
	c    *Client
	ctx  context.Context
	coll *colly.Collector
	auth *sourceAuth // the source's credentials, for listing requests
}

// response is what a session request returns.
type response struct {
	url      string // as requested
	finalURL string // after redirects
	status   int
	header   http.Header
	body     []byte // decompressed, in the charset it was sent in (see charset.go)
}

// newSession builds the collector. colly.NewCollector applies COLLY_*
// environment variables after the options given to it, so every setting
// this package depends on is set again afterwards: the configuration, not
// the environment, decides user agent, body cap, caching, domains, robots and
// redirects. (colly still prints unknown COLLY_* names with log.Println.)
func (c *Client) newSession(ctx context.Context) *session {
	coll := colly.NewCollector(colly.StdlibContext(ctx))
	coll.UserAgent = c.opts.UserAgent
	coll.MaxBodySize = 0 // capTransport enforces the cap and fails instead of truncating
	coll.AllowURLRevisit = true
	coll.ParseHTTPErrorResponse = true
	coll.IgnoreRobotsTxt = true // robotsCache does it, see robots.go
	coll.CacheDir = ""
	coll.AllowedDomains, coll.DisallowedDomains = nil, nil
	coll.MaxDepth, coll.MaxRequests = 0, 0
	coll.DetectCharset, coll.TraceHTTP = false, false
	jar, _ := cookiejar.New(nil) // never fails without options
	coll.SetClient(&http.Client{
		Transport:     c.transport,
		Timeout:       c.opts.Timeout,
		CheckRedirect: c.checkRedirect,
		Jar:           jar,
	})
	coll.OnResponseHeaders(hideCharset)
	coll.OnResponseHeaders(refuseNonHTML)
	coll.OnResponse(func(r *colly.Response) { r.Ctx.Put(ctxResponse, r) })
	return &session{c: c, ctx: ctx, coll: coll}
}

// refuseNonHTML aborts an article download as soon as the headers show it
// is not HTML, so a 40 MB PDF costs one round trip.
func refuseNonHTML(r *colly.Response) {
	if page, _ := r.Ctx.GetAny(ctxPage).(bool); !page || r.StatusCode < 200 || r.StatusCode > 299 {
		return
	}
	ct := r.Headers.Get("Content-Type")
	if ct != "" && !isHTMLType(ct) {
		r.Ctx.Put(ctxNotHTML, ct)
		r.Request.Abort()
	}
}

func isHTMLType(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(contentType), ";")
		mt = strings.TrimSpace(mt)
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// get performs one polite GET: robots.txt, then the host gate, then the
// request through colly. hdr holds extra request headers. page marks an
// article request, which must be HTML. Statuses are not errors here.
func (s *session) get(rawURL string, hdr http.Header, page bool) (*response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parse url: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q: not an absolute http or https url", rawURL)
	}
	if err := s.c.policy.checkHost(u.Hostname()); err != nil {
		return nil, err
	}
	if err := stopping(s.ctx); err != nil {
		return nil, err
	}
	if s.c.opts.RespectRobots {
		if err := s.c.robots.check(s.ctx, u, true); err != nil {
			return nil, err
		}
	}
	release, err := s.c.gate.acquire(s.ctx, hostKey(u), s.c.robots.crawlDelay(u))
	if err != nil {
		return nil, fmt.Errorf("wait for %s: %w", u.Host, err)
	}
	defer release()

	start := time.Now()
	cctx := colly.NewContext()
	cctx.Put(ctxPage, page)
	if !page {
		s.auth.apply(u)
	}
	err = s.coll.Request(http.MethodGet, u.String(), nil, cctx, hdr)
	if ct, ok := cctx.GetAny(ctxNotHTML).(string); ok {
		return nil, fmt.Errorf("%w: %s", ErrNotHTML, ct)
	}
	if err != nil {
		err = describe(s.ctx, withoutUser(err, rawURL), "request", rawURL, s.c.opts.Timeout)
		s.c.log.Debug("fetch failed", slog.String("url", rawURL), slog.Any("error", err))
		return nil, err
	}
	r, ok := cctx.GetAny(ctxResponse).(*colly.Response)
	if !ok {
		return nil, errors.New("no response from collector")
	}
	s.c.log.Debug("fetched", slog.String("url", rawURL), slog.Int("status", r.StatusCode),
		slog.Int("bytes", len(r.Body)), slog.Duration("duration", time.Since(start)))
	if ct, ok := cctx.GetAny(ctxContentType).(string); ok {
		r.Headers.Set("Content-Type", ct)
	}
	return &response{
		url:      rawURL,
		finalURL: stripUser(r.Request.URL.String()),
		status:   r.StatusCode,
		header:   *r.Headers,
		body:     r.Body,
	}, nil
}
