package server

import (
	"net"
	"net/http"
)

// Access says who may call a mounted route.
type Access int

const (
	// Public routes answer anyone who can reach the port: /healthz, and
	// /unsubscribe, whose signed token is its own authorisation.
	Public Access = iota
	// Read routes show stored data: pages, feeds and the read API.
	Read
	// Admin routes act (send a digest, take a backup, crawl now): only a
	// loopback connection may call them.
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

// guard wraps h with the checks its access level requires.
func (s *Server) guard(h http.Handler, access Access) http.Handler {
	if access != Admin {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLoopback(r.RemoteAddr) {
			writeJSON(w, http.StatusForbidden, apiError{"admin routes answer loopback connections only"})
			return
		}
		h.ServeHTTP(w, r)
	})
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
