package server

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Access says who may call a route.
type Access int

const (
	// Public routes answer anyone who can reach the port: /healthz, the
	// stylesheet, the login form, and /unsubscribe, whose signed token is
	// its own authorisation.
	Public Access = iota
	// Read routes show stored data: pages, feeds, the read API, metrics.
	// With http.token set they need it.
	Read
	// Admin routes act (send a digest, take a backup, crawl now): they
	// answer a loopback connection addressed to a loopback name, or a
	// request carrying the token.
	Admin
)

// route is a handler mounted by another package.
type route struct {
	pattern string
	handler http.Handler
	access  Access
}

// Mount adds a route served next to the built-in ones, with the access rule
// that guards it. pattern is a net/http ServeMux pattern ("POST
// /admin/backup"). Mount must be called before Start or Handler.
func (s *Server) Mount(pattern string, h http.Handler, access Access) {
	s.routesMu.Lock()
	defer s.routesMu.Unlock()
	s.routes = append(s.routes, route{pattern, h, access})
}

// guard wraps h with the checks its access level requires. Requests that
// change something (any method but GET and HEAD) from a browser must come
// from this server's own pages (http.CrossOriginProtection), so another
// site cannot post a form to it.
func (s *Server) guard(h http.Handler, access Access) http.Handler {
	csrf := http.NewCrossOriginProtection()
	return csrf.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := s.config()
		switch {
		case access == Read && !st.authorized(r):
			s.unauthorized(w, r)
			return
		case access == Admin && !localAdmin(r) && !(st.token != "" && st.authorized(r)):
			writeJSON(w, http.StatusForbidden, apiError{"admin routes answer loopback connections, or requests with the token"})
			return
		}
		h.ServeHTTP(w, r)
	}))
}

// unauthorized sends a browser asking for a page to the login form, and
// tells any other client (API, feed reader, Prometheus) how to authenticate.
func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && wantsHTML(r) {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	w.Header().Add("WWW-Authenticate", `Bearer realm="vnjp-monitor"`)
	w.Header().Add("WWW-Authenticate", `Basic realm="vnjp-monitor", charset="UTF-8"`)
	writeJSON(w, http.StatusUnauthorized, apiError{"this server needs its token: Authorization: Bearer TOKEN"})
}

// wantsHTML reports whether r is a browser navigation rather than an API
// or feed client.
func wantsHTML(r *http.Request) bool {
	return !strings.HasPrefix(r.URL.Path, "/api/") && !strings.HasPrefix(r.URL.Path, "/feeds/") &&
		strings.Contains(r.Header.Get("Accept"), "text/html")
}

// isLoopback reports whether a request's remote address is on loopback.
func isLoopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
