package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestMountAccess(t *testing.T) {
	s := New("127.0.0.1:0", nil, nil, nil, nil)
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	s.Mount("POST /admin/ping", ok, Admin)
	s.Mount("GET /hello", ok, Public)
	h := s.Handler()
	tests := []struct {
		name, method, path, remote string
		want                       int
	}{
		{"admin from loopback", "POST", "/admin/ping", "127.0.0.1:5000", http.StatusNoContent},
		{"admin from loopback v6", "POST", "/admin/ping", "[::1]:5000", http.StatusNoContent},
		{"admin from afar", "POST", "/admin/ping", "203.0.113.9:5000", http.StatusForbidden},
		{"admin wrong method", "GET", "/admin/ping", "127.0.0.1:5000", http.StatusMethodNotAllowed},
		{"public from afar", "GET", "/hello", "203.0.113.9:5000", http.StatusNoContent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.path, nil)
			r.RemoteAddr = tt.remote
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if got := w.Code; got != tt.want {
				t.Fatalf("%s %s from %s = %d, want %d", tt.method, tt.path, tt.remote, got, tt.want)
			}
		})
	}
}
