package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// health is the body of /healthz.
type health struct {
	Status      string `json:"status"` // "ok" or "unavailable"
	Version     string `json:"version"`
	Error       string `json:"error,omitempty"`
	ReloadError string `json:"reload_error,omitempty"` // the last rejected reload
}

// apiError is the body of every error answer of the API.
type apiError struct {
	Error string `json:"error"`
}

func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	if err := s.healthy(); err != nil {
		writeJSON(w, http.StatusServiceUnavailable,
			health{Status: "unavailable", Version: crawler.Version, Error: err.Error(), ReloadError: s.reloadError()})
		return
	}
	writeJSON(w, http.StatusOK, health{Status: "ok", Version: crawler.Version, ReloadError: s.reloadError()})
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	q, err := parseListQuery(r.URL.Query())
	if err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{err.Error()})
		return
	}
	if !s.canRead(w) {
		return
	}
	list, err := s.reader.ListArticles(q)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	out := make([]*crawler.Article, len(list))
	for i, a := range list {
		out[i] = withPillars(a)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	if !s.canRead(w) {
		return
	}
	id := r.PathValue("id")
	a, err := s.reader.GetArticle(id)
	switch {
	case errors.Is(err, ErrNotFound) || (err == nil && a == nil):
		writeJSON(w, http.StatusNotFound, apiError{fmt.Sprintf("no article with id %q", id)})
	case err != nil:
		s.internalError(w, r, err)
	default:
		writeJSON(w, http.StatusOK, withPillars(a))
	}
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	if !s.canRead(w) {
		return
	}
	states, err := s.reader.SourceStates()
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if states == nil {
		states = []crawler.SourceState{}
	}
	writeJSON(w, http.StatusOK, states)
}

// canRead answers 503 when the server has no reader.
func (s *Server) canRead(w http.ResponseWriter) bool {
	if s.reader == nil {
		writeJSON(w, http.StatusServiceUnavailable, apiError{"no database behind this server"})
		return false
	}
	return true
}

// internalError logs a reader failure, where it is handled, and answers 500.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.logger.Error("http: read", slog.String("path", r.URL.Path), slog.Any("error", err))
	writeJSON(w, http.StatusInternalServerError, apiError{err.Error()})
}

// parseListQuery reads ?all, ?pillar, ?since and ?limit.
func parseListQuery(v url.Values) (ListQuery, error) {
	var q ListQuery
	if s := v.Get("all"); s != "" {
		all, err := strconv.ParseBool(s)
		if err != nil {
			return q, fmt.Errorf("all=%q: want 1, 0, true or false", s)
		}
		q.All = all
	}
	q.Pillar = v.Get("pillar")
	if s := v.Get("since"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return q, fmt.Errorf("since=%q: want an RFC 3339 time such as 2026-03-14T08:00:00Z", s)
		}
		q.Since = t
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return q, fmt.Errorf("limit=%q: want a whole number, 0 or more", s)
		}
		q.Limit = n
	}
	return q, nil
}

// withPillars returns a, or a shallow copy whose Pillars is empty rather than
// nil, since the JSON contract never shows null pillars.
func withPillars(a *crawler.Article) *crawler.Article {
	if a == nil || a.Pillars != nil {
		return a
	}
	c := *a
	c.Pillars = []string{}
	return &c
}

// writeJSON answers with v as JSON. An encoding failure after the header
// is sent cannot be reported to the client; the connection just ends.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
