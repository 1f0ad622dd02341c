package testsite

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Feed is a bare news site on 127.0.0.1 for tests of interruptions and
// hostile links: a feed at /feed.xml listing the links set with Stories or
// SetLinks, article pages at /story/N (made-up prose, different for every
// N), and /redirect?to=URL. A hook sees each article request first, so a
// test can stop a crawl at a known point.
type Feed struct {
	srv      *httptest.Server
	mu       sync.Mutex
	links    []string
	requests []string
	hook     func(count int, r *http.Request)
	delay    time.Duration
	user     string
	password string
}

// StartFeed starts a Feed; Close stops it.
func StartFeed() *Feed {
	f := &Feed{}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", f.serveFeed)
	mux.HandleFunc("/story/{n}", f.serveStory)
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	f.srv = httptest.NewServer(mux)
	return f
}

// URL is the site's base URL, http://127.0.0.1:port.
func (f *Feed) URL() string { return f.srv.URL }

// Close stops the server.
func (f *Feed) Close() { f.srv.Close() }

// Stories makes the feed list /story/1 to /story/n.
func (f *Feed) Stories(n int) {
	links := make([]string, n)
	for i := range links {
		links[i] = f.srv.URL + "/story/" + strconv.Itoa(i+1)
	}
	f.SetLinks(links...)
}

// SetLinks makes the feed list exactly these links.
func (f *Feed) SetLinks(links ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.links = links
}

// SetHook sets the function that sees each article request before it is
// answered, with the number of article requests so far, this one included.
// The answer is not sent when the request is cancelled meanwhile.
func (f *Feed) SetHook(hook func(count int, r *http.Request)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook = hook
}

// SetArticleDelay makes every article page take d to answer.
func (f *Feed) SetArticleDelay(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.delay = d
}

// SetAuth makes the feed answer 401 without these Basic credentials.
func (f *Feed) SetAuth(user, password string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.user, f.password = user, password
}

// ArticleRequests returns the paths of the article requests, in order.
func (f *Feed) ArticleRequests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

func (f *Feed) serveFeed(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	links, user, password := append([]string(nil), f.links...), f.user, f.password
	f.mu.Unlock()
	if user != "" {
		if u, p, ok := r.BasicAuth(); !ok || u != user || p != password {
			http.Error(w, "members only", http.StatusUnauthorized)
			return
		}
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Delta Courier</title>`)
	for i, l := range links {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>%s</link></item>", i+1, strings.ReplaceAll(l, "&", "&amp;"))
	}
	b.WriteString("</channel></rss>")
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Header().Set("ETag", fmt.Sprintf(`"%x"`, storyHash(b.String())))
	w.Write([]byte(b.String()))
}

func (f *Feed) serveStory(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	f.mu.Lock()
	f.requests = append(f.requests, r.URL.Path)
	hook, count, delay := f.hook, len(f.requests), f.delay
	f.mu.Unlock()
	if hook != nil {
		hook(count, r)
	}
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
		}
	}
	if r.Context().Err() != nil {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Harbour notes %d</title></head><body>
<article><h1>Harbour notes %d</h1>%s</article></body></html>`, n, n, madeUpProse(uint64(n)))
}

// madeUpProse is four paragraphs of invented words, different for every
// seed, so that no two stories look alike to near-duplicate detection.
func madeUpProse(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 99))
	syll := strings.Fields("ba ko ri tu me sa lo vi ne da pu gi ha zo we")
	var b strings.Builder
	for range 4 {
		b.WriteString("<p>")
		for w := range 45 {
			for range 2 + r.IntN(2) {
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
