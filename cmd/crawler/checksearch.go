package main

import (
	"context"
	"fmt"
	"strings"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/search"
)

// checkResolve bounds the links `check` resolves online per search source:
// enough to see the provider work, few enough to stay within its limits.
const checkResolve = 20

// checkSearch runs a search source's queries once, storing nothing, and
// returns its result for the table and the lines to print after it: each
// query's count and the publisher URLs found.
func checkSearch(ctx context.Context, fc *fetch.Client, src crawler.Source) (result, detail string, ok bool) {
	var found []search.Result
	s := &search.Searcher{HTTP: fc, State: &search.MemoryState{}, Options: search.Options{MaxResolve: checkResolve}}
	out, err := s.Run(ctx, src, nil, func(rs []search.Result) error {
		found = append(found, rs...)
		return nil
	})
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s (%s, %s):\n", src.Name, src.Provider, src.Endpoint)
	for i, q := range out.Queries {
		status := fmt.Sprintf("%d results", q.LastResults)
		if q.LastError != "" {
			status = "FAILED: " + q.LastError
		}
		fmt.Fprintf(&b, "  query %d %q (%s): %s\n", i+1, q.Q, q.Lang, status)
	}
	if out.Unresolved > 0 {
		fmt.Fprintf(&b, "  %d provider links not resolved by check (it resolves at most %d)\n", out.Unresolved, checkResolve)
	}
	if out.LastError != nil {
		fmt.Fprintf(&b, "  provider error: %s\n", health.Redact(out.LastError.Error()))
	}
	fmt.Fprintf(&b, "  %d publisher URLs:\n", len(found))
	for _, r := range found {
		fmt.Fprintf(&b, "    %s  %s\n", r.URL, truncate(r.Outlet, 30))
	}
	if err != nil {
		return "FAILED: " + health.Redact(err.Error()), b.String(), false
	}
	result = fmt.Sprintf("%d results, %d publisher URLs, %d errors", out.Results, len(found), len(out.Errors))
	if len(found) > 0 {
		result += "; first: " + truncate(found[0].Title, 70)
	}
	return result, b.String(), true
}
