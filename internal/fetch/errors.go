package fetch

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Errors reported by [Client.Discover] and [Client.FetchPages], always
// wrapped; test with errors.Is.
var (
	// ErrTooLarge means the response body exceeded Options.MaxBodyBytes. The
	// body is refused rather than truncated.
	ErrTooLarge = errors.New("response body too large")
	// ErrNotHTML means an article URL answered with something other than an
	// HTML document (a PDF, an image, a feed). The body is not downloaded
	// when the Content-Type header already says so.
	ErrNotHTML = errors.New("not an html page")
	// ErrRobots means robots.txt disallows the URL for our user agent. The
	// URL was not requested.
	ErrRobots = errors.New("disallowed by robots.txt")
	// ErrRedirectLoop means a redirect chain revisited a URL or was longer
	// than Options.MaxRedirects.
	ErrRedirectLoop = errors.New("redirect loop or too many redirects")
	// ErrNotFound means the server answered 404 Not Found or 410 Gone. It is
	// matched by a *StatusError with one of those codes.
	ErrNotFound = errors.New("not found")
)

// StatusError is an HTTP response status that is not a success.
type StatusError struct {
	Code int // HTTP status code
	// RetryAfter is the delay the server asked for with Retry-After on a 429
	// or 503 answer; zero when absent or unparseable.
	RetryAfter time.Duration
}

// Error implements error.
func (e *StatusError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("http status %d %s (retry after %s)", e.Code, http.StatusText(e.Code), e.RetryAfter)
	}
	return fmt.Sprintf("http status %d %s", e.Code, http.StatusText(e.Code))
}

// Is makes errors.Is(err, ErrNotFound) true for 404 and 410.
func (e *StatusError) Is(target error) bool {
	return target == ErrNotFound && (e.Code == http.StatusNotFound || e.Code == http.StatusGone)
}

// Temporary reports whether err is worth retrying later: timeouts, 5xx, 429
// and 408 answers, refused or reset connections and DNS failures other than
// "no such host". Refusals by this package (ErrTooLarge, ErrNotHTML,
// ErrRobots, ErrRedirectLoop, ErrInternalAddress), 4xx answers and
// cancellation are not.
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrStopping) {
		return true // never tried
	}
	for _, permanent := range []error{ErrTooLarge, ErrNotHTML, ErrRobots, ErrRedirectLoop, ErrInternalAddress, context.Canceled} {
		if errors.Is(err, permanent) {
			return false
		}
	}
	if se, ok := errors.AsType[*StatusError](err); ok {
		return se.Code >= 500 || se.Code == http.StatusTooManyRequests || se.Code == http.StatusRequestTimeout
	}
	if _, ok := errors.AsType[*x509.UnknownAuthorityError](err); ok {
		return false
	}
	if _, ok := errors.AsType[x509.HostnameError](err); ok {
		return false
	}
	if dns, ok := errors.AsType[*net.DNSError](err); ok {
		return !dns.IsNotFound
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		return true
	}
	if ue, ok := errors.AsType[*url.Error](err); ok && errors.Is(ue.Err, io.EOF) {
		return true // the server closed the connection before answering
	}
	return errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrUnexpectedEOF)
}

// RetryAfter returns the delay a server asked for with a Retry-After header
// on a 429 or 503 answer, and whether there was one.
func RetryAfter(err error) (time.Duration, bool) {
	se, ok := errors.AsType[*StatusError](err)
	if !ok || se.RetryAfter <= 0 {
		return 0, false
	}
	return se.RetryAfter, true
}

// statusError returns nil for 2xx codes and a *StatusError otherwise.
func statusError(code int, h http.Header, now time.Time) error {
	if code >= 200 && code < 300 {
		return nil
	}
	se := &StatusError{Code: code}
	if code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable {
		se.RetryAfter = parseRetryAfter(h.Get("Retry-After"), now)
	}
	return se
}

// parseRetryAfter reads delay-seconds or an HTTP date (RFC 9110 section
// 10.2.3). A date in the past gives zero.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, int64(365*24*3600))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d.Round(time.Second)
		}
	}
	return 0
}
