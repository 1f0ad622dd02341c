package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

const testCap = 64 << 10

// errorSite serves the awkward answers article fetching must classify.
func errorSite(t *testing.T) *site {
	srv := newSite(t)
	page := func(n int) []byte {
		return []byte("<html><body>" + strings.Repeat("x", n-len("<html><body>")) + "")
	}
	srv.handle("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page(1000))
	})
	srv.handle("/exact-cap", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(page(testCap))
	})
	srv.handle("/big-length", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(2*testCap))
		w.Write(page(2 * testCap))
	})
	srv.handle("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 8 {
			w.Write(page(testCap / 4))
			w.(http.Flusher).Flush() // no Content-Length: chunked
		}
	})
	srv.handle("/big-gzip", func(w http.ResponseWriter, r *http.Request) {
		// Small on the wire, four times the cap once decompressed.
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(page(4 * testCap))
		zw.Close()
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(buf.Bytes())
	})
	srv.handle("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	srv.handle("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	})
	srv.handle("/chain/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/chain/"))
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
	})
	srv.handle("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok?from=moved", http.StatusMovedPermanently)
	})
	srv.handle("/consent", func(w http.ResponseWriter, r *http.Request) {
		// Redirect to itself once after setting a cookie, as consent walls do.
		if _, err := r.Cookie("consent"); err != nil {
			http.SetCookie(w, &http.Cookie{Name: "consent", Value: "yes", Path: "/"})
			http.Redirect(w, r, "/consent", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(page(100))
	})
	srv.handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	srv.handle("/status/", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/status/"))
		if ra := r.URL.Query().Get("retry"); ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		w.WriteHeader(code)
	})
	srv.handle("/doc.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(append([]byte("%PDF-1.7\n"), make([]byte, 4*testCap)...))
	})
	srv.handle("/untyped/", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // stop the server from sniffing one
		if strings.HasSuffix(r.URL.Path, ".pdf") {
			w.Write([]byte("%PDF-1.7\n%binary"))
			return
		}
		w.Write([]byte("<!DOCTYPE html><html><body><p>untyped</p></body></html>"))
	})
	srv.handle("/xhtml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xhtml+xml")
		w.Write([]byte(`<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`))
	})
	srv.handle("/feed-as-page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(mustRead(t, "rss2.xml"))
	})
	return srv
}

