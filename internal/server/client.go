package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// Client reads from a running daemon's API. It implements [Reader], so the
// CLI can use it wherever it would use the store when the database file is
// held by the daemon.
type Client struct {
	BaseURL string       // such as "http://127.0.0.1:8080"; see BaseURL
	HTTP    *http.Client // nil for a client with a 10-second timeout
}

var _ Reader = (*Client)(nil)

// defaultHTTP bounds every call, so a wedged daemon cannot hang the CLI.
var defaultHTTP = &http.Client{Timeout: 10 * time.Second}

// maxResponse caps what the client reads from one answer.
const maxResponse = 64 << 20

// BaseURL returns the URL at which a client on the same machine reaches a
// server listening on listen: a wildcard host (":8080", "0.0.0.0:8080",
// "[::]:8080") becomes the loopback address.
func BaseURL(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "http://" + listen
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// ListArticles returns the articles matching q.
func (c *Client) ListArticles(q ListQuery) ([]*crawler.Article, error) {
	v := url.Values{}
	if q.All {
		v.Set("all", "1")
	}
	if q.Pillar != "" {
		v.Set("pillar", q.Pillar)
	}
	if !q.Since.IsZero() {
		v.Set("since", q.Since.Format(time.RFC3339Nano))
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	var list []*crawler.Article
	if err := c.get("/api/articles", v, &list); err != nil {
		return nil, err
	}
	return list, nil
}

// GetArticle returns the article with the ID, or an error wrapping
// ErrNotFound when the daemon has none.
func (c *Client) GetArticle(id string) (*crawler.Article, error) {
	var a crawler.Article
	if err := c.get("/api/articles/"+url.PathEscape(id), nil, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// SourceStates returns the health of every source.
func (c *Client) SourceStates() ([]crawler.SourceState, error) {
	var states []crawler.SourceState
	if err := c.get("/api/sources", nil, &states); err != nil {
		return nil, err
	}
	return states, nil
}

// get fetches path with query v and decodes the JSON answer into out.
func (c *Client) get(path string, v url.Values, out any) error {
	u := strings.TrimSuffix(c.BaseURL, "/") + path
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	hc := c.HTTP
	if hc == nil {
		hc = defaultHTTP
	}
	resp, err := hc.Get(u)
	if err != nil {
		return fmt.Errorf("ask the daemon: %w", err)
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, maxResponse)
	if resp.StatusCode != http.StatusOK {
		return statusError(resp.StatusCode, u, body)
	}
	if err := json.NewDecoder(body).Decode(out); err != nil {
		return fmt.Errorf("decode answer of %s: %w", u, err)
	}
	return nil
}

// statusError turns a non-200 answer into an error carrying the daemon's
// message. A 404 with the API's JSON body wraps ErrNotFound; a bare 404 means
// the route is missing (not a daemon of this program, or an older one).
func statusError(code int, u string, body io.Reader) error {
	var e apiError
	if json.NewDecoder(body).Decode(&e) != nil || e.Error == "" {
		return fmt.Errorf("daemon answered %d %s for %s", code, http.StatusText(code), u)
	}
	if code == http.StatusNotFound {
		return fmt.Errorf("%w: %s", ErrNotFound, e.Error)
	}
	return fmt.Errorf("daemon answered %d for %s: %s", code, u, e.Error)
}
