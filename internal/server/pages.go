package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// option is one choice of a filter's select box.
type option struct {
	Value, Label string
	Selected     bool
}

// facet is one pillar tab above the list, with its count for the other
// filters.
type facet struct {
	Name, Class, Href string
	Count             int
	Selected          bool
}

// listPage is the model of the list template.
type listPage struct {
	Title, Q, From, To  string
	All                 bool
	Pillars, Langs      []option
	Sources             []option
	Partial             bool // counts stopped at maxCounted
	AllFacet            facet
	Facets              []facet
	Counted             bool
	Total               int
	Cards               []card
	Older, Newest, Feed string
	FeedTitle, Error    string
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	if !s.canRead(w) {
		return
	}
	st := s.config()
	v := r.URL.Query()
	p := &listPage{Title: "Articles", Q: v.Get("q"), From: v.Get("from"), To: v.Get("to")}
	q, err := filterParams(v, time.Now(), st.loc(), st.knownPillar)
	if err == nil {
		q.Limit, err = limitParam(v, defaultLimit)
	}
	p.All = q.All
	st.fillOptions(p, q)
	if err != nil {
		p.Error = err.Error()
		s.render(w, r, http.StatusBadRequest, "list", p)
		return
	}
	next, err := s.reader.Articles(q, func(a *crawler.Article) error {
		p.Cards = append(p.Cards, st.card(a))
		return nil
	})
	if errors.Is(err, ErrBadCursor) {
		p.Error = "That page link is out of date; here are the newest articles."
		q.Cursor = ""
		next, err = s.reader.Articles(q, func(a *crawler.Article) error {
			p.Cards = append(p.Cards, st.card(a))
			return nil
		})
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if err := s.fillCounts(p, q, v); err != nil {
		s.internalError(w, r, err)
		return
	}
	p.Older, p.Newest = pageLinks(v, next)
	p.Feed, p.FeedTitle = feedFor(q)
	s.render(w, r, http.StatusOK, "list", p)
}

// fillOptions lists the choices of the filter form.
func (st *site) fillOptions(p *listPage, q ListQuery) {
	p.Pillars = []option{{Value: "", Label: "All pillars"}}
	for _, pl := range st.cfg.Pillars {
		p.Pillars = append(p.Pillars, option{pl.ID, pl.Name, pl.ID == q.Pillar})
	}
	p.Langs = []option{{Value: "", Label: "All languages"}}
	for _, l := range []string{"en", "vi", "ja"} {
		p.Langs = append(p.Langs, option{l, langName(l), l == q.Lang})
	}
	p.Sources = []option{{Value: "", Label: "All sources"}}
	for _, src := range st.cfg.Sources {
		p.Sources = append(p.Sources, option{src.Name, src.Name, src.Name == q.Source})
	}
}

// maxCounted bounds the matches counted for the pillar tabs: past it the
// page says "10000+", and a search for a word found in every article
// stays as fast as a rare one.
const maxCounted = 10000

// fillCounts sets the pillar tabs when the reader can count.
func (s *Server) fillCounts(p *listPage, q ListQuery, v url.Values) error {
	counter, ok := s.reader.(Counter)
	if !ok {
		return nil
	}
	q.Limit = maxCounted
	c, err := counter.CountArticles(q)
	if err != nil {
		return err
	}
	st := s.config()
	p.Counted, p.Total, p.Partial = true, c.Total, c.Partial
	p.AllFacet = facet{Name: "All pillars", Count: c.All, Href: withParam(v, "pillar", ""), Selected: q.Pillar == ""}
	for _, pl := range st.cfg.Pillars {
		n := c.Pillars[pl.ID]
		if n == 0 && pl.ID != q.Pillar {
			continue
		}
		p.Facets = append(p.Facets, facet{Name: pl.Name, Class: st.pillarClass(pl.ID), Count: n,
			Href: withParam(v, "pillar", pl.ID), Selected: pl.ID == q.Pillar})
	}
	return nil
}

// withParam returns the list URL with v's parameters, key set to value
// (removed when empty), and no cursor: a new filter starts at the newest.
func withParam(v url.Values, key, value string) string {
	c := url.Values{}
	for k, vals := range v {
		if k != "cursor" && k != key && len(vals) > 0 && vals[0] != "" {
			c.Set(k, vals[0])
		}
	}
	if value != "" {
		c.Set(key, value)
	}
	if len(c) == 0 {
		return "/"
	}
	return "/?" + c.Encode()
}

// pageLinks returns the links to the next (older) page and back to the
// first, each "" when there is none.
func pageLinks(v url.Values, next string) (older, newest string) {
	if next != "" {
		older = withParam(v, "cursor", next)
	}
	if v.Get("cursor") != "" {
		newest = withParam(v, "cursor", "")
	}
	return older, newest
}

// feedFor returns the Atom feed closest to a list view: its pillar's or
// its language's, else all articles.
func feedFor(q ListQuery) (href, title string) {
	switch {
	case q.Pillar != "":
		return "/feeds/pillar/" + url.PathEscape(q.Pillar) + ".atom", "Feed of this pillar"
	case q.Lang != "":
		return "/feeds/lang/" + url.PathEscape(q.Lang) + ".atom", "Feed of this language"
	}
	return "/feeds/all.atom", "Feed of all articles"
}

func (s *Server) handleArticlePage(w http.ResponseWriter, r *http.Request) {
	a := s.lookup(w, r, func(id string) {
		s.errorPage(w, r, http.StatusNotFound, fmt.Sprintf("No article has the ID %q.", id))
	})
	if a != nil {
		s.render(w, r, http.StatusOK, "article", s.config().articlePage(a))
	}
}

// sourcesPage is the model of the sources template.
type sourcesPage struct {
	Title string
	Rows  []SourceRow
	Tally []tally
}

// tally is how many sources have one status.
type tally struct {
	Status string
	Count  int
}

func (s *Server) handleSourcesPage(w http.ResponseWriter, r *http.Request) {
	if !s.canRead(w) {
		return
	}
	states, err := s.reader.SourceStates()
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	p := &sourcesPage{Title: "Sources", Rows: SourceRows(s.config().cfg, states, time.Now())}
	for _, status := range []string{"ok", "failing", "silent", "never"} {
		n := 0
		for _, row := range p.Rows {
			if row.Status == status {
				n++
			}
		}
		if n > 0 {
			p.Tally = append(p.Tally, tally{status, n})
		}
	}
	s.render(w, r, http.StatusOK, "sources", p)
}

// errorView is the model of the error template.
type errorView struct {
	Title, Message string
	Code           int
}

// errorPage answers with an HTML page saying what went wrong.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, code int, msg string) {
	s.render(w, r, code, "error", &errorView{Title: strconv.Itoa(code) + " " + http.StatusText(code), Message: msg, Code: code})
}
