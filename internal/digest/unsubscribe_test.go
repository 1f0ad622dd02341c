package digest_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/vnjp-monitor/crawler/internal/digest"
)

func TestTokens(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	tok := digest.Token(key, "Analyst@Example.org")
	if email, ok := digest.ParseToken(key, tok); !ok || email != "analyst@example.org" {
		t.Fatalf("ParseToken(Token) = %q, %v", email, ok)
	}
	addr, sig, _ := strings.Cut(tok, ".")
	other := digest.Token(key, "other@example.org")
	otherAddr, _, _ := strings.Cut(other, ".")
	for name, bad := range map[string]string{
		"empty":          "",
		"no signature":   addr,
		"other key":      digest.Token([]byte("another key, as long as the first"), "analyst@example.org"),
		"swapped":        otherAddr + "." + sig,
		"cut signature":  tok[:len(tok)-2],
		"not base64":     "!!!." + sig,
		"too long":       strings.Repeat("a", 600) + "." + sig,
		"upper-cased":    strings.ToUpper(tok),
		"extra dot part": tok + ".x",
	} {
		if email, ok := digest.ParseToken(key, bad); ok {
			t.Errorf("%s: accepted as %q", name, email)
		}
	}
}

func TestUnsubscribeEndpoint(t *testing.T) {
	st := openStore(t)
	s := newService(t, testConfig(t, "20", analyst), st, newClock(start), nil)
	srv := httptest.NewServer(s.UnsubscribeHandler())
	defer srv.Close()
	key := []byte(strings.TrimSpace(readFile(t, "testdata/test.key")))
	link := srv.URL + "/unsubscribe?t=" + url.QueryEscape(digest.Token(key, "analyst@example.org"))

	// GET asks; it changes nothing (link scanners follow links).
	code, body := call(t, http.MethodGet, link, "")
	if code != http.StatusOK || !strings.Contains(body, `<form method="post"`) || !strings.Contains(body, "analyst@example.org") {
		t.Fatalf("GET = %d\n%s", code, body)
	}
	if state, _, _ := st.DigestState("analyst@example.org"); !state.Subscribed() {
		t.Fatal("GET unsubscribed the reader")
	}
	// A POST without the one-click field is refused.
	if code, _ := call(t, http.MethodPost, link, "confirm=yes"); code != http.StatusBadRequest {
		t.Errorf("POST without List-Unsubscribe=One-Click = %d", code)
	}
	// RFC 8058's POST unsubscribes at once.
	code, body = call(t, http.MethodPost, link, "List-Unsubscribe=One-Click")
	if code != http.StatusOK || !strings.Contains(body, "Unsubscribed") {
		t.Fatalf("one-click POST = %d\n%s", code, body)
	}
	if state, _, _ := st.DigestState("analyst@example.org"); state.Subscribed() {
		t.Fatal("the one-click POST did not unsubscribe")
	}
	if code, body = call(t, http.MethodGet, link, ""); !strings.Contains(body, "Already unsubscribed") {
		t.Errorf("GET after unsubscribing = %d\n%s", code, body)
	}
	// Forged or mangled tokens are refused, and escaped when shown.
	for _, bad := range []string{"", "x", digest.Token([]byte("not the key of this monitor at all"), "analyst@example.org"),
		url.QueryEscape(`<script>alert(1)</script>.abc`)} {
		code, body := call(t, http.MethodPost, srv.URL+"/unsubscribe?t="+bad, "List-Unsubscribe=One-Click")
		if code != http.StatusBadRequest || strings.Contains(body, "<script>") {
			t.Errorf("token %q: %d\n%s", bad, code, body)
		}
	}
	// An oversized body is cut off.
	if code, _ := call(t, http.MethodPost, link, "List-Unsubscribe=One-Click&pad="+strings.Repeat("x", 10<<10)); code != http.StatusBadRequest {
		t.Errorf("oversized POST = %d", code)
	}
}

func call(t *testing.T, method, u, form string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	if form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("%s %s: no Referrer-Policy: the token would leak", method, u)
	}
	return resp.StatusCode, string(b)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
