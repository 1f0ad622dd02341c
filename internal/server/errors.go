package server

import (
	"net/http"
	"net/url"
	"strconv"

	crawler "github.com/vnjp-monitor/crawler"
)

// ErrorLog is what the error-log route reads.
type ErrorLog interface {
	// SourceErrors returns the source's logged failures, newest first, at
	// most limit (all when limit <= 0).
	SourceErrors(source string, limit int) ([]crawler.FetchError, error)
}

// SourceErrorsPattern is the route SourceErrorsHandler serves.
const SourceErrorsPattern = "GET /api/sources/{name}/errors"

// SourceErrorsHandler serves SourceErrorsPattern: the failures logged for
// the source (failing URLs and why), newest first, at most ?limit=N. A
// source with none, or unknown, gets an empty list. Mount it with Read
// access.
func (s *Server) SourceErrorsHandler(log ErrorLog) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := 0
		if v := r.URL.Query().Get("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				writeJSON(w, http.StatusBadRequest, apiError{"limit=" + strconv.Quote(v) + ": want a whole number, 0 or more"})
				return
			}
			limit = n
		}
		list, err := log.SourceErrors(r.PathValue("name"), limit)
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		if list == nil {
			list = []crawler.FetchError{}
		}
		writeJSON(w, http.StatusOK, list)
	})
}

// SourceErrors asks the daemon for the failures logged for the source,
// newest first, at most limit (all when limit <= 0).
func (c *Client) SourceErrors(name string, limit int) ([]crawler.FetchError, error) {
	v := url.Values{}
	if limit > 0 {
		v.Set("limit", strconv.Itoa(limit))
	}
	var list []crawler.FetchError
	if err := c.get("/api/sources/"+url.PathEscape(name)+"/errors", v, &list); err != nil {
		return nil, err
	}
	return list, nil
}
