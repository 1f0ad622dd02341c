package testsite

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// mainRoutes is the main outlet's router.
func (s *Site) mainRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.serveHome)
	mux.HandleFunc("GET /robots.txt", s.serveRobots)
	mux.HandleFunc("GET /static/site.css", serveCSS)
	mux.HandleFunc("GET /rss/world.xml", s.serveRSS(feedWorld))
	mux.HandleFunc("GET /rss/business.xml", s.serveRSS(feedBusiness))
	mux.HandleFunc("GET /ja/atom.xml", s.serveAtom)
	mux.HandleFunc("GET /sitemap.xml", s.serveSitemapIndex)
	mux.HandleFunc("GET /sitemaps/vi-articles.xml", s.serveSitemap)
	mux.HandleFunc("GET /sitemaps/vi-news.xml", s.serveNewsSitemap)
	mux.HandleFunc("GET /politics/{$}", s.servePolitics)
	mux.HandleFunc("GET /politics/page/{n}/{$}", s.servePolitics)
	mux.HandleFunc("GET /tag/{tag}/{$}", s.serveTag)
	mux.HandleFunc("GET /author/{author}/{$}", s.serveAuthor)
	mux.HandleFunc("GET /", s.serveCatchAll)
	return mux
}

// serveCatchAll serves article pages, hostile endpoints and section fronts
// by path, and a 404 page for anything else.
func (s *Site) serveCatchAll(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	for _, e := range s.snapshot() {
		if e.path() == path {
			s.serveArticle(w, r, e)
			return
		}
	}
	if h := s.hostileHandler(path); h != nil {
		h(w, r)
		return
	}
	if lang, section, ok := parseSectionPath(path); ok {
		s.serveSection(w, r, lang, section)
		return
	}
	s.serveNotFound(w, r)
}

// parseSectionPath recognises /world/, /vi/, /vi/kinh-te/ and /ja/keizai/.
func parseSectionPath(path string) (lang, section string, ok bool) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if !strings.HasSuffix(path, "/") || len(parts) > 2 {
		return "", "", false
	}
	if len(parts) == 1 {
		if parts[0] == "vi" || parts[0] == "ja" {
			return parts[0], "", true
		}
		_, ok := editions["en"].Sections[parts[0]]
		return "en", parts[0], ok
	}
	if parts[0] != "vi" && parts[0] != "ja" {
		return "", "", false
	}
	_, ok = editions[parts[0]].Sections[parts[1]]
	return parts[0], parts[1], ok
}

func (s *Site) serveRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "# Members-only stories are not for crawlers.\nUser-agent: *\nDisallow: /private/\nDisallow: /search\n\nSitemap: %s/sitemap.xml\n", s.main.base)
}

func serveCSS(w http.ResponseWriter, r *http.Request) {
	data, err := contentFS.ReadFile("content/static/site.css")
	if err != nil {
		http.Error(w, "missing stylesheet", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	_, _ = w.Write(data) // a failed write means the client left
}

// pageNumber reads the {n} of /politics/page/{n}/; 1 when absent.
func pageNumber(r *http.Request) (int, bool) {
	raw := r.PathValue("n")
	if raw == "" {
		return 1, true
	}
	n, err := strconv.Atoi(raw)
	return n, err == nil && n >= 2
}
