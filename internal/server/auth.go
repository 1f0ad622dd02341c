package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// sessionCookie holds proof of the token, set by the login form.
const sessionCookie = "vnjp_session"

// authorized reports whether r carries the token: as a bearer token, as the
// password of HTTP basic authentication (what feed readers can send), or
// as the login cookie. Every comparison takes the same time whatever the
// guess. With no token configured every request is authorized.
func (st *site) authorized(r *http.Request) bool {
	if st.token == "" {
		return true
	}
	if h := r.Header.Get("Authorization"); h != "" {
		if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
			return sameSecret(strings.TrimSpace(tok), st.token)
		}
		if _, pass, ok := r.BasicAuth(); ok {
			return sameSecret(pass, st.token)
		}
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return hmac.Equal([]byte(c.Value), []byte(st.session()))
	}
	return false
}

// session is the login cookie's value: a MAC of a fixed label under the
// token, so the cookie proves the token without carrying it.
func (st *site) session() string {
	m := hmac.New(sha256.New, []byte(st.token))
	m.Write([]byte("vnjp-monitor session v1"))
	return hex.EncodeToString(m.Sum(nil))
}

// sameSecret compares two secrets in constant time, lengths included.
func sameSecret(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// localAdmin reports whether r may use an admin route without the token:
// it came over a loopback connection, straight (no proxy header says it
// was forwarded) and addressed to a loopback name (a page of another site,
// open in a browser on this machine, cannot reach it through a DNS name
// rebound to 127.0.0.1).
func localAdmin(r *http.Request) bool {
	if !isLoopback(r.RemoteAddr) {
		return false
	}
	for _, h := range []string{"Forwarded", "X-Forwarded-For", "X-Real-Ip"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loginLimiter slows down token guessing: after maxFailures failed logins
// in a window, logins are refused until the window ends.
type loginLimiter struct {
	mu       sync.Mutex
	start    time.Time
	failures int
}

const (
	maxFailures   = 10
	failureWindow = time.Minute
)

// blocked reports whether logins are refused at now.
func (l *loginLimiter) blocked(now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.start) > failureWindow {
		l.start, l.failures = now, 0
	}
	return l.failures >= maxFailures
}

func (l *loginLimiter) fail(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.start) > failureWindow {
		l.start, l.failures = now, 0
	}
	l.failures++
}
