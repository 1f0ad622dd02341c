package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

const (
	robotsTTL      = 6 * time.Hour    // how long a fetched robots.txt is trusted
	robotsErrTTL   = time.Minute      // how long a failure to fetch it is remembered
	robotsMaxBytes = 500 << 10        // RFC 9309 and Google read the first 500 KiB
	robotsMaxHops  = 5                // redirects followed to reach robots.txt
	maxCrawlDelay  = 60 * time.Second // a larger Crawl-delay is capped, not obeyed
)

// robotsCache fetches and remembers robots.txt per scheme and host.
//
// colly's own check (IgnoreRobotsTxt=false) is not used: it fetches without
// the request's context, so cancellation cannot stop it; it caches forever,
// which a daemon must not; it lets a 5xx robots.txt allow everything; it
// never checks redirect targets; and its parser matches otherwise than RFC
// 9309 says, so robotstxt.go reads the files instead.
type robotsCache struct {
	client  atomic.Pointer[Client] // the latest Client sharing the cache
	mu      sync.Mutex
	entries map[string]*robotsEntry
}

type robotsEntry struct {
	mu   sync.Mutex // held while refreshing, so one fetch per host at a time
	snap atomic.Pointer[robotsSnap]
}

// robotsSnap is one fetch's outcome: rules or the error that prevented
// reading them.
type robotsSnap struct {
	data    *robotsRules
	err     error
	expires time.Time
}

func newRobotsCache(c *Client) *robotsCache {
	r := &robotsCache{entries: make(map[string]*robotsEntry)}
	r.client.Store(c)
	return r
}

// check returns nil when u may be fetched, an error wrapping ErrRobots when
// robots.txt disallows it, or the error that kept robots.txt from being
// read (a 5xx or 429 answer, a network failure). gated makes the robots.txt
// request itself wait its turn at the host gate; redirect checks pass false
// because they run while the gate is held.
func (r *robotsCache) check(ctx context.Context, u *url.URL, gated bool) error {
	data, err := r.get(ctx, u, gated)
	if unreachable(err) || errors.Is(err, ErrStopping) {
		return err // about the host, not its robots.txt
	}
	if err != nil {
		return fmt.Errorf("robots.txt for %s: %w", u.Host, err)
	}
	if !data.allowed(robotsPath(u)) {
		return fmt.Errorf("%w: %s", ErrRobots, u)
	}
	return nil
}

// crawlDelay returns the Crawl-delay robots.txt asks of us for u's host,
// capped, or zero when unknown.
func (r *robotsCache) crawlDelay(u *url.URL) time.Duration {
	snap := r.entry(u).snap.Load()
	if snap == nil || snap.data == nil {
		return 0
	}
	return min(snap.data.crawlDelay, maxCrawlDelay)
}

func (r *robotsCache) entry(u *url.URL) *robotsEntry {
	key := u.Scheme + "://" + hostKey(u)
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.entries[key]
	if !ok {
		e = &robotsEntry{}
		r.entries[key] = e
	}
	return e
}

func (r *robotsCache) get(ctx context.Context, u *url.URL, gated bool) (*robotsRules, error) {
	e := r.entry(u)
	snap := e.snap.Load()
	if snap != nil && time.Now().Before(snap.expires) {
		return snap.data, snap.err
	}
	robotsURL := u.Scheme + "://" + u.Host + "/robots.txt"
	if gated {
		e.mu.Lock()
	} else if !e.mu.TryLock() {
		// Another request is refreshing this entry and may be waiting for
		// the host gate this redirect's request holds: waiting here could
		// deadlock. Make do with the old rules, or a one-off fetch.
		if snap != nil {
			return snap.data, snap.err
		}
		return r.fetch(ctx, robotsURL, hostKey(u), false)
	}
	defer e.mu.Unlock()
	if snap := e.snap.Load(); snap != nil && time.Now().Before(snap.expires) {
		return snap.data, snap.err // refreshed while we waited
	}
	data, err := r.fetch(ctx, robotsURL, hostKey(u), gated)
	if ctx.Err() != nil {
		return nil, ctx.Err() // a cancelled fetch says nothing about the host
	}
	if errors.Is(err, ErrStopping) {
		return nil, err
	}
	ttl := robotsTTL
	if err != nil {
		ttl = robotsErrTTL
	}
	e.snap.Store(&robotsSnap{data: data, err: err, expires: time.Now().Add(ttl)})
	return data, err
}

func (r *robotsCache) fetch(ctx context.Context, robotsURL, host string, gated bool) (*robotsRules, error) {
	c := r.client.Load()
	if gated {
		release, err := c.gate.acquire(ctx, host, 0)
		if err != nil {
			return nil, err
		}
		defer release()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/plain,*/*;q=0.5")
	hc := &http.Client{
		Transport: c.transport,
		Timeout:   c.opts.Timeout,
		CheckRedirect: func(_ *http.Request, via []*http.Request) error {
			if len(via) > robotsMaxHops {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
	res, err := hc.Do(req)
	if err != nil {
		return nil, describe(ctx, err, "robots.txt request", robotsURL, c.opts.Timeout)
	}
	defer res.Body.Close()
	// As RFC 9309 and Google: a 5xx (or a 429) robots.txt means "try
	// later", not "allow all"; other 4xx mean there are no rules, and so
	// does a chain of more than five redirects.
	if res.StatusCode >= 500 || res.StatusCode == http.StatusTooManyRequests {
		return nil, statusError(res.StatusCode, res.Header, time.Now())
	}
	if res.StatusCode >= 300 {
		return &robotsRules{}, nil
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, robotsMaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(body) > robotsMaxBytes {
		// Read only the first 500 KiB, and not a line cut in two: its
		// first half could say less than the whole ("Allow: /" of
		// "Allow: /public/").
		body = body[:robotsMaxBytes]
		body = body[:bytes.LastIndexAny(body, "\r\n")+1]
	}
	return parseRobots(body, c.opts.UserAgent), nil
}
