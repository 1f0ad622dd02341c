package fetch

import (
	"context"
	"errors"
	"net/http"
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
		{"BadCrawlDelay", "User-agent: *\nCrawl-delay: soon\nDisallow: /a/\n", "/a/x", true},
		{"Empty", "", "/a/x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRobots(http.StatusOK, []byte(tt.body)).TestAgent(tt.path, testUA); got != tt.allowed {
				t.Fatalf("allowed=%v, want %v", got, tt.allowed)
			}
		})
	}
}
