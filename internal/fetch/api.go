package fetch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// APIRequest is one call to a provider's API, such as a news search, as
// opposed to a page of a site being crawled.
type APIRequest struct {
	Method string      // GET when empty, or POST
	URL    string      // absolute http or https
	Header http.Header // extra request headers (Accept, Content-Type, If-None-Match)
	Body   []byte      // request body of a POST
	// Interval is the pause the provider asks for between two requests to
	// its host; the larger of it and Options.PerHostDelay applies after
	// this request.
	Interval time.Duration
}

// APIResponse is an API's answer, whatever its status.
type APIResponse struct {
	URL      string // as requested
	FinalURL string // after redirects on the same host
	Status   int
	Header   http.Header
	Body     []byte // decompressed, at most Options.MaxBodyBytes
	// Location is the absolute target of a redirect to another host,
	// which was not followed; "" otherwise.
	Location string
}

// Err returns nil for a 2xx status and a *StatusError otherwise, with the
// delay a 429 or 503 answer asked for in its Retry-After header.
func (r *APIResponse) Err() error { return statusError(r.Status, r.Header, time.Now()) }

// API performs one request to a provider's API. The politeness gate
// applies (one request at a time per host, the larger of
// Options.PerHostDelay and req.Interval between them, Options.Parallelism
// in flight), so do the timeout and the body cap (ErrTooLarge). Redirects
// are followed only on the same host: a redirect elsewhere (to the
// publisher an API links to, or to the block page of a provider throttling
// the client) is returned with its Location for the caller to judge. Any
// HTTP status is returned as a response, not an error: providers explain
// their refusals in the body; use APIResponse.Err to classify it.
//
// robots.txt is not consulted: a provider's endpoint is an interface for
// programs that a source names explicitly, not a site being crawled, and a
// rate-limited API that answered 429 to a robots.txt request would block
// the source for as long as robots.txt failures are remembered. The
// publisher pages a search finds are fetched with [Client.FetchPages], under
// robots.txt like any page.
func (c *Client) API(ctx context.Context, req APIRequest) (*APIResponse, error) {
	u, err := url.Parse(req.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q: not an absolute http or https url", req.URL)
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	hreq, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(req.Body))
	if err != nil {
		return nil, err
	}
	for k, vs := range req.Header {
		hreq.Header[k] = append([]string(nil), vs...)
	}
	hreq.Header.Set("User-Agent", c.opts.UserAgent)
	release, err := c.gate.acquire(ctx, hostKey(u), req.Interval)
	if err != nil {
		return nil, fmt.Errorf("wait for %s: %w", u.Host, err)
	}
	defer release()
	start := time.Now()
	res, err := c.apiClient().Do(hreq)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", u.Host, err)
	}
	c.log.Debug("api call", slog.String("host", u.Host), slog.String("method", method),
		slog.Int("status", res.StatusCode), slog.Int("bytes", len(body)), slog.Duration("duration", time.Since(start)))
	out := &APIResponse{URL: req.URL, FinalURL: res.Request.URL.String(), Status: res.StatusCode, Header: res.Header, Body: body}
	if loc, err := res.Location(); err == nil && res.StatusCode >= 300 && res.StatusCode < 400 {
		out.Location = loc.String()
	}
	return out, nil
}

// apiClient follows redirects while they stay on the host first asked, and
// stops at the first that leaves it.
func (c *Client) apiClient() *http.Client {
	return &http.Client{
		Transport: c.transport,
		Timeout:   c.opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > c.opts.MaxRedirects {
				return fmt.Errorf("%w: more than %d redirects", ErrRedirectLoop, c.opts.MaxRedirects)
			}
			if hostKey(req.URL) != hostKey(via[0].URL) || req.URL.Scheme != via[0].URL.Scheme {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
}
