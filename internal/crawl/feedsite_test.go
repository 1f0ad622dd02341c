package crawl_test

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// feedSite is a small news site on 127.0.0.1: a feed at /feed.xml listing
// the links given, article pages at /story/N, and /redirect?to=URL. A hook
// sees each article request first, to interrupt a pass at a known point.
type feedSite struct {
	*httptest.Server
	mu       sync.Mutex
	links    []string
	requests []string                         // article paths, in order
	onStory  func(count int, r *http.Request) // count: article requests so far, this one included
	auth     [2]string                        // user, password the feed needs; empty for none
}

func newFeedSite(t *testing.T) *feedSite {
	t.Helper()
	s := &feedSite{}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", s.feed)
	mux.HandleFunc("/story/{n}", s.story)
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// stories sets the feed to list /story/1 to /story/n.
func (s *feedSite) stories(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.links = nil
	for i := 1; i <= n; i++ {
		s.links = append(s.links, fmt.Sprintf("%s/story/%d", s.URL, i))
	}
}

func (s *feedSite) feed(w http.ResponseWriter, r *http.Request) {
	if s.auth[0] != "" {
		if u, p, ok := r.BasicAuth(); !ok || u != s.auth[0] || p != s.auth[1] {
			http.Error(w, "members only", http.StatusUnauthorized)
			return
		}
	}
	s.mu.Lock()
	links := append([]string(nil), s.links...)
	s.mu.Unlock()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Delta Courier</title>`)
	for i, l := range links {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>%s</link></item>", i+1, strings.ReplaceAll(l, "&", "&amp;"))
	}
	b.WriteString("</channel></rss>")
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Header().Set("ETag", fmt.Sprintf(`"%x"`, len(b.String())))
	w.Write([]byte(b.String()))
}

func (s *feedSite) story(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	s.mu.Lock()
	s.requests = append(s.requests, r.URL.Path)
	hook, count := s.onStory, len(s.requests)
	s.mu.Unlock()
	if hook != nil {
		hook(count, r)
	}
	if r.Context().Err() != nil {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Harbour notes %d</title></head><body>
<article><h1>Harbour notes %d</h1>%s</article></body></html>`, n, n, storyText(uint64(n)))
}

// setHook sets the function that sees each article request first.
func (s *feedSite) setHook(f func(count int, r *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onStory = f
}

func (s *feedSite) articleRequests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// storyText is made-up prose, different for every seed, so that no two
// stories look alike to near-duplicate detection.
func storyText(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 99))
	syll := strings.Fields("ba ko ri tu me sa lo vi ne da pu gi ha zo we")
	var b strings.Builder
	for p := 0; p < 4; p++ {
		b.WriteString("<p>")
		for w := 0; w < 45; w++ {
			for k := 0; k < 2+r.IntN(2); k++ {
				b.WriteString(syll[r.IntN(len(syll))])
			}
			if w%9 == 8 {
				b.WriteString(". ")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString("</p>\n")
	}
	return b.String()
}

// feedEnv is a crawler wired from a configuration file naming the feed
// site's feed as its one source.
type feedEnv struct {
	site    *feedSite
	store   *store.Store
	crawler *crawl.Crawler
	cfg     *config.Config
	closed  bool
}

func newFeedEnv(t *testing.T, site *feedSite, sourceURL, extra string) *feedEnv {
	t.Helper()
	yaml := fmt.Sprintf(`database: %q
crawl:
  per_host_delay: 0s
  timeout: 2s
  respect_robots: false
%ssources:
  - name: Delta Courier
    kind: rss
    url: %q
`, filepath.Join(t.TempDir(), "feed.db"), extra, sourceURL)
	cfg, err := config.Parse(strings.NewReader(yaml), "feed.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(cfg.Database, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c, err := crawl.New(cfg, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	e := &feedEnv{site: site, store: st, crawler: c, cfg: cfg}
	t.Cleanup(func() { e.close(t) })
	return e
}

// close checks the database and closes it; closing twice is harmless.
func (e *feedEnv) close(t *testing.T) {
	t.Helper()
	if e.closed {
		return
	}
	e.closed = true
	if err := e.store.Check(); err != nil {
		t.Errorf("database check: %v", err)
	}
	if err := e.store.Close(); err != nil {
		t.Fatal(err)
	}
}
