package digest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client calls a running daemon's digest routes, for `crawler digest` when
// the daemon holds the database.
type Client struct {
	BaseURL string       // such as "http://127.0.0.1:8080"
	Token   string       // http.token, sent as a bearer token when set
	HTTP    *http.Client // nil: no overall timeout; each call sets its own
}

// maxAnswer caps what the client reads from one answer.
const maxAnswer = 64 << 20

// Send asks the daemon to send now; see Service.SendNow.
func (c *Client) Send(ctx context.Context, email string, dryRun bool) ([]Result, error) {
	body, _ := json.Marshal(SendRequest{Recipient: email, DryRun: dryRun}) // cannot fail
	ctx, cancel := context.WithTimeout(ctx, sendTimeout+time.Minute)
	defer cancel()
	var resp SendResponse
	if err := c.do(ctx, http.MethodPost, "/admin/digest/send", bytes.NewReader(body), &resp, nil); err != nil {
		return nil, err
	}
	return resp.Results, nil
}

// Preview writes the daemon's preview; see Service.Preview.
func (c *Client) Preview(ctx context.Context, w io.Writer, email, format string) error {
	v := url.Values{"format": {format}}
	if email != "" {
		v.Set("recipient", email)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return c.do(ctx, http.MethodGet, "/admin/digest/preview?"+v.Encode(), nil, nil, w)
}

// SetSubscribed asks the daemon to unsubscribe or resubscribe email; see
// Service.SetSubscribed.
func (c *Client) SetSubscribed(ctx context.Context, email string, subscribed bool) error {
	body, _ := json.Marshal(SubscriptionRequest{Recipient: email, Subscribed: subscribed}) // cannot fail
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var out SubscriptionRequest
	return c.do(ctx, http.MethodPost, "/admin/digest/subscription", bytes.NewReader(body), &out, nil)
}

// Status returns the daemon's view of each recipient; see Service.Status.
func (c *Client) Status(ctx context.Context) ([]RecipientStatus, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var out []RecipientStatus
	return out, c.do(ctx, http.MethodGet, "/admin/digest/recipients", nil, &out, nil)
}

// do calls path and decodes a JSON answer into out, or copies the body to
// raw.
func (c *Client) do(ctx context.Context, method, path string, body io.Reader, out any, raw io.Writer) error {
	u := strings.TrimSuffix(c.BaseURL, "/") + path
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	// A loopback caller needs no token, but the daemon may listen on an
	// address where it does.
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("ask the daemon: %w", err)
	}
	defer resp.Body.Close()
	r := io.LimitReader(resp.Body, maxAnswer)
	if resp.StatusCode != http.StatusOK {
		var e apiError
		if json.NewDecoder(r).Decode(&e) != nil || e.Error == "" {
			return fmt.Errorf("daemon answered %s for %s", resp.Status, u)
		}
		return fmt.Errorf("daemon: %s", e.Error)
	}
	if raw != nil {
		_, err = io.Copy(raw, r)
		return err
	}
	if err := json.NewDecoder(r).Decode(out); err != nil {
		return fmt.Errorf("decode answer of %s: %w", u, err)
	}
	return nil
}
