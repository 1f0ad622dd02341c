package fetch

import (
	"context"
	"errors"
)

// ErrStopping means a request was not started because the caller asked to
// stop starting new ones (see StopStarting). Nothing was sent; the URL is
// as good as untried.
var ErrStopping = errors.New("not started: stopping")

type stopKey struct{}

// StopStarting returns a context under which Discover and FetchPages stop
// starting requests once stop is closed, reporting the URLs not yet
// started with ErrStopping, while the requests in flight go on until ctx
// ends. A daemon closes stop at SIGTERM and cancels ctx when its grace
// period is over.
func StopStarting(ctx context.Context, stop <-chan struct{}) context.Context {
	return context.WithValue(ctx, stopKey{}, stop)
}

// stopChan returns the channel given to StopStarting, or nil (never ready).
func stopChan(ctx context.Context) <-chan struct{} {
	ch, _ := ctx.Value(stopKey{}).(<-chan struct{})
	return ch
}

// stopping reports whether no request may start under ctx.
func stopping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case <-stopChan(ctx):
		return ErrStopping
	default:
		return nil
	}
}

// Stopping reports whether no request may start under ctx any more: it
// ended, or the channel given to StopStarting is closed. A caller that
// feeds URLs in rounds stops feeding then.
func Stopping(ctx context.Context) bool { return stopping(ctx) != nil }
