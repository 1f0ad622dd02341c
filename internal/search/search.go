package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/canon"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// Caller makes the providers' HTTP calls; *fetch.Client is the one used
// outside tests.
type Caller interface {
	API(ctx context.Context, req fetch.APIRequest) (*fetch.APIResponse, error)
}

// State keeps what search sources need between passes: provider links not
// resolved yet, links already resolved (so a link listed again costs
// nothing), and conditional-GET validators of the providers' answers.
type State interface {
	fetch.ValidatorStore
	// Unresolved returns source's links waiting to be resolved, oldest
	// first.
	Unresolved(source string) ([]crawler.SearchLink, error)
	// AddUnresolved queues links; those already queued keep their entry.
	AddUnresolved(source string, links []crawler.SearchLink) (added int, err error)
	// UpdateUnresolved rewrites queued links (attempt counts, errors).
	UpdateUnresolved(source string, links []crawler.SearchLink) error
	// RemoveUnresolved drops links from source's queue.
	RemoveUnresolved(source string, ids ...string) error
	// Resolved returns the publisher URL an id resolved to earlier.
	Resolved(id string) (url string, ok bool, err error)
	// SetResolved records that id resolved to url and drops id from
	// source's queue.
	SetResolved(source, id, url string) error
}

// Observer counts provider events for metrics; it must be safe for
// concurrent use.
type Observer interface {
	// ObserveSearch counts n events of provider: EventResults,
	// EventDecoded, EventResolved, EventUnresolved or EventRateLimited.
	ObserveSearch(provider, event string, n int)
}

// Events counted by an Observer.
const (
	EventResults     = "results"      // results listed by the provider
	EventDecoded     = "decoded"      // provider links decoded offline
	EventResolved    = "resolved"     // provider links resolved online
	EventUnresolved  = "failed"       // resolutions that failed
	EventRateLimited = "rate_limited" // 429 answers (or redirects to a block page)
)

// Sink receives the publisher links a pass finds. It must make them
// durable before it returns: the search records a query as done, or a
// link as resolved, only afterwards, so a crash loses nothing.
type Sink func([]Result) error

// Result is a story found by a search, at its publisher.
type Result struct {
	URL       string    // the publisher's article, canonical (see internal/canon)
	Title     string    // headline without the provider's " - Outlet" suffix
	Outlet    string    // the publisher's name, or its domain
	Published time.Time // zero when unknown
	Lang      string    // the article's language as the provider says, else the query's
}

// Outcome is what one pass over a search source did.
type Outcome struct {
	Results    int                  // results the provider listed, all queries
	Found      int                  // publisher links handed to the sink
	Decoded    int                  // provider links decoded offline
	Resolved   int                  // provider links resolved online
	Unresolved int                  // provider links left for a later pass
	Queries    []crawler.QueryState // every query's updated record
	Errors     []error              // non-fatal problems
	// LastError is the provider's most recent error, for the source's
	// record; nil after a clean pass.
	LastError error
}

func (o *Outcome) addError(err error) {
	o.Errors = append(o.Errors, err)
	o.LastError = err
}

// ErrRateLimited means a provider kept answering 429 (or sending the client
// to a block page) after the bounded waits of one pass.
var ErrRateLimited = errors.New("rate limited by the provider")

// Searcher runs the queries of search sources. Its fields are set once
// before use; HTTP and State are required.
type Searcher struct {
	HTTP     Caller
	State    State
	Options  Options
	Observer Observer // nil counts nothing
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Run performs one pass over src: every query, then (google-news) the
// resolution of provider links, new and left over. prev is the source's
// record from the last pass, nil on the first. Run hands publisher links to
// sink as it finds them and returns an error only when no query could be
// read; the Outcome is never nil. A provider still rate-limiting after the
// pass's waits ends the pass: the queries left wait for the next one.
func (s *Searcher) Run(ctx context.Context, src crawler.Source, prev *crawler.SearchState, sink Sink) (*Outcome, error) {
	out := &Outcome{}
	p, err := s.provider(src)
	if err != nil {
		return out, err
	}
	// Every query keeps its record, even one the pass never ran.
	out.Queries = make([]crawler.QueryState, len(src.Queries))
	for i, q := range src.Queries {
		out.Queries[i] = previousQuery(prev, q)
	}
	ran, failed := 0, 0
	var firstErr error
	for i, q := range src.Queries {
		qs := &out.Queries[i]
		qs.LastRun = s.now()
		err := p.query(ctx, q, qs, sink, out)
		ran++
		qs.LastError = ""
		if err != nil {
			failed++
			qs.LastError = health.Redact(err.Error())
			err = fmt.Errorf("query %q (%s): %w", q.Q, q.Lang, err)
			firstErr = cmp.Or(firstErr, err)
			out.addError(err)
		}
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		if errors.Is(err, ErrRateLimited) {
			break
		}
	}
	if ran == len(src.Queries) {
		if err := p.finish(ctx, sink, out); err != nil {
			out.addError(err)
		}
	}
	if failed > 0 && failed == ran {
		return out, fmt.Errorf("%s: %d of %d queries run, none answered: %w", src.Provider, ran, len(src.Queries), firstErr)
	}
	return out, ctx.Err()
}

// provider is one provider's side of a pass.
type provider interface {
	// query runs q, hands what it finds to sink and updates qs (counts,
	// window covered).
	query(ctx context.Context, q crawler.SearchQuery, qs *crawler.QueryState, sink Sink, out *Outcome) error
	// finish does the work left after the queries (resolving links).
	finish(ctx context.Context, sink Sink, out *Outcome) error
}

func (s *Searcher) provider(src crawler.Source) (provider, error) {
	hosts, err := providerHosts(src.Endpoint)
	if err != nil {
		return nil, err
	}
	switch src.Provider {
	case crawler.ProviderGoogleNews:
		return &googleNews{s: s, src: src, hosts: hosts}, nil
	case crawler.ProviderGDELT:
		return &gdelt{s: s, src: src, hosts: hosts}, nil
	}
	return nil, fmt.Errorf("unknown search provider %q", src.Provider)
}

// providerHosts are the hosts whose links are never publisher links: the
// endpoint's.
func providerHosts(endpoint string) (map[string]bool, error) {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("search endpoint %q: not an absolute url", endpoint)
	}
	return map[string]bool{strings.ToLower(u.Host): true}, nil
}

// previousQuery returns q's record from prev, or a fresh one.
func previousQuery(prev *crawler.SearchState, q crawler.SearchQuery) crawler.QueryState {
	if prev != nil {
		for _, qs := range prev.Queries {
			if qs.Q == q.Q && qs.Lang == q.Lang {
				return qs
			}
		}
	}
	return crawler.QueryState{Q: q.Q, Lang: q.Lang}
}

// publisher canonicalises a link found by a search and refuses links to the
// provider itself, which must never be fetched or stored as articles.
func publisher(raw string, hosts map[string]bool) (string, error) {
	u, err := canon.URL(raw)
	if err != nil {
		return "", err
	}
	pu, err := url.Parse(u)
	if err != nil {
		return "", err
	}
	if isProviderHost(pu, hosts) {
		return "", fmt.Errorf("%s is a provider link, not a publisher's", pu.Host)
	}
	return u, nil
}

func (s *Searcher) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Searcher) observe(provider, event string, n int) {
	if s.Observer != nil && n > 0 {
		s.Observer.ObserveSearch(provider, event, n)
	}
}

// outletOf names the outlet of a result lacking one: its host.
func outletOf(name, rawURL string) string {
	if name != "" {
		return name
	}
	if u, err := url.Parse(rawURL); err == nil {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}
