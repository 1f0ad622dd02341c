package server

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/vnjp-monitor/crawler/internal/config"
)

const testToken = "s3cret-token-for-tests-0123"

func TestMountAccess(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	newHandler := func(token string) http.Handler {
		s := New("127.0.0.1:0", nil, nil, nil, nil)
		cfg := config.Default()
		cfg.HTTP.Token = token
		s.SetConfig(cfg)
		s.Mount("POST /admin/ping", ok, Admin)
		s.Mount("GET /hello", ok, Public)
		s.Mount("GET /data", ok, Read)
		return s.Handler()
	}
	open, guarded := newHandler(""), newHandler(testToken)
	tests := []struct {
		name, method, path, remote, host string
		header                           [2]string
		h                                http.Handler
		want                             int
	}{
		{"admin from loopback", "POST", "/admin/ping", "127.0.0.1:5000", "127.0.0.1:8080", [2]string{}, open, http.StatusNoContent},
		{"admin from loopback v6", "POST", "/admin/ping", "[::1]:5000", "[::1]:8080", [2]string{}, open, http.StatusNoContent},
		{"admin as localhost", "POST", "/admin/ping", "127.0.0.1:5000", "localhost:8080", [2]string{}, guarded, http.StatusNoContent},
		{"admin from afar", "POST", "/admin/ping", "203.0.113.9:5000", "127.0.0.1:8080", [2]string{}, open, http.StatusForbidden},
		{"admin from afar with token", "POST", "/admin/ping", "203.0.113.9:5000", "monitor.example", [2]string{"Authorization", "Bearer " + testToken}, guarded, http.StatusNoContent},
		{"admin from afar, wrong token", "POST", "/admin/ping", "203.0.113.9:5000", "monitor.example", [2]string{"Authorization", "Bearer nope"}, guarded, http.StatusForbidden},
		{"admin, rebound DNS name", "POST", "/admin/ping", "127.0.0.1:5000", "evil.example:8080", [2]string{}, open, http.StatusForbidden},
		{"admin through a proxy", "POST", "/admin/ping", "127.0.0.1:5000", "127.0.0.1:8080", [2]string{"X-Forwarded-For", "203.0.113.9"}, open, http.StatusForbidden},
		{"admin, cross-site form", "POST", "/admin/ping", "127.0.0.1:5000", "127.0.0.1:8080", [2]string{"Sec-Fetch-Site", "cross-site"}, open, http.StatusForbidden},
		{"admin wrong method", "GET", "/admin/ping", "127.0.0.1:5000", "127.0.0.1:8080", [2]string{}, open, http.StatusMethodNotAllowed},
		{"public from afar", "GET", "/hello", "203.0.113.9:5000", "monitor.example", [2]string{}, guarded, http.StatusNoContent},
		{"read without token configured", "GET", "/data", "203.0.113.9:5000", "monitor.example", [2]string{}, open, http.StatusNoContent},
		{"read needs the token", "GET", "/data", "127.0.0.1:5000", "127.0.0.1:8080", [2]string{}, guarded, http.StatusUnauthorized},
		{"read with bearer", "GET", "/data", "203.0.113.9:5000", "monitor.example", [2]string{"Authorization", "Bearer " + testToken}, guarded, http.StatusNoContent},
		{"read with basic", "GET", "/data", "203.0.113.9:5000", "monitor.example", [2]string{"Authorization", basic("feeds", testToken)}, guarded, http.StatusNoContent},
		{"read with wrong basic", "GET", "/data", "203.0.113.9:5000", "monitor.example", [2]string{"Authorization", basic("feeds", "guess")}, guarded, http.StatusUnauthorized},
		{"read with forged cookie", "GET", "/data", "203.0.113.9:5000", "monitor.example", [2]string{"Cookie", sessionCookie + "=" + testToken}, guarded, http.StatusUnauthorized},
		{"healthz stays public", "GET", "/healthz", "203.0.113.9:5000", "monitor.example", [2]string{}, guarded, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.path, nil)
			r.RemoteAddr, r.Host = tt.remote, tt.host
			if tt.header[0] != "" {
				r.Header.Set(tt.header[0], tt.header[1])
			}
			w := httptest.NewRecorder()
			tt.h.ServeHTTP(w, r)
			if got := w.Code; got != tt.want {
				t.Fatalf("%s %s from %s = %d, want %d", tt.method, tt.path, tt.remote, got, tt.want)
			}
		})
	}
}

func basic(user, pass string) string {
	r, _ := http.NewRequest("GET", "/", nil)
	r.SetBasicAuth(user, pass)
	return r.Header.Get("Authorization")
}
