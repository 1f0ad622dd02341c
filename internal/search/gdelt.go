package search

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
)

// The GDELT DOC 2.0 API lists at most 250 articles per request, over a
// window of time. A query reads the window since the end of its last
// complete read (minus an overlap, since articles reach the index some
// minutes after GDELT saw them), or its lookback on the first run; a window
// that comes back full is split in halves, down to a floor.
const (
	gdeltOverlap     = time.Hour
	gdeltSplitFloor  = time.Hour
	gdeltMaxRequests = 16                  // per query and pass: each costs the 5-second interval
	gdeltMaxSpan     = 90 * 24 * time.Hour // what the API can search
	gdeltMinSpan     = 15 * time.Minute    // shorter timespans are refused
)

type gdelt struct {
	s     *Searcher
	src   crawler.Source
	hosts map[string]bool
}

// window is one request's time range; whole marks the unsplit window
// ending now, asked as a timespan.
type window struct {
	start, end time.Time
	whole      bool
}

func (g *gdelt) query(ctx context.Context, q crawler.SearchQuery, qs *crawler.QueryState, sink Sink, out *Outcome) error {
	now := g.s.now().UTC().Truncate(time.Second)
	start := now.Add(-g.src.Lookback)
	if !qs.Covered.IsZero() {
		start = qs.Covered.Add(-gdeltOverlap)
	}
	if oldest := now.Add(-gdeltMaxSpan); start.Before(oldest) {
		start = oldest
	}
	budget := gdeltMaxRequests
	arts, readErr := g.read(ctx, q, window{start, now, true}, &budget, out)
	results := g.results(arts, q, out)
	out.Results += len(arts)
	g.s.observe(crawler.ProviderGDELT, EventResults, len(arts))
	if len(results) > 0 {
		if err := sink(results); err != nil {
			return err
		}
		out.Found += len(results)
	}
	if readErr != nil {
		return readErr // the window is read again next pass
	}
	qs.Covered = now
	qs.LastResults = len(arts)
	qs.Results += len(arts)
	return nil
}

// read fetches w, splitting it while it comes back full. An error means
// part of the window could not be read; what was read is returned too.
func (g *gdelt) read(ctx context.Context, q crawler.SearchQuery, w window, budget *int, out *Outcome) ([]gdeltArticle, error) {
	*budget--
	arts, err := g.request(ctx, q, w)
	if err != nil || len(arts) < maxGDELTRecords {
		return arts, err
	}
	span := w.end.Sub(w.start)
	switch {
	case span < 2*gdeltSplitFloor:
		out.addError(fmt.Errorf("query %q (%s): %d or more results between %s and %s; some were not listed",
			q.Q, q.Lang, maxGDELTRecords, w.start.Format(time.RFC3339), w.end.Format(time.RFC3339)))
		return arts, nil
	case *budget < 2:
		out.addError(fmt.Errorf("query %q (%s): more results than %d requests list; narrow the query or shorten the schedule",
			q.Q, q.Lang, gdeltMaxRequests))
		return arts, nil
	}
	mid := w.start.Add(span / 2).Truncate(time.Second)
	for _, half := range []window{{w.start, mid, false}, {mid, w.end, false}} {
		more, err := g.read(ctx, q, half, budget, out)
		arts = append(arts, more...)
		if err != nil {
			return arts, err
		}
	}
	return arts, nil
}

// request asks for one window. A malformed answer, which may be a body cut
// short, is asked once more; the fuller of the two counts.
func (g *gdelt) request(ctx context.Context, q crawler.SearchQuery, w window) ([]gdeltArticle, error) {
	arts, err := g.requestOnce(ctx, q, w)
	if !errors.Is(err, errMalformed) {
		return arts, err
	}
	again, err2 := g.requestOnce(ctx, q, w)
	if err2 == nil || errors.Is(err2, errMalformed) && len(again) > len(arts) {
		return again, err2
	}
	return arts, err
}

func (g *gdelt) requestOnce(ctx context.Context, q crawler.SearchQuery, w window) ([]gdeltArticle, error) {
	res, err := g.s.call(ctx, crawler.ProviderGDELT, fetch.APIRequest{
		URL:      gdeltURL(g.src.Endpoint, q, w),
		Header:   http.Header{"Accept": {"application/json"}},
		Interval: g.s.Options.withDefaults().GDELTInterval,
	})
	if err != nil {
		return nil, err
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s", err, firstLine(res.Body))
	}
	return parseGDELT(res.Body)
}

// gdeltURL builds the artlist request of q over w.
func gdeltURL(endpoint string, q crawler.SearchQuery, w window) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s/api/v2/doc/doc?query=%s&mode=artlist&format=json&maxrecords=%d&sort=datedesc",
		endpoint, queryEscape(gdeltQuery(q)), maxGDELTRecords)
	if w.whole {
		fmt.Fprintf(&b, "&timespan=%s", timespan(w.end.Sub(w.start)))
	} else {
		const layout = "20060102150405"
		fmt.Fprintf(&b, "&startdatetime=%s&enddatetime=%s", w.start.UTC().Format(layout), w.end.UTC().Format(layout))
	}
	return b.String()
}

// gdeltQuery adds the language filter to the words, unless the user wrote
// one; alternatives joined by OR must be in parentheses for GDELT.
func gdeltQuery(q crawler.SearchQuery) string {
	text := q.Q
	if strings.Contains(text, " OR ") && !strings.HasPrefix(text, "(") {
		text = "(" + text + ")"
	}
	if strings.Contains(strings.ToLower(text), "sourcelang:") {
		return text
	}
	return text + " sourcelang:" + gdeltLangName(q.Lang)
}

// timespan renders d in GDELT's units, rounded up to whole minutes: hours
// when it is whole hours, else minutes.
func timespan(d time.Duration) string {
	m := int((max(d, gdeltMinSpan) + time.Minute - 1) / time.Minute)
	if m%60 == 0 {
		return fmt.Sprintf("%dh", m/60)
	}
	return fmt.Sprintf("%dmin", m)
}

// results turns records into publisher links, once each; records without
// a usable URL are counted as errors.
func (g *gdelt) results(arts []gdeltArticle, q crawler.SearchQuery, out *Outcome) []Result {
	seen := make(map[string]bool)
	var res []Result
	for _, a := range arts {
		u, err := publisher(a.URL, g.hosts)
		if err != nil {
			out.Errors = append(out.Errors, fmt.Errorf("gdelt record %q: %w", a.Title, err))
			continue
		}
		if seen[u] {
			continue
		}
		seen[u] = true
		lang := gdeltLangs[strings.ToLower(a.Language)]
		if lang == "" {
			lang = q.Lang
		}
		res = append(res, Result{
			URL: u, Title: collapse(a.Title), Outlet: outletOf(strings.TrimPrefix(collapse(a.Domain), "www."), u),
			Published: parseSeenDate(a.SeenDate), Lang: lang,
		})
	}
	return res
}

func (g *gdelt) finish(context.Context, Sink, *Outcome) error { return nil }
