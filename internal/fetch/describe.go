package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"
)

// TimeoutError is a request that did not finish within its time limit. It
// says which request and which limit, where net/http only says "context
// deadline exceeded".
type TimeoutError struct {
	What  string        // "request", "robots.txt request"
	URL   string        // without credentials
	Limit time.Duration // the limit that ran out
	Err   error
}

// Error implements error.
func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%s timeout (%v) exceeded: %s", e.What, e.Limit, e.URL)
}

// Unwrap returns the underlying error.
func (e *TimeoutError) Unwrap() error { return e.Err }

// Timeout reports true, as net.Error does for timeouts.
func (e *TimeoutError) Timeout() bool { return true }

// UnreachableError is a host that could not be reached at all: its name
// did not resolve (no such host, or no DNS server: offline), the
// connection was refused or failed, or its address was refused as
// internal. It is not a verdict of the host's robots.txt, which could not
// even be asked.
type UnreachableError struct {
	Host string
	Err  error
}

// Error implements error.
func (e *UnreachableError) Error() string {
	if ae, ok := errors.AsType[*AddressError](e.Err); ok {
		return ae.Error()
	}
	if dns, ok := errors.AsType[*net.DNSError](e.Err); ok {
		if dns.IsNotFound {
			return fmt.Sprintf("cannot reach %s: no such host", e.Host)
		}
		return fmt.Sprintf("cannot reach %s: DNS lookup failed (offline?): %v", e.Host, dns.Err)
	}
	if op, ok := errors.AsType[*net.OpError](e.Err); ok {
		return fmt.Sprintf("cannot reach %s: %s: %v", e.Host, op.Op, op.Err)
	}
	return fmt.Sprintf("cannot reach %s: %v", e.Host, e.Err)
}

// Unwrap returns the underlying error.
func (e *UnreachableError) Unwrap() error { return e.Err }

// describe gives a failed request's error a message that says what
// happened: which timeout ran out, or that the host could not be reached.
// Errors after ctx ended are the caller's doing and are left alone.
func describe(ctx context.Context, err error, what, rawURL string, limit time.Duration) error {
	if err == nil || ctx.Err() != nil {
		return err
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		if _, done := errors.AsType[*TimeoutError](err); !done {
			return &TimeoutError{What: what, URL: rawURL, Limit: limit, Err: err}
		}
		return err
	}
	_, dns := errors.AsType[*net.DNSError](err)
	_, addr := errors.AsType[*AddressError](err)
	op, isOp := errors.AsType[*net.OpError](err)
	if dns || addr || isOp && op.Op == "dial" {
		host := rawURL
		if u, perr := url.Parse(rawURL); perr == nil {
			host = u.Hostname()
		}
		return &UnreachableError{Host: host, Err: err}
	}
	return err
}

// unreachable reports whether err says the host could not be reached.
func unreachable(err error) bool {
	_, ok := errors.AsType[*UnreachableError](err)
	return ok
}
