package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/style.css
var styleCSS []byte

// styleVersion changes with the stylesheet, so browsers may cache it for
// long and still pick up a new one.
var styleVersion = func() string {
	sum := sha256.Sum256(styleCSS)
	return hex.EncodeToString(sum[:4])
}()

// pages are the templates, each parsed with the layout. Parsing at start
// means a broken template fails every test at once.
var pages = func() map[string]*template.Template {
	funcs := template.FuncMap{
		"styleVersion": func() string { return styleVersion },
		"ago":          func(t time.Time) string { return Ago(t, time.Now()) },
		"every":        every,
	}
	out := map[string]*template.Template{}
	for _, name := range []string{"list", "article", "sources", "error", "login"} {
		out[name] = template.Must(template.New(name).Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/"+name+".html"))
	}
	return out
}()

// render answers with a page. The page is rendered into a buffer first,
// so a template failure becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.logger.Error("http: render", slog.String("page", name), slog.String("error", err.Error()))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = buf.WriteTo(w)
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("file") != "style.css" {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(styleCSS)
}

// loginView is the model of the login template.
type loginView struct {
	Title, Next, Error string
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", &loginView{Title: "Sign in", Next: localPath(r.URL.Query().Get("next"))})
}

// handleLogin checks the token posted by the login form and sets the
// session cookie. Failures are counted: past a few a minute, logins are
// refused for the rest of the minute.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	st := s.config()
	next := localPath(r.PostForm.Get("next"))
	now := time.Now()
	if s.failures.blocked(now) {
		s.render(w, r, http.StatusTooManyRequests, "login", &loginView{Title: "Sign in", Next: next, Error: "Too many failed attempts; wait a minute."})
		return
	}
	if st.token == "" || !sameSecret(r.PostForm.Get("token"), st.token) {
		s.failures.fail(now)
		s.logger.Warn("http: failed login", slog.String("remote", r.RemoteAddr))
		msg := "That is not the token."
		if st.token == "" {
			msg = "This server has no token: every page is open."
		}
		s.render(w, r, http.StatusUnauthorized, "login", &loginView{Title: "Sign in", Next: next, Error: msg})
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: st.session(), Path: "/", MaxAge: 30 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
	})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// localPath returns p when it is a path on this server, else "/": a login
// link must never send the browser elsewhere afterwards.
func localPath(p string) string {
	u, err := url.Parse(p)
	if err != nil || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.Contains(p, `\`) ||
		u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return p
}

// every renders a duration as a reader says it: "3d", "12h", "90m".
func every(s string) string {
	d, err := time.ParseDuration(s)
	switch {
	case err != nil || d <= 0:
		return s
	case d%(24*time.Hour) == 0:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	case d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	case d%time.Minute == 0:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return s
}
