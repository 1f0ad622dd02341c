package fetch

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/vnjp-monitor/crawler"
)

// robotsSite serves robots.txt with the given body (or status when body is
// empty) and an article page under every other path.
func robotsSite(t *testing.T, robots string, status int) *site {
	srv := newSite(t)
	article := mustRead(t, "article.html")
	srv.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		if status != 0 {
			w.WriteHeader(status)
		}
		w.Write([]byte(robots))
	})
	srv.handle("/go/private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/private/moved.html", http.StatusFound)
	})
	srv.handle("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(article)
	})
	return srv
}

// fetchAll runs FetchPages and collects the results by URL.
func fetchAll(c *Client, ctx context.Context, urls ...string) (map[string]*Page, map[string]error) {
	var mu sync.Mutex
	pages, errs := make(map[string]*Page), make(map[string]error)
	c.FetchPages(ctx, urls, func(u string, p *Page, err error) {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := pages[u]; dup {
			panic("fn called twice for " + u)
		}
		if _, dup := errs[u]; dup {
			panic("fn called twice for " + u)
		}
		if err != nil {
			errs[u] = err
			return
		}
		pages[u] = p
	})
	return pages, errs
}

func TestRobots(t *testing.T) {
	const disallowPrivate = "User-agent: *\nDisallow: /private/\n"
	type hits map[string]int // path -> requests the server sees per round
	tests := []struct {
		name      string
		robots    string
		status    int // robots.txt status; 0 means 200
		respect   bool
		path      string
		wantErr   error // nil: fetched; ErrRobots; errTemporary: any Temporary error
		wantHits  hits
		robotsReq int // robots.txt requests over both rounds
	}{
		{"Allowed", disallowPrivate, 0, true, "/public/a.html", nil, hits{"/public/a.html": 1}, 1},
		{"Disallowed", disallowPrivate, 0, true, "/private/a.html", ErrRobots, hits{"/private/a.html": 0}, 1},
		{"DisallowedIgnored", disallowPrivate, 0, false, "/private/a.html", nil, hits{"/private/a.html": 1}, 0},
		{"RedirectToDisallowed", disallowPrivate, 0, true, "/go/private", ErrRobots, hits{"/go/private": 1, "/private/moved.html": 0}, 1},
		{"DisallowedWithQuery", "User-agent: *\nDisallow: /*?print=\n", 0, true, "/public/a.html?print=1", ErrRobots, hits{"/public/a.html?print=1": 0}, 1},
		{"OwnGroupWins", "User-agent: *\nAllow: /\n\nUser-agent: vnjp-test\nDisallow: /\n", 0, true, "/public/a.html", ErrRobots, hits{"/public/a.html": 0}, 1},
		{"OtherBotOnly", "User-agent: OtherBot\nDisallow: /\n", 0, true, "/public/a.html", nil, hits{"/public/a.html": 1}, 1},
		{"RuleBeforeUserAgent", "Disallow: /private/\n", 0, true, "/private/a.html", ErrRobots, hits{"/private/a.html": 0}, 1},
		{"NoRobotsFile", "", http.StatusNotFound, true, "/private/a.html", nil, hits{"/private/a.html": 1}, 1},
		// A failing robots.txt means "try later"; the failure is
		// remembered for a minute, so the second round does not ask again.
		{"RobotsServerError", "", http.StatusServiceUnavailable, true, "/public/a.html", errTemporary, hits{"/public/a.html": 0}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := robotsSite(t, tt.robots, tt.status)
			c := newTestClient(t, Options{RespectRobots: tt.respect}, nil)
			u := srv.URL + tt.path
			for range 2 {
				_, errs := fetchAll(c, context.Background(), u)
				checkErr(t, errs[u], tt.wantErr)
			}
			for path, n := range tt.wantHits {
				if got, want := srv.count(path), 2*n; got != want {
					t.Errorf("server saw %s %d times, want %d", path, got, want)
				}
			}
			if got := srv.count("/robots.txt"); got != tt.robotsReq {
				t.Errorf("robots.txt requested %d times, want %d", got, tt.robotsReq)
			}
		})
	}
}

// errTemporary in a test table stands for any error Temporary accepts.
var errTemporary = errors.New("any temporary error")

// checkErr fails unless err matches want: nil, errTemporary or a sentinel.
func checkErr(t *testing.T, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Fatalf("error %v, want none", err)
	case want == errTemporary && !Temporary(err):
		t.Fatalf("error %v, want a temporary one", err)
	case want != nil && want != errTemporary && !errors.Is(err, want):
		t.Fatalf("error %v, want %v", err, want)
	}
}

