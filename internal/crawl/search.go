package crawl

import (
	"context"
	"net/url"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/search"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// resolvedMemory is how long a resolved provider link is remembered; a
// link listed again after that is resolved again.
const resolvedMemory = 30 * 24 * time.Hour

// searchSource runs one pass over a search source: the provider's queries
// put the publisher links they find in the source's pending queue, and
// from there they are fetched, extracted, classified and stored like the
// links of any listing, under the publisher's robots.txt and per-host
// delay.
func (c *Crawler) searchSource(ctx context.Context, src crawler.Source) Report {
	rep := Report{Source: src.Name}
	st, err := c.Store.SourceState(src.Name)
	if err != nil {
		rep.Err = err
		return rep
	}
	sink := func(rs []search.Result) error {
		var part Report
		err := c.enqueue(src.Name, searchItems(rs), &part)
		rep.New += part.New
		return err
	}
	out, err := c.searcher().Run(ctx, src, st.Search, sink)
	c.observe(src.Name, searchStatus(err))
	rep.Listed = out.Results
	for _, e := range out.Errors {
		rep.fail(c.failure(crawler.StageListing, "", e))
	}
	rep.Err = err
	// The links found are queued by now: the queries' windows and the
	// resolved links can be recorded, even by a pass being stopped.
	if err := c.saveSearchState(src.Name, out); err != nil {
		rep.fail(c.failure(crawler.StageStore, "", &storeError{err}))
	}
	if _, err := c.Store.PruneResolvedLinks(c.now().Add(-resolvedMemory)); err != nil {
		rep.fail(c.failure(crawler.StageStore, "", &storeError{err}))
	}
	if interrupted(ctx, rep.Err) {
		return rep
	}
	// Links found by earlier passes wait in the queue too: fetch them even
	// when the provider failed this time.
	if err := c.expire(src.Name); err != nil {
		rep.fail(c.failure(crawler.StageStore, "", &storeError{err}))
	}
	c.runPipeline(ctx, src, &rep)
	return rep
}

func (c *Crawler) searcher() *search.Searcher {
	s := &search.Searcher{HTTP: c.Fetch, State: searchState{c.Store}, Options: c.Search, Now: c.Now}
	if o, ok := c.Observer.(search.Observer); ok {
		s.Observer = o
	}
	return s
}

// searchItems turns search results into listing items; the outlet becomes
// the site name of articles whose page does not name one.
func searchItems(rs []search.Result) []fetch.Item {
	items := make([]fetch.Item, len(rs))
	for i, r := range rs {
		items[i] = fetch.Item{URL: r.URL, Title: r.Title, Published: r.Published, Lang: r.Lang, SiteName: r.Outlet}
	}
	return items
}

// siteName chooses between the site name extraction found and the one
// the listing gave (the outlet named by a news search): the listing's wins
// when extraction found none or only the page's host name.
func siteName(extracted, listed, pageURL string) string {
	if listed == "" || extracted != "" && !isHostName(extracted, pageURL) {
		return extracted
	}
	return listed
}

// isHostName reports whether name is just the host of pageURL.
func isHostName(name, pageURL string) bool {
	u, err := url.Parse(pageURL)
	if err != nil {
		return false
	}
	name = strings.TrimPrefix(strings.ToLower(name), "www.")
	return name == strings.TrimPrefix(strings.ToLower(u.Host), "www.") ||
		name == strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// searchStatus names a search pass's outcome for the fetch metric.
func searchStatus(err error) string {
	if err == nil {
		return "200"
	}
	return statusOf(err)
}

// saveSearchState records the queries' windows and counts and the
// provider's last error in the source's record, which `crawler sources`
// shows. Done after the pass, once every link found is queued.
func (c *Crawler) saveSearchState(source string, out *search.Outcome) error {
	st, err := c.Store.SourceState(source)
	if err != nil {
		return err
	}
	ss := st.Search
	if ss == nil {
		ss = &crawler.SearchState{}
	}
	ss.Queries = out.Queries
	ss.Resolved += out.Resolved
	ss.Unresolved = out.Unresolved
	if out.LastError != nil {
		ss.LastError = health.Redact(out.LastError.Error())
		ss.LastErrorAt = c.now()
	}
	st.Search = ss
	return c.Store.PutSourceState(st)
}

// searchState adapts the store to the search package's State, so neither
// imports the other.
type searchState struct{ Store *store.Store }

var _ search.State = searchState{}

func (s searchState) Validators(url string) (fetch.Validators, error) {
	return Validators{s.Store}.Validators(url)
}

func (s searchState) SetValidators(url string, v fetch.Validators) error {
	return Validators{s.Store}.SetValidators(url, v)
}

func (s searchState) Unresolved(source string) ([]crawler.SearchLink, error) {
	return s.Store.SearchLinks(source)
}

func (s searchState) AddUnresolved(source string, links []crawler.SearchLink) (int, error) {
	return s.Store.AddSearchLinks(source, links)
}

func (s searchState) UpdateUnresolved(source string, links []crawler.SearchLink) error {
	return s.Store.UpdateSearchLinks(source, links)
}

func (s searchState) RemoveUnresolved(source string, ids ...string) error {
	return s.Store.RemoveSearchLinks(source, ids...)
}

func (s searchState) Resolved(id string) (string, bool, error) { return s.Store.ResolvedLink(id) }

func (s searchState) SetResolved(source, id, url string) error {
	return s.Store.SetResolvedLink(source, id, url)
}
