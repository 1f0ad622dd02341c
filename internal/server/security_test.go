package server_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/vnjp-monitor/crawler/internal/server"
)

const token = "test-token-abcdefghijklmnop"

var everyRoute = []string{
	"/", "/?pillar=labour", "/articles/000000000000", "/sources", "/sources.opml", "/feeds/all.atom",
	"/feeds/pillar/labour.atom", "/feeds/lang/vi.atom", "/api/articles", "/api/articles/000000000000",
	"/api/sources", "/metrics", "/healthz", "/login", "/static/style.css", "/no/such/page",
}

func TestSecurityHeaders(t *testing.T) {
	e := newWebEnv(t, "")
	for _, p := range everyRoute {
		resp, _ := e.get(t, p)
		h := resp.Header
		if got := h.Get("Content-Security-Policy"); got != "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'" {
			t.Errorf("%s: CSP %q", p, got)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: nosniff %q, referrer %q", p, h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"))
		}
	}
}

// TestXSS shows a crawled page's hostile title, text, evidence and URL
// as text on every page, and never links a javascript: URL.
func TestXSS(t *testing.T) {
	e := newWebEnv(t, "")
	id := e.ids["hostile"]
	for _, p := range []string{"/", "/articles/" + id, "/?q=culture"} {
		_, body := e.get(t, p)
		for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`, "onerror=alert(2)>"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s contains %q", p, bad)
			}
		}
		if !strings.Contains(body, "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Viet Nam and Japan") {
			t.Errorf("%s does not show the hostile title as text", p)
		}
	}
	_, body := e.get(t, "/articles/"+id)
	if !strings.Contains(body, "&lt;img src=x onerror=alert(2)&gt;") || !strings.Contains(body, "javascript:alert(1)//https://evil.example/") {
		t.Error("the article page does not show the hostile text and URL as text")
	}
	_, body = e.get(t, "/feeds/all.atom")
	if strings.Contains(body, `href="javascript:`) || !strings.Contains(body, "&lt;script&gt;") {
		t.Error("the feed links the javascript: URL or carries raw markup")
	}
	if _, err := gofeed.NewParser().ParseString(body); err != nil {
		t.Errorf("feed with hostile entry: %v", err)
	}
	_, body = e.get(t, "/api/articles?q=culture")
	if strings.Contains(body, "<script>") {
		t.Error("the API returns raw <script>: JSON must escape it")
	}
}

func TestToken(t *testing.T) {
	e := newWebEnv(t, token)
	for _, p := range everyRoute {
		resp, _ := e.get(t, p)
		public := p == "/healthz" || p == "/login" || p == "/static/style.css"
		switch {
		case public && resp.StatusCode >= 400:
			t.Errorf("%s without token = %d, want it public", p, resp.StatusCode)
		case !public && p != "/no/such/page" && resp.StatusCode != http.StatusUnauthorized:
			t.Errorf("%s without token = %d, want 401", p, resp.StatusCode)
		}
		if resp, _ := e.get(t, p, "Authorization", "Bearer "+token); resp.StatusCode == http.StatusUnauthorized {
			t.Errorf("%s with the bearer token = 401", p)
		}
		if resp, _ := e.get(t, p, "Authorization", "Bearer "+token+"x"); !public && p != "/no/such/page" && resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s with a wrong token = %d", p, resp.StatusCode)
		}
	}
	resp, _ := e.get(t, "/feeds/all.atom")
	if !strings.Contains(strings.Join(resp.Header.Values("WWW-Authenticate"), ","), "Basic") {
		t.Error("a feed reader is not told it may use basic authentication")
	}
}

func TestLogin(t *testing.T) {
	e := newWebEnv(t, token)
	resp, _ := e.get(t, "/?lang=vi", "Accept", "text/html")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2F%3Flang%3Dvi" {
		t.Fatalf("browser without token: %d to %q, want the login form", resp.StatusCode, resp.Header.Get("Location"))
	}
	post := func(tok, next string, header ...string) *http.Response {
		form := url.Values{"token": {tok}, "next": {next}}
		resp, _ := e.do(t, http.MethodPost, "/login", strings.NewReader(form.Encode()),
			append([]string{"Content-Type", "application/x-www-form-urlencoded"}, header...)...)
		return resp
	}
	if resp := post("wrong", "/"); resp.StatusCode != http.StatusUnauthorized || len(resp.Cookies()) != 0 {
		t.Errorf("wrong token: %d, %d cookies", resp.StatusCode, len(resp.Cookies()))
	}
	resp = post(token, "/?lang=vi")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/?lang=vi" || len(resp.Cookies()) != 1 {
		t.Fatalf("login: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	c := resp.Cookies()[0]
	if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || strings.Contains(c.Value, token) {
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Strict, and not the token itself", c)
	}
	if resp, _ := e.get(t, "/", "Cookie", c.Name+"="+c.Value); resp.StatusCode != 200 {
		t.Errorf("with the cookie: %d", resp.StatusCode)
	}
	for _, next := range []string{"//evil.example/", "https://evil.example/", `/\evil.example`, "javascript:alert(1)"} {
		if resp := post(token, next); resp.Header.Get("Location") != "/" {
			t.Errorf("next=%q sends the browser to %q", next, resp.Header.Get("Location"))
		}
	}
	if resp := post(token, "/", "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("login posted from another site: %d, want 403", resp.StatusCode)
	}
}

func TestLogin_Throttled(t *testing.T) {
	e := newWebEnv(t, token)
	codes := map[int]int{}
	for range 12 {
		resp, _ := e.do(t, http.MethodPost, "/login", strings.NewReader("token=guess"), "Content-Type", "application/x-www-form-urlencoded")
		codes[resp.StatusCode]++
	}
	if codes[http.StatusUnauthorized] != 10 || codes[http.StatusTooManyRequests] != 2 {
		t.Errorf("twelve wrong tokens: %v, want 10 refusals then 429", codes)
	}
	resp, _ := e.do(t, http.MethodPost, "/login", strings.NewReader("token="+token), "Content-Type", "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right token while throttled: %d", resp.StatusCode)
	}
}

// TestInternalError answers 500 without the error's text.
func TestInternalError(t *testing.T) {
	r := newReader()
	r.err = errors.New("open /var/lib/secret/crawler.db: input/output error")
	s := server.New("127.0.0.1:0", r, nil, func() error { return r.err }, nil)
	_, c := startWith(t, s)
	for _, p := range []string{"/", "/articles/a1", "/sources", "/api/articles", "/api/sources", "/feeds/all.atom", "/healthz"} {
		for _, accept := range []string{"text/html", "application/json"} {
			req, _ := http.NewRequest("GET", c.BaseURL+p, nil)
			req.Header.Set("Accept", accept)
			resp, err := c.HTTP.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body := readAll(t, resp)
			if p != "/healthz" && resp.StatusCode != http.StatusInternalServerError {
				t.Errorf("%s: %d, want 500", p, resp.StatusCode)
			}
			if p == "/healthz" {
				continue // no token configured: the reason is shown
			}
			if strings.Contains(body, "secret") || strings.Contains(body, "input/output") {
				t.Errorf("%s (%s) shows the error: %s", p, accept, body)
			}
		}
	}
}