func TestRobotsDiscover(t *testing.T) {
	srv := robotsSite(t, "User-agent: *\nDisallow: /feeds/\n", 0)
	c := newTestClient(t, Options{RespectRobots: true}, nil)
	_, err := c.Discover(context.Background(), crawler.Source{Kind: crawler.KindRSS, URL: srv.URL + "/feeds/world.xml"})
	if !errors.Is(err, ErrRobots) {
		t.Fatalf("Discover error %v, want ErrRobots", err)
	}
	if got := srv.count("/feeds/world.xml"); got != 0 {
		t.Fatalf("disallowed feed requested %d times", got)
	}
}

func TestParseRobotsLenient(t *testing.T) {
	tests := []struct {
		name, body, path string
		allowed          bool
	}{
		{"Plain", "User-agent: *\nDisallow: /a/\n", "/a/x", false},
		{"OrphanRule", "Disallow: /a/\n", "/a/x", false},
		{"HTMLInsteadOfRobots", "<html><body>Not found</body></html>", "/a/x", true},
		// A bad Crawl-delay is skipped, not a reason to drop the file.
		{"BadCrawlDelay", "User-agent: *\nCrawl-delay: soon\nDisallow: /a/\n", "/a/x", false},
		{"Empty", "", "/a/x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRobots([]byte(tt.body), testUA).allowed(tt.path); got != tt.allowed {
				t.Fatalf("allowed=%v, want %v", got, tt.allowed)
			}
		})
	}
}

// TestRobotsFetchLimits checks the fetch rules of RFC 9309: redirects
// followed for five hops, a body read up to 500 KiB, and a 4xx read as no
// rules at all.
func TestRobotsFetchLimits(t *testing.T) {
	const rules = "User-agent: *\nDisallow: /private/\n"
	padding := strings.Repeat("# padding line for a long file\n", robotsMaxBytes/31+1)
	tests := []struct {
		name    string
		hops    int    // redirects before the file
		status  int    // status of the file; 0 means 200
		body    string // the file
		allowed bool
	}{
		{"Direct", 0, 0, rules, false},
		{"FiveRedirects", 5, 0, rules, false},
		{"SixRedirects", 6, 0, rules, true},
		{"Forbidden", 0, http.StatusForbidden, rules, true},
		{"Unauthorized", 0, http.StatusUnauthorized, rules, true},
		{"Gone", 0, http.StatusGone, rules, true},
		{"RuleWithinLimit", 0, 0, rules + padding, false},
		{"RuleBeyondLimit", 0, 0, padding + rules, true},
		// The line the limit cuts is dropped: whole, it would not allow
		// /private/open/a.html; cut after "a.html", it would.
		{"LineCutAtLimit", 0, 0, rules + padding[:robotsMaxBytes-len(rules)-len("\nAllow: /private/open/a.html")] + "\nAllow: /private/open/a.html.bak\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			serve := func(w http.ResponseWriter, r *http.Request) {
				if tt.status != 0 {
					w.WriteHeader(tt.status)
				}
				w.Write([]byte(tt.body))
			}
			srv := newSite(t)
			srv.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
				if tt.hops == 0 {
					serve(w, r)
					return
				}
				http.Redirect(w, r, "/hop/1", http.StatusMovedPermanently)
			})
			srv.handle("/hop/", func(w http.ResponseWriter, r *http.Request) {
				n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
				if n < tt.hops {
					http.Redirect(w, r, "/hop/"+strconv.Itoa(n+1), http.StatusFound)
					return
				}
				serve(w, r)
			})
			srv.file(t, "/private/", "article.html", "text/html; charset=utf-8")
			c := newTestClient(t, Options{RespectRobots: true}, nil)
			u := srv.URL + "/private/open/a.html"
			_, errs := fetchAll(c, context.Background(), u)
			if got := errs[u] == nil; got != tt.allowed {
				t.Fatalf("allowed=%v (error %v), want %v", got, errs[u], tt.allowed)
			}
		})
	}
}

// TestRobotsCrossHostRedirect checks that a robots.txt reached on another
// host is obeyed for the host that was asked.
func TestRobotsCrossHostRedirect(t *testing.T) {
	other := robotsSite(t, "User-agent: *\nDisallow: /private/\n", 0)
	srv := newSite(t)
	srv.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/robots.txt", http.StatusMovedPermanently)
	})
	srv.file(t, "/private/", "article.html", "text/html; charset=utf-8")
	c := newTestClient(t, Options{RespectRobots: true}, nil)
	u := srv.URL + "/private/a.html"
	_, errs := fetchAll(c, context.Background(), u)
	checkErr(t, errs[u], ErrRobots)
}
