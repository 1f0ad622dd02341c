package fetch

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/vnjp-monitor/crawler"
)

// Defaults used for zero Options fields.
const (
	DefaultParallelism  = 4
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBodyBytes = 10 << 20
	DefaultMaxRedirects = 10
	DefaultMaxSitemaps  = 50
)

// Options configures a [Client]. Zero fields take the defaults above, except
// PerHostDelay (zero means no pause) and RespectRobots (the configuration
// layer turns it on).
type Options struct {
	UserAgent    string        // sent with every request; default "vnjp-monitor/<version>"
	PerHostDelay time.Duration // pause between the end of one request to a host and the start of the next
	Parallelism  int           // requests in flight across hosts; 1 per host
	Timeout      time.Duration // whole request: connect, redirects, headers and body
	MaxBodyBytes int64         // larger responses are refused with ErrTooLarge
	// RespectRobots makes every request, and every redirect target, wait
	// for the host's robots.txt and skip disallowed URLs with ErrRobots.
	RespectRobots bool
	MaxRedirects  int // default 10; a loop is an error
	// MaxSitemaps caps the child sitemaps one Discover call fetches from
	// sitemap indexes, newest lastmod first.
	MaxSitemaps int
	// MaxSitemapURLs caps the article links taken from one sitemap file,
	// newest lastmod first; zero takes them all. Listing.Truncated counts
	// the links left out.
	MaxSitemapURLs int
	// AllowHosts are the hosts (names or IP addresses, any port) that may
	// be reached on internal addresses: loopback, private networks,
	// link-local and the other non-public ranges. Every other host must
	// resolve to public addresses, checked on the address connected to, so
	// that a feed item or a redirect cannot reach an internal service.
	// Give the hosts of the configured sources here.
	AllowHosts []string
	// Transport replaces the network transport, for tests; nil uses a
	// clone of http.DefaultTransport that connects directly (no proxy from
	// the environment, whose name resolution the address check could not
	// see) through the address check. A Transport given here is not
	// checked, except for URLs whose host is an internal address literal.
	Transport http.RoundTripper
	// Logger receives debug records about requests; nil discards them.
	Logger *slog.Logger
}

// Validators are a URL's conditional-GET state.
type Validators struct{ ETag, LastModified string }

// ValidatorStore keeps Validators per URL. Discover reads them before a
// listing request and writes them after a 200 answer that parsed.
type ValidatorStore interface {
	Validators(url string) (Validators, error)
	SetValidators(url string, v Validators) error
}

// Client fetches listings and article pages politely: one request at a time
// per host, a pause between them, a cap on requests in flight, robots.txt,
// size and redirect limits. A Client is safe for concurrent use and is meant
// to live as long as the program, since it remembers robots.txt files and
// when each host was last contacted.
type Client struct {
	opts      Options
	vs        ValidatorStore
	log       *slog.Logger
	transport http.RoundTripper // base transport wrapped by capTransport
	policy    *addrPolicy
	gate      *gate
	robots    *robotsCache
}

// New returns a Client. vs may be nil, which turns conditional GET off. New
// fails only on invalid options (negative limits).
func New(opts Options, vs ValidatorStore) (*Client, error) {
	if opts.Parallelism < 0 || opts.Timeout < 0 || opts.MaxBodyBytes < 0 ||
		opts.MaxRedirects < 0 || opts.MaxSitemaps < 0 || opts.MaxSitemapURLs < 0 || opts.PerHostDelay < 0 {
		return nil, errors.New("fetch options: negative limit")
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "vnjp-monitor/" + crawler.Version
	}
	opts.Parallelism = orDefault(opts.Parallelism, DefaultParallelism)
	opts.Timeout = orDefault(opts.Timeout, DefaultTimeout)
	opts.MaxBodyBytes = orDefault(opts.MaxBodyBytes, DefaultMaxBodyBytes)
	opts.MaxRedirects = orDefault(opts.MaxRedirects, DefaultMaxRedirects)
	opts.MaxSitemaps = orDefault(opts.MaxSitemaps, DefaultMaxSitemaps)
	policy := newAddrPolicy(opts.AllowHosts)
	base := opts.Transport
	if base == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 2
		t.Proxy = nil
		t.DialContext = policy.dialer(30 * time.Second)
		base = t
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	c := &Client{
		opts:      opts,
		vs:        vs,
		log:       log,
		transport: &capTransport{base: base, max: opts.MaxBodyBytes},
		policy:    policy,
		gate:      newGate(opts.Parallelism, opts.PerHostDelay),
	}
	c.robots = newRobotsCache(c)
	return c, nil
}

// Reload returns a Client with opts (and c's ValidatorStore) that shares
// c's politeness state: each host's turn and pause, and, unless the user
// agent changed, the robots.txt files read so far. Crawls still running on
// c and new ones on the result then take turns at each host, as one
// Client's would; a configuration reload uses it.
func (c *Client) Reload(opts Options) (*Client, error) {
	n, err := New(opts, c.vs)
	if err != nil {
		return nil, err
	}
	c.gate.setLimits(n.opts.Parallelism, n.opts.PerHostDelay)
	n.gate = c.gate
	if n.opts.UserAgent == c.opts.UserAgent {
		n.robots = c.robots
		n.robots.client.Store(n) // robots.txt requests take the new settings
	}
	return n, nil
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// checkRedirect is the http.Client redirect policy: it bounds the chain,
// detects loops and applies robots.txt to each new target, which colly's own
// robots check never sees.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opts.MaxRedirects {
		return fmt.Errorf("%w: more than %d redirects", ErrRedirectLoop, c.opts.MaxRedirects)
	}
	// A single revisit is allowed: sites commonly redirect to the same URL
	// once after setting a cookie.
	seen := 0
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			seen++
		}
	}
	if seen >= 2 {
		return fmt.Errorf("%w: %s visited %d times", ErrRedirectLoop, req.URL, seen+1)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
	}
	if err := c.policy.checkHost(req.URL.Hostname()); err != nil {
		return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), err)
	}
	if c.opts.RespectRobots {
		if err := c.robots.check(req.Context(), req.URL, false); err != nil {
			return err
		}
	}
	return nil
}

// CloseIdleConnections closes the keep-alive connections the Client holds
// open between requests, as a program that is done crawling would.
func (c *Client) CloseIdleConnections() {
	if t, ok := c.transport.(interface{ CloseIdleConnections() }); ok {
		t.CloseIdleConnections()
	}
}
