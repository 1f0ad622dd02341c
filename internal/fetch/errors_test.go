package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"testing"
	"time"
)

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestTemporary(t *testing.T) {
	wrapURL := func(err error) error { return &url.Error{Op: "Get", URL: "http://x/", Err: err} }
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"Nil", nil, false},
		{"500", &StatusError{Code: 500}, true},
		{"503Wrapped", fmt.Errorf("source x: %w", &StatusError{Code: 503}), true},
		{"429", &StatusError{Code: 429}, true},
		{"408", &StatusError{Code: 408}, true},
		{"404", &StatusError{Code: 404}, false},
		{"403", &StatusError{Code: 403}, false},
		{"TooLarge", wrapURL(ErrTooLarge), false},
		{"NotHTML", ErrNotHTML, false},
		{"Robots", fmt.Errorf("%w: /x", ErrRobots), false},
		{"RedirectLoop", wrapURL(ErrRedirectLoop), false},
		{"Canceled", wrapURL(context.Canceled), false},
		{"DeadlineExceeded", wrapURL(context.DeadlineExceeded), true},
		{"NetTimeout", wrapURL(timeoutErr{}), true},
		{"ConnRefused", wrapURL(&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), true},
		{"ConnReset", wrapURL(&net.OpError{Op: "read", Err: syscall.ECONNRESET}), true},
		{"UnexpectedEOF", wrapURL(io.ErrUnexpectedEOF), true},
		{"ConnectionClosed", wrapURL(io.EOF), true},
		{"EmptyDocument", fmt.Errorf("parse sitemap: %w", io.EOF), false},
		{"DNSNotFound", wrapURL(&net.DNSError{Err: "no such host", Name: "x", IsNotFound: true}), false},
		{"DNSServerFailure", wrapURL(&net.DNSError{Err: "server misbehaving", Name: "x", IsTemporary: true}), true},
		{"Other", errors.New("parse feed: bad xml"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Temporary(tt.err); got != tt.want {
				t.Fatalf("Temporary(%v)=%v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestStatusErrorIs(t *testing.T) {
	tests := []struct {
		code int
		want bool
	}{{404, true}, {410, true}, {400, false}, {500, false}}
	for _, tt := range tests {
		if got := errors.Is(fmt.Errorf("x: %w", &StatusError{Code: tt.code}), ErrNotFound); got != tt.want {
			t.Errorf("errors.Is(%d, ErrNotFound)=%v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestStatusErrorRetryAfter(t *testing.T) {
	now := time.Date(2026, 6, 12, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		code   int
		header string
		want   time.Duration
	}{
		{"Seconds429", 429, "120", 2 * time.Minute},
		{"Seconds503", 503, " 30 ", 30 * time.Second},
		{"Date", 503, "Fri, 12 Jun 2026 10:05:00 GMT", 5 * time.Minute},
		{"DateInPast", 429, "Fri, 12 Jun 2026 09:00:00 GMT", 0},
		{"Zero", 429, "0", 0},
		{"Negative", 429, "-5", 0},
		{"Garbage", 429, "soon", 0},
		{"HugeCapped", 429, "99999999999", 365 * 24 * time.Hour},
		{"IgnoredOn500", 500, "120", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			h.Set("Retry-After", tt.header)
			err := statusError(tt.code, h, now)
			got, ok := RetryAfter(err)
			if got != tt.want || ok != (tt.want > 0) {
				t.Fatalf("RetryAfter=%v, %v; want %v", got, ok, tt.want)
			}
		})
	}
	if err := statusError(204, nil, now); err != nil {
		t.Errorf("statusError(204)=%v, want nil", err)
	}
	if _, ok := RetryAfter(errors.New("plain")); ok {
		t.Error("RetryAfter(plain error) reported a delay")
	}
}

func TestNewRejectsNegativeOptions(t *testing.T) {
	for _, opts := range []Options{{Parallelism: -1}, {Timeout: -1}, {MaxBodyBytes: -1}, {PerHostDelay: -1}} {
		if _, err := New(opts, nil); err == nil {
			t.Errorf("New(%+v) succeeded", opts)
		}
	}
}
