package server

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// Atom 1.0 (RFC 4287), written with encoding/xml: the maintained feed
// libraries write a category as text (Atom wants a term attribute) and
// cannot set xml:lang, both of which the feeds need.

// tagPrefix starts every Atom id: tag URIs (RFC 4151) stay the same
// wherever the server runs and whatever its address.
const tagPrefix = "tag:vnjp-monitor,2026:"

// defaultFeedLimit is how many entries a feed carries without ?limit.
const defaultFeedLimit = 50

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr,omitempty"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	Updated   string      `xml:"updated"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Links     []atomLink  `xml:"link"`
	Entries   []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Label  string `xml:"label,attr,omitempty"`
	Scheme string `xml:"scheme,attr,omitempty"`
}

type atomEntry struct {
	Lang       string         `xml:"xml:lang,attr,omitempty"`
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
}

func (s *Server) handleFeedAll(w http.ResponseWriter, r *http.Request) {
	s.feed(w, r, ListQuery{}, "all", "All articles", "")
}

func (s *Server) handleFeedPillar(w http.ResponseWriter, r *http.Request) {
	id, ok := strings.CutSuffix(r.PathValue("file"), ".atom")
	st := s.config()
	if !ok || !st.knownPillar(id) {
		s.feedNotFound(w, r)
		return
	}
	s.feed(w, r, ListQuery{Pillar: id}, "pillar:"+id, st.pillar(id).Name, "")
}

func (s *Server) handleFeedLang(w http.ResponseWriter, r *http.Request) {
	lang, ok := strings.CutSuffix(r.PathValue("file"), ".atom")
	if !ok || !langRe.MatchString(lang) {
		s.feedNotFound(w, r)
		return
	}
	s.feed(w, r, ListQuery{Lang: lang}, "lang:"+lang, "Articles in "+langName(lang), lang)
}

func (s *Server) feedNotFound(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusNotFound, apiError{"no such feed: try /feeds/all.atom, /feeds/pillar/ID.atom or /feeds/lang/CODE.atom"})
}

// feed answers with the newest relevant articles matching q as Atom.
func (s *Server) feed(w http.ResponseWriter, r *http.Request, q ListQuery, key, title, lang string) {
	if !s.canRead(w) {
		return
	}
	var err error
	if q.Limit, err = limitParam(r.URL.Query(), defaultFeedLimit); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{err.Error()})
		return
	}
	st := s.config()
	base := baseURL(r)
	f := atomFeed{
		Lang: lang, ID: tagPrefix + "feed:" + key, Title: "VN–JP Monitor: " + title,
		Subtitle: "News on Viet Nam–Japan relations", Author: atomPerson{"VN–JP Monitor"},
		Generator: "vnjp-monitor " + crawler.Version,
		Links: []atomLink{
			{Href: base + r.URL.Path, Rel: "self", Type: "application/atom+xml"},
			{Href: base + listLink(q), Rel: "alternate", Type: "text/html"},
		},
	}
	var newest time.Time
	_, err = s.reader.Articles(q, func(a *crawler.Article) error {
		if d := entryUpdated(a); d.After(newest) {
			newest = d
		}
		f.Entries = append(f.Entries, st.entry(a, base))
		return nil
	})
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	f.Updated = newest.UTC().Format(time.RFC3339) // the zero time for an empty feed: stable
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	_ = enc.Encode(f) // the status is sent; a failure only ends the connection
}

// entryUpdated is when an entry last changed as far as a reader cares: it
// was stored (Fetched), or published if that is later.
func entryUpdated(a *crawler.Article) time.Time {
	if a.Published.After(a.Fetched) {
		return a.Published
	}
	return a.Fetched
}

func (st *site) entry(a *crawler.Article, base string) atomEntry {
	e := atomEntry{
		Lang: a.Lang, ID: tagPrefix + "article:" + a.ID,
		Title:   atomText{Type: "text", Text: orText(a.Title, "(untitled)")},
		Updated: entryUpdated(a).UTC().Format(time.RFC3339),
		Summary: &atomText{Type: "text", Text: lead(a.Text, 600)},
	}
	if !a.Published.IsZero() {
		e.Published = a.Published.UTC().Format(time.RFC3339)
	}
	if a.Author != "" {
		e.Author = &atomPerson{a.Author}
	}
	if u := safeURL(a.URL); u != "" {
		e.Links = append(e.Links, atomLink{Href: u, Rel: "alternate", Type: "text/html"})
	}
	e.Links = append(e.Links, atomLink{Href: base + "/articles/" + a.ID, Rel: "related", Type: "text/html"})
	for _, c := range st.chips(a) {
		e.Categories = append(e.Categories, atomCategory{Term: c.ID, Label: c.Name, Scheme: tagPrefix + "pillars"})
	}
	return e
}

// listLink is the list page showing what a feed carries.
func listLink(q ListQuery) string {
	switch {
	case q.Pillar != "":
		return withParam(nil, "pillar", q.Pillar)
	case q.Lang != "":
		return withParam(nil, "lang", q.Lang)
	}
	return "/"
}

// baseURL is the scheme and host a client reached this server at, for
// absolute links in feeds.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
