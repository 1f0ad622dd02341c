package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// healthBody is the body of /healthz.
type healthBody struct {
	Status      string `json:"status"` // "ok" or "unavailable"
	Version     string `json:"version"`
	Error       string `json:"error,omitempty"`
	ReloadError string `json:"reload_error,omitempty"` // the last rejected reload
}

// apiError is the body of every error answer of the API.
type apiError struct {
	Error string `json:"error"`
}

// handleHealth is public; the reasons for being unavailable or for a
// rejected reload, which may name files, are only told to a client that
// has the token (or when no token is set).
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	body := healthBody{Status: "ok", Version: crawler.Version, ReloadError: s.reloadError()}
	authorized := s.config().authorized(r)
	if body.ReloadError != "" && !authorized {
		body.ReloadError = "rejected; the reason is shown with the token"
	}
	status := http.StatusOK
	if err := s.healthy(); err != nil {
		status, body.Status, body.Error = http.StatusServiceUnavailable, "unavailable", "unavailable; the reason is shown with the token"
		if authorized {
			body.Error = err.Error()
		}
	}
	writeJSON(w, status, body)
}

// Summary is one article in the list API and in `crawler list --json`:
// exactly these fields.
type Summary struct {
	ID        string   `json:"id"`
	URL       string   `json:"url"`
	URLs      []string `json:"urls"`
	Title     string   `json:"title"`
	Published string   `json:"published"` // RFC 3339, "" when unknown
	Source    string   `json:"source"`
	Lang      string   `json:"lang"`
	Relevant  bool     `json:"relevant"`
	Relevance float64  `json:"relevance"`
	Pillars   []string `json:"pillars"` // never null
	Primary   string   `json:"primary"`
}

// Summarize returns a's Summary.
func Summarize(a *crawler.Article) Summary {
	sum := Summary{
		ID: a.ID, URL: a.URL, URLs: a.URLs, Title: a.Title, Source: a.Source, Lang: a.Lang,
		Relevant: a.Relevant, Relevance: a.Relevance, Pillars: a.Pillars, Primary: a.Primary,
	}
	if !a.Published.IsZero() {
		sum.Published = a.Published.Format(time.RFC3339)
	}
	if sum.Pillars == nil {
		sum.Pillars = []string{}
	}
	if sum.URLs == nil {
		sum.URLs = []string{a.URL}
	}
	return sum
}

// articleList is the body of /api/articles.
type articleList struct {
	Articles []Summary `json:"articles"`
	Next     string    `json:"next"` // cursor of the next page, "" on the last
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	if !s.canRead(w) {
		return
	}
	st := s.config()
	v := r.URL.Query()
	q, err := filterParams(v, time.Now(), st.loc(), st.knownPillar)
	if err == nil {
		q.Limit, err = limitParam(v, defaultLimit)
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{err.Error()})
		return
	}
	out := articleList{Articles: []Summary{}}
	out.Next, err = s.reader.Articles(q, func(a *crawler.Article) error {
		out.Articles = append(out.Articles, Summarize(a))
		return nil
	})
	if err != nil {
		s.readError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	a := s.lookup(w, r, func(id string) {
		writeJSON(w, http.StatusNotFound, apiError{fmt.Sprintf("no article with id %q", id)})
	})
	if a != nil {
		writeJSON(w, http.StatusOK, withPillars(a))
	}
}

// lookup reads the article the path names. When there is none it calls
// notFound, on a failure it answers 500, and in both cases returns nil.
func (s *Server) lookup(w http.ResponseWriter, r *http.Request, notFound func(id string)) *crawler.Article {
	if !s.canRead(w) {
		return nil
	}
	id := r.PathValue("id")
	a, err := s.reader.GetArticle(id)
	switch {
	case errors.Is(err, ErrNotFound) || (err == nil && a == nil):
		notFound(id)
		return nil
	case err != nil:
		s.internalError(w, r, err)
		return nil
	}
	return a
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

// readError answers a reader's failure: 400 for a cursor the client made
// up, 500 for anything else.
func (s *Server) readError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, ErrBadCursor) {
		writeJSON(w, http.StatusBadRequest, apiError{"cursor: not a cursor this server handed out"})
		return
	}
	s.internalError(w, r, err)
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
