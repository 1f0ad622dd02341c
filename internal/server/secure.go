package server

import (
	"log/slog"
	"net/http"
)

// contentSecurityPolicy allows nothing but this server's own stylesheet:
// no script at all, inline or not, no third-party origin, no framing, forms
// posting only here.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// secure sets the security headers on every answer, errors included.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}

// internalError logs a failure where it is handled and answers 500 without
// its text, which may name files or carry a database's complaint: the
// client learns only that it was not its fault.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.logger.Error("http: internal error", slog.String("method", r.Method),
		slog.String("path", r.URL.Path), slog.String("error", err.Error()))
	if wantsHTML(r) {
		s.errorPage(w, r, http.StatusInternalServerError, "Something went wrong on the server; the details are in its log.")
		return
	}
	writeJSON(w, http.StatusInternalServerError, apiError{"internal error; the details are in the server's log"})
}
