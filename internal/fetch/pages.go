package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Page is one fetched article page.
type Page struct {
	URL         string // as requested
	FinalURL    string // after redirects
	Status      int
	ContentType string // the Content-Type header as received
	// Raw is the body as received (decompressed, not decoded), for callers
	// with their own charset detection; pass it together with ContentType.
	Raw    []byte
	Header http.Header
}

// UTF8 returns the document as UTF-8, whatever charset the server or the
// page declared; meta charset tags are left as they were, so parse the
// result as UTF-8 rather than sniffing it again. It converts on each call:
// the crawler hands Raw to extraction and never needs it.
func (p *Page) UTF8() []byte { return htmlToUTF8(p.Raw, p.ContentType) }

// FetchPages fetches article pages and calls fn once per distinct URL with
// either a page (a 2xx HTML answer) or an error: a *StatusError for other
// answers (errors.Is(err, ErrNotFound) for 404 and 410), ErrNotHTML,
// ErrTooLarge, ErrRobots, ErrRedirectLoop, a network error or the context's
// error.
//
// Requests follow the Client's politeness rules: one at a time per host (a
// host is host:port), Options.PerHostDelay between them, at most
// Options.Parallelism in flight. fn is called from several goroutines at
// once, but never after FetchPages returns. FetchPages returns when every URL
// has been reported; after ctx is cancelled, requests in flight are aborted
// and the remaining URLs are reported with ctx's error at once. Under
// StopStarting, the URLs not yet started when stop closes are reported
// with ErrStopping and those in flight finish.
func (c *Client) FetchPages(ctx context.Context, urls []string, fn func(url string, p *Page, err error)) {
	s := c.newSession(ctx)
	var wg sync.WaitGroup
	for _, group := range byHost(urls, fn) {
		wg.Go(func() {
			for _, u := range group {
				if err := stopping(ctx); err != nil {
					fn(u, nil, err)
					continue
				}
				p, err := s.page(u)
				fn(u, p, err)
			}
		})
	}
	wg.Wait()
}

// byHost groups distinct URLs by host key, keeping input order within a
// host, so that each host gets one worker. URLs that do not parse are
// reported to fn at once.
func byHost(urls []string, fn func(string, *Page, error)) [][]string {
	index := make(map[string]int)
	seen := make(map[string]bool)
	var groups [][]string
	for _, raw := range urls {
		if seen[raw] {
			continue
		}
		seen[raw] = true
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fn(raw, nil, fmt.Errorf("%q: not an absolute http or https url", raw))
			continue
		}
		key := hostKey(u)
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], raw)
	}
	return groups
}

// maxRetryWait is the longest Retry-After an article request waits out
// within the same call. A server that asks for a short pause (a 503 while
// it restarts, a 429 burst limit) gets it, and the page is not left for a
// pass hours later; longer requests go back to the caller as errors.
const maxRetryWait = 30 * time.Second

// page fetches one article page and checks its status and type. A 429 or
// 503 answer with a Retry-After of at most maxRetryWait is retried once,
// after that pause.
func (s *session) page(u string) (*Page, error) {
	hdr := http.Header{}
	hdr.Set("Accept", acceptHTML)
	res, err := s.get(u, hdr, true)
	if err != nil {
		return nil, err
	}
	err = statusError(res.status, res.header, time.Now())
	if d, ok := RetryAfter(err); ok && d <= maxRetryWait {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-s.ctx.Done():
			t.Stop()
			return nil, s.ctx.Err()
		case <-stopChan(s.ctx):
			t.Stop()
			return nil, ErrStopping
		}
		if res, err = s.get(u, hdr, true); err != nil {
			return nil, err
		}
		err = statusError(res.status, res.header, time.Now())
	}
	if err != nil {
		return nil, err
	}
	ct := res.header.Get("Content-Type")
	if ct == "" {
		// No header: sniff, as a browser would.
		if sniffed := http.DetectContentType(res.body); !isHTMLType(sniffed) {
			return nil, fmt.Errorf("%w: sniffed %s", ErrNotHTML, sniffed)
		}
	}
	return &Page{
		URL:         u,
		FinalURL:    res.finalURL,
		Status:      res.status,
		ContentType: ct,
		Raw:         res.body,
		Header:      res.header,
	}, nil
}