func TestFetchPagesErrors(t *testing.T) {
	srv := errorSite(t)
	c := newTestClient(t, Options{MaxBodyBytes: testCap, MaxRedirects: 5, Timeout: 300 * time.Millisecond}, nil)
	tests := []struct {
		name      string
		path      string
		wantErr   error // nil: a page
		wantTemp  bool
		wantCode  int           // *StatusError code, when not 0
		wantRetry time.Duration // RetryAfter, when not 0
		maxTime   time.Duration // when not 0
	}{
		{name: "OK", path: "/ok"},
		{name: "ExactlyAtCap", path: "/exact-cap"},
		{name: "TooLargeContentLength", path: "/big-length", wantErr: ErrTooLarge},
		{name: "TooLargeChunked", path: "/big-chunked", wantErr: ErrTooLarge},
		{name: "TooLargeAfterGzip", path: "/big-gzip", wantErr: ErrTooLarge},
		{name: "RedirectLoop", path: "/loop/a", wantErr: ErrRedirectLoop},
		{name: "RedirectChain", path: "/chain/0", wantErr: ErrRedirectLoop},
		{name: "RedirectOnceToItself", path: "/consent"},
		{name: "Timeout", path: "/slow", wantTemp: true, maxTime: time.Second},
		{name: "ServerError", path: "/status/500", wantTemp: true, wantCode: 500},
		{name: "BadGateway", path: "/status/502", wantTemp: true, wantCode: 502},
		{name: "NotFound", path: "/status/404", wantErr: ErrNotFound, wantCode: 404},
		{name: "Gone", path: "/status/410", wantErr: ErrNotFound, wantCode: 410},
		{name: "Forbidden", path: "/status/403", wantCode: 403},
		{name: "TooManyRequests", path: "/status/429?retry=120", wantTemp: true, wantCode: 429, wantRetry: 120 * time.Second},
		{name: "UnavailableWithDate", path: "/status/503?retry=" + strings.ReplaceAll(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), " ", "%20"), wantTemp: true, wantCode: 503, wantRetry: time.Hour},
		{name: "TooManyRequestsNoHeader", path: "/status/429", wantTemp: true, wantCode: 429},
		{name: "PDF", path: "/doc.pdf", wantErr: ErrNotHTML},
		{name: "FeedIsNotAPage", path: "/feed-as-page", wantErr: ErrNotHTML},
		{name: "UntypedPDF", path: "/untyped/a.pdf", wantErr: ErrNotHTML},
		{name: "UntypedHTML", path: "/untyped/a.html"},
		{name: "XHTML", path: "/xhtml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := srv.URL + tt.path
			start := time.Now()
			pages, errs := fetchAll(c, context.Background(), u)
			err := errs[u]
			if tt.maxTime > 0 && time.Since(start) > tt.maxTime {
				t.Errorf("took %v, want under %v", time.Since(start), tt.maxTime)
			}
			if tt.wantErr == nil && tt.wantCode == 0 && !tt.wantTemp {
				if err != nil || pages[u] == nil {
					t.Fatalf("error %v, want a page", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if tt.wantErr != nil {
				checkErr(t, err, tt.wantErr)
			}
			if got := Temporary(err); got != tt.wantTemp {
				t.Errorf("Temporary(%v)=%v, want %v", err, got, tt.wantTemp)
			}
			if se, ok := errors.AsType[*StatusError](err); tt.wantCode != 0 && (!ok || se.Code != tt.wantCode) {
				t.Errorf("error %#v, want *StatusError with code %d", err, tt.wantCode)
			}
			d, ok := RetryAfter(err)
			if ok != (tt.wantRetry > 0) || d < tt.wantRetry-2*time.Second || d > tt.wantRetry {
				t.Errorf("RetryAfter=%v, %v; want %v", d, ok, tt.wantRetry)
			}
		})
	}
	// Bounded loops: the server saw a handful of requests, not thousands.
	if n := srv.count("/loop/a") + srv.count("/loop/b"); n > 6 {
		t.Errorf("redirect loop made %d requests", n)
	}
	if n := srv.count("/chain/6"); n != 0 {
		t.Errorf("redirect chain went past MaxRedirects: /chain/6 requested %d times", n)
	}
}

func TestFetchPagesPage(t *testing.T) {
	srv := errorSite(t)
	c := newTestClient(t, Options{}, nil)
	u := srv.URL + "/moved?utm_source=x"
	pages, errs := fetchAll(c, context.Background(), u, u) // a repeat is fetched once
	p := pages[u]
	if p == nil {
		t.Fatalf("no page: %v", errs[u])
	}
	if got := srv.count("/moved?utm_source=x"); got != 1 {
		t.Errorf("duplicate URL requested %d times, want 1", got)
	}
	if p.URL != u || p.FinalURL != srv.URL+"/ok?from=moved" || p.Status != 200 {
		t.Errorf("URL=%q FinalURL=%q Status=%d", p.URL, p.FinalURL, p.Status)
	}
	if p.ContentType != "text/html; charset=utf-8" || p.Header.Get("Content-Type") != p.ContentType {
		t.Errorf("ContentType=%q, header %q", p.ContentType, p.Header.Get("Content-Type"))
	}
	if len(p.UTF8()) != 1000 {
		t.Errorf("len(Body)=%d, want 1000", len(p.UTF8()))
	}
	if got := srv.header("/moved?utm_source=x").Get("User-Agent"); got != testUA {
		t.Errorf("User-Agent=%q, want %q", got, testUA)
	}
}

func TestFetchPagesBadURLs(t *testing.T) {
	c := newTestClient(t, Options{}, nil)
	bad := []string{"", "/relative.html", "mailto:desk@example.com", "http://[::1"}
	pages, errs := fetchAll(c, context.Background(), bad...)
	if len(pages) != 0 || len(errs) != len(bad) {
		t.Fatalf("%d pages, %d errors; want 0, %d", len(pages), len(errs), len(bad))
	}
}
