package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// Client calls a running daemon's API and admin routes. It implements
// [Reader], so the CLI can use it wherever it would use the store when the
// database file is held by the daemon.
type Client struct {
	BaseURL string       // such as "http://127.0.0.1:8080"; see config.HTTP.LocalURL
	Token   string       // sent as a bearer token when set (http.token)
	HTTP    *http.Client // nil for a client with a 10-second timeout
}

var _ Reader = (*Client)(nil)

// defaultHTTP bounds every call, so a wedged daemon cannot hang the CLI.
var defaultHTTP = &http.Client{Timeout: 10 * time.Second}

// maxResponse caps what the client reads from one answer.
const maxResponse = 64 << 20

// Articles calls fn with each article matching q, following the API's
// pages, and returns the cursor of the page after the last article it
// passed on ("" when none is left). The articles carry the fields of the
// list API (Summary), not their text or evidence.
func (c *Client) Articles(q ListQuery, fn func(*crawler.Article) error) (string, error) {
	v := queryValues(q)
	cursor, sent := q.Cursor, 0
	for {
		want := maxLimit
		if q.Limit > 0 {
			want = min(want, q.Limit-sent)
		}
		v.Set("limit", strconv.Itoa(want))
		if cursor != "" {
			v.Set("cursor", cursor)
		}
		var page articleList
		if err := c.get("/api/articles", v, &page); err != nil {
			return "", err
		}
		for _, sum := range page.Articles {
			if err := fn(sum.article()); err != nil {
				return "", err
			}
		}
		sent += len(page.Articles)
		cursor = page.Next
		if cursor == "" || q.Limit > 0 && sent >= q.Limit {
			return cursor, nil
		}
	}
}

// queryValues encodes q's filters as the list API reads them.
func queryValues(q ListQuery) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("pillar", q.Pillar)
	set("lang", q.Lang)
	set("source", q.Source)
	set("q", q.Text)
	if q.All {
		v.Set("all", "1")
	}
	if !q.Since.IsZero() {
		v.Set("since", q.Since.Format(time.RFC3339Nano))
	}
	if !q.Until.IsZero() {
		v.Set("until", q.Until.Format(time.RFC3339Nano))
	}
	if q.MinRelevance > 0 {
		v.Set("min_relevance", strconv.FormatFloat(q.MinRelevance, 'f', -1, 64))
	}
	return v
}

// article turns a Summary back into the article fields it carries.
func (sum Summary) article() *crawler.Article {
	a := &crawler.Article{ID: sum.ID, URL: sum.URL, URLs: sum.URLs, Title: sum.Title, Source: sum.Source, Lang: sum.Lang,
		Classification: crawler.Classification{Relevant: sum.Relevant, Relevance: sum.Relevance, Pillars: sum.Pillars, Primary: sum.Primary}}
	a.Published, _ = time.Parse(time.RFC3339, sum.Published) // "" stays zero
	return a
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
	return c.Do(context.Background(), http.MethodGet, path, v, nil, out)
}

// NewRequest returns a request for path with query v and body, carrying
// the token when one is set: a loopback caller needs none, but the daemon
// may listen on an address where it does.
func (c *Client) NewRequest(ctx context.Context, method, path string, v url.Values, body io.Reader) (*http.Request, error) {
	u := strings.TrimSuffix(c.BaseURL, "/") + path
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, fmt.Errorf("ask the daemon: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	return req, nil
}

// Do calls path with query v and body (JSON, or nil) and decodes the
// JSON answer into out, or copies the answer to out when it is an
// io.Writer. It serves the read API and the admin routes alike; give the
// admin routes, which may work for minutes, an HTTP client without a
// timeout and bound them with ctx.
func (c *Client) Do(ctx context.Context, method, path string, v url.Values, body io.Reader, out any) error {
	req, err := c.NewRequest(ctx, method, path, v, body)
	if err != nil {
		return err
	}
	hc := c.HTTP
	if hc == nil {
		hc = defaultHTTP
	}
	u := req.URL.String()
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("ask the daemon: %w", err)
	}
	defer resp.Body.Close()
	r := io.LimitReader(resp.Body, maxResponse)
	if resp.StatusCode != http.StatusOK {
		return statusError(resp.StatusCode, u, r)
	}
	if w, ok := out.(io.Writer); ok {
		_, err = io.Copy(w, r)
		return err
	}
	if err := json.NewDecoder(r).Decode(out); err != nil {
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
