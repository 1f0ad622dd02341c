package main

import (
	"fmt"
	"io"
	"time"
)

// writeSearchTable lists the queries of search sources: each query's
// results on its last successful run and all time, when it last ran, its
// last error; then the provider's last error and resolution backlog.
func writeSearchTable(w io.Writer, rows []sourceRow, now time.Time) {
	var t *table
	for _, r := range rows {
		if r.Search == nil {
			continue
		}
		if t == nil {
			fmt.Fprintln(w)
			t = newTable(w, "SEARCH SOURCE", "QUERY", "LANG", "LAST RUN", "LAST RESULTS", "RESULTS", "LAST ERROR")
		}
		for _, q := range r.Search.Queries {
			t.row(r.Name, truncate(q.Q, 40), q.Lang, ago(q.LastRun, now), q.LastResults, q.Results, truncate(q.LastError, 60))
		}
		provider := "none"
		if r.Search.LastError != "" {
			provider = fmt.Sprintf("%s (%s)", truncate(r.Search.LastError, 60), ago(r.Search.LastErrorAt, now))
		}
		t.row(r.Name, "(provider)", "", "", fmt.Sprintf("%d resolved", r.Search.Resolved),
			fmt.Sprintf("%d waiting", r.Search.Unresolved), "last error: "+provider)
	}
	if t != nil {
		t.flush()
	}
}
