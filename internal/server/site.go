package server

import (
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
)

// site is what the pages and feeds need from the configuration; SetConfig
// swaps it atomically, so a reload never shows a half-updated taxonomy.
type site struct {
	cfg     *config.Config
	token   string
	pillars map[string]int // pillar ID -> position in the taxonomy
}

var defaultSite = func() *site {
	cfg := config.Default()
	return newSite(cfg)
}

func newSite(cfg *config.Config) *site {
	s := &site{cfg: cfg, token: cfg.HTTP.Token, pillars: map[string]int{}}
	for i, p := range cfg.Pillars {
		s.pillars[p.ID] = i
	}
	return s
}

// SetConfig gives the server the configuration its pages, feeds and access
// rules follow: the token (http.token), the time zone, the taxonomy and the
// sources. It may be called at any time, for a reload; until it is, the
// server uses the embedded default, which has no token.
func (s *Server) SetConfig(cfg *config.Config) {
	s.site.Store(newSite(cfg))
}

// config returns the current site.
func (s *Server) config() *site {
	if st := s.site.Load(); st != nil {
		return st
	}
	st := defaultSite()
	s.site.CompareAndSwap(nil, st)
	return s.site.Load()
}

// loc is the time zone dates are shown in.
func (st *site) loc() *time.Location {
	if st.cfg.Location != nil {
		return st.cfg.Location
	}
	return time.UTC
}

// knownPillar reports whether id is in the taxonomy.
func (st *site) knownPillar(id string) bool {
	_, ok := st.pillars[id]
	return ok
}

// pillar returns the taxonomy entry for id, or one named after the ID for
// a pillar the taxonomy no longer has.
func (st *site) pillar(id string) crawler.Pillar {
	if i, ok := st.pillars[id]; ok {
		return st.cfg.Pillars[i]
	}
	return crawler.Pillar{ID: id, Name: id}
}
