package fetch

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
)

// gate enforces the politeness rules: one request in flight per host, a
// pause between requests to the same host, and at most n requests in flight
// overall.
//
// colly's LimitRule could do part of this, but a rule with DomainGlob "*"
// shares one slot across all hosts, adding one rule per host while requests
// run races with colly's unlocked rule initialisation, and its delay is a
// time.Sleep that ignores cancellation. The gate waits on the caller's
// context instead.
type gate struct {
	mu    sync.Mutex
	delay time.Duration        // guarded by mu
	slots chan struct{}        // one token per request in flight; guarded by mu
	hosts map[string]*hostGate // guarded by mu
}

// hostGate serialises one host. The token in turn is held for the whole
// request; next is only touched by the token holder.
type hostGate struct {
	turn chan struct{}
	next time.Time // earliest start of the next request
}

func newGate(parallelism int, delay time.Duration) *gate {
	return &gate{
		delay: delay,
		slots: make(chan struct{}, parallelism),
		hosts: make(map[string]*hostGate),
	}
}

// hostKey names the unit of politeness: host and port, lower case. Two
// servers on one IP but different ports count as two hosts, like two
// virtual hosts behind one address would.
func hostKey(u *url.URL) string {
	return strings.ToLower(u.Host)
}

// host returns key's gate, with the slots and delay now in force.
func (g *gate) host(key string) (*hostGate, chan struct{}, time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	h, ok := g.hosts[key]
	if !ok {
		h = &hostGate{turn: make(chan struct{}, 1)}
		g.hosts[key] = h
	}
	return h, g.slots, g.delay
}

// setLimits changes the parallelism and the delay, keeping every host's
// turn and pause: a configuration reload must not let a host be asked
// twice at once. Requests holding a slot of the old limit release it
// there; for a moment both limits' requests may be in flight.
func (g *gate) setLimits(parallelism int, delay time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if cap(g.slots) != parallelism {
		g.slots = make(chan struct{}, parallelism)
	}
	g.delay = delay
}

// acquire waits for the host's turn, the host's pause and a free slot, in
// that order, so that a request waiting out a pause does not hold a slot
// other hosts could use. The returned release must be called once the
// response body has been read; the next request to the host then waits the
// larger of the gate's delay and minDelay (a robots.txt Crawl-delay).
//
// A request waiting here has not started: it gives up when ctx ends or,
// with ErrStopping, when the caller stops starting requests.
func (g *gate) acquire(ctx context.Context, key string, minDelay time.Duration) (release func(), err error) {
	h, slots, delay := g.host(key)
	stop := stopChan(ctx)
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-stop:
		return nil, ErrStopping
	}
	if wait := time.Until(h.next); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			<-h.turn
			return nil, ctx.Err()
		case <-stop:
			t.Stop()
			<-h.turn
			return nil, ErrStopping
		}
	}
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		<-h.turn
		return nil, ctx.Err()
	case <-stop:
		<-h.turn
		return nil, ErrStopping
	}
	return func() {
		h.next = time.Now().Add(max(delay, minDelay))
		<-slots
		<-h.turn
	}, nil
}
