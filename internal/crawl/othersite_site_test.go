package crawl_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding"
)

// otherStory is one story of the second loopback site, read from
// testdata/othersite/stories.json.
type otherStory struct {
	ID     string    `json:"id"`
	Lang   string    `json:"lang"`
	Date   time.Time `json:"date"`
	Slug   string    `json:"slug"`
	Via    []string  `json:"via"`   // rss, atom, sitemap, news, listing, syndicator
	Flags  []string  `json:"flags"` // serving quirks, see servePage
	Title  string    `json:"title"`
	Byline string    `json:"byline"`
	Paras  []string  `json:"paras"`
}

func (s *otherStory) has(flag string) bool { return slices.Contains(s.Flags, flag) }
func (s *otherStory) via(ch string) bool   { return slices.Contains(s.Via, ch) }

// path is the WordPress-style permalink, with a language prefix for the
// vi and ja editions and a members prefix for the preview story.
func (s *otherStory) path() string {
	p := s.Date.Format("/2006/01/02/") + s.Slug + "/"
	switch {
	case s.has("members-preview"):
		return "/members/preview" + p
	case s.Lang != "en":
		return "/" + s.Lang + p
	}
	return p
}

// otherSite is a news site whose conventions differ from internal/testsite
// on purpose: two outlets (the Ledger and a wire service re-publishing
// some of its stories), logging every request.
type otherSite struct {
	t       *testing.T
	stories []*otherStory
	main    *httptest.Server
	wire    *httptest.Server
	robots  map[string][]byte // outlet -> robots.txt

	mu   sync.Mutex
	log  []otherRequest
	hits map[string]int // path -> GET count, for the 503-once page
}

// otherRequest is one logged request.
type otherRequest struct {
	Outlet, Method, URI string
	Conditional         bool
	At                  time.Time
}

func startOtherSite(t *testing.T) *otherSite {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "othersite", "stories.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := &otherSite{t: t, hits: map[string]int{}, robots: map[string][]byte{}}
	if err := json.Unmarshal(raw, &s.stories); err != nil {
		t.Fatalf("stories.json: %v", err)
	}
	for _, o := range []string{"main", "wire"} {
		b, err := os.ReadFile(filepath.Join("testdata", "othersite", "robots-"+o+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		s.robots[o] = b
	}
	s.main = httptest.NewServer(s.logged("main", s.mainRoutes()))
	t.Cleanup(s.main.Close)
	s.wire = httptest.NewServer(s.logged("wire", s.wireRoutes()))
	t.Cleanup(s.wire.Close)
	return s
}

func (s *otherSite) logged(outlet string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, otherRequest{
			Outlet: outlet, Method: r.Method, URI: r.URL.RequestURI(), At: time.Now(),
			Conditional: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "",
		})
		s.mu.Unlock()
		if r.Method == http.MethodHead { // this server cannot answer HEAD
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (s *otherSite) requests() []otherRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

func (s *otherSite) resetLog() {
	s.mu.Lock()
	s.log = nil
	s.mu.Unlock()
}

// hit counts a GET of path and returns the count so far.
func (s *otherSite) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[path]++
	return s.hits[path]
}

// lastModified is fixed, so a conditional request can be answered 304.
var lastModified = time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC).Format(http.TimeFormat)

// writeCached answers with body and validators, or 304 when the request's
// validators match. etag "" sends Last-Modified only.
func writeCached(w http.ResponseWriter, r *http.Request, contentType, etag string, body []byte) {
	if etag != "" {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("Last-Modified", lastModified)
	if etag == "" && r.Header.Get("If-Modified-Since") == lastModified {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", contentType)
	_, _ = w.Write(body)
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// legacy encodes s in a legacy charset. Characters it lacks (the nav's
// Vietnamese) become "?", as an old CMS would write them.
func legacy(t *testing.T, e encoding.Encoding, s string) []byte {
	b, err := encoding.ReplaceUnsupported(e.NewEncoder()).Bytes([]byte(s))
	if err != nil {
		t.Errorf("encode: %v", err)
	}
	return b
}

// disallowed says, independently of the crawler's robots code, which
// request URIs robots-main.txt and robots-wire.txt forbid.
func disallowed(outlet, uri string) bool {
	path, query, _ := strings.Cut(uri, "?")
	if outlet == "wire" {
		return strings.HasPrefix(path, "/private/")
	}
	switch {
	case strings.HasPrefix(path, "/wp-admin/") && path != "/wp-admin/admin-ajax.php":
		return true
	case strings.HasPrefix(path, "/members/") && !strings.HasPrefix(path, "/members/preview/"):
		return true
	case strings.Contains(query, "replytocom=") || strings.HasPrefix(query, "s=") || strings.Contains(query, "&s="):
		return true
	case strings.HasSuffix(path, "/print/") && query == "", strings.HasSuffix(path, ".pdf") && query == "":
		return true
	}
	return false
}

func esc(s string) string { return html.EscapeString(s) }
