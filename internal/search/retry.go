package search

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/vnjp-monitor/crawler/internal/fetch"
)

// Options tune the providers' pacing and bounds; zero fields take the
// defaults, which follow what the providers ask of clients.
type Options struct {
	// GDELTInterval is the pause between two GDELT requests; GDELT allows
	// one every 5 seconds.
	GDELTInterval time.Duration
	// ResolveInterval is the pause after each call that resolves Google
	// News links, which the provider rate-limits; default 3s.
	ResolveInterval time.Duration
	// Backoff is the first wait after a 429 without Retry-After; it
	// doubles with each retry. Default 5s.
	Backoff time.Duration
	// MaxWait bounds one wait: a longer Retry-After ends the pass's tries
	// at once. Default 60s.
	MaxWait time.Duration
	// Retries is how many times a rate-limited request is tried again
	// within one pass; default 3.
	Retries int
	// BatchSize is the number of links resolved by one call; default 10.
	BatchSize int
	// MaxResolve bounds the links resolved online per source and pass;
	// the rest wait for the next pass. Default 100.
	MaxResolve int
}

func (o Options) withDefaults() Options {
	o.GDELTInterval = orDefault(o.GDELTInterval, 5*time.Second)
	o.ResolveInterval = orDefault(o.ResolveInterval, 3*time.Second)
	o.Backoff = orDefault(o.Backoff, 5*time.Second)
	o.MaxWait = orDefault(o.MaxWait, 60*time.Second)
	o.Retries = orDefault(o.Retries, 3)
	o.BatchSize = orDefault(o.BatchSize, 10)
	o.MaxResolve = orDefault(o.MaxResolve, 100)
	return o
}

func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// call performs req and waits out rate limiting within the pass: after a
// 429 answer, or a redirect to a block page (where providers send clients
// they throttle), it waits the Retry-After delay or a doubling backoff and
// tries again, at most Options.Retries times. It then fails with an error
// wrapping ErrRateLimited. Other answers are returned to the caller.
func (s *Searcher) call(ctx context.Context, provider string, req fetch.APIRequest) (*fetch.APIResponse, error) {
	o := s.Options.withDefaults()
	wait := o.Backoff
	for attempt := 0; ; attempt++ {
		res, err := s.HTTP.API(ctx, req)
		if err != nil || res.Status != http.StatusTooManyRequests && !isBlockPage(res.Location) {
			return res, err
		}
		s.observe(provider, EventRateLimited, 1)
		why := fmt.Sprintf("answered %d %s", res.Status, firstLine(res.Body))
		if res.Location != "" {
			why = "redirected to " + res.Location
		}
		next := wait
		if d, ok := fetch.RetryAfter(res.Err()); ok {
			next = d
		}
		if attempt >= o.Retries || next > o.MaxWait {
			return nil, fmt.Errorf("%w: %s %s after %d tries", ErrRateLimited, hostOf(req.URL), why, attempt+1)
		}
		t := time.NewTimer(next)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		}
		wait = min(wait*2, o.MaxWait)
	}
}

// isBlockPage reports whether a redirect target is where a provider sends
// clients it throttles: Google's "sorry" and consent pages.
func isBlockPage(location string) bool {
	u, err := url.Parse(location)
	if location == "" || err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return host == "google.com" || strings.HasSuffix(host, ".google.com") || strings.HasPrefix(u.Path, "/sorry")
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Host
	}
	return "provider"
}
