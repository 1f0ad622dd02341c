package searchtest

import (
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Story is one search result as the fake providers list it.
type Story struct {
	URL       string // the publisher's article
	Title     string // headline, without the outlet
	Outlet    string // the publisher's name (Google) or domain (GDELT)
	OutletURL string // the publisher's home page (Google's <source url>)
	Published time.Time
	// Opaque makes Google list the story under a current id, resolved
	// online; otherwise under an old id that carries the URL.
	Opaque bool
	// Language is GDELT's name of the article's language, such as
	// "Vietnamese".
	Language string
}

// Request is one request a fake provider received.
type Request struct {
	Method, Path, Query string
}

// requestLog records the requests of a fake provider.
type requestLog struct {
	mu  sync.Mutex
	log []Request
}

func (l *requestLog) record(r *http.Request) {
	l.mu.Lock()
	l.log = append(l.log, Request{r.Method, r.URL.Path, r.URL.RawQuery})
	l.mu.Unlock()
}

// Requests returns every request received so far.
func (l *requestLog) Requests() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Request(nil), l.log...)
}

// GoogleNews is a loopback server speaking Google News' formats: the RSS
// search, article pages carrying data-n-a-sg and data-n-a-ts, and the
// batchexecute call that resolves current ids. Item links point at
// https://news.google.com, as Google's do, unless LinkBase is set.
type GoogleNews struct {
	srv *httptest.Server
	// LinkBase is the scheme and host of item links; set it before the
	// first search.
	LinkBase string
	// Chunked makes batchexecute answers carry length lines.
	Chunked bool
	// Redirect makes article pages redirect to the publisher instead of
	// carrying the signature, as Google does for some clients.
	Redirect bool

	requestLog
	mu       sync.Mutex
	results  map[string][]string // query words -> ids
	articles map[string]*gnArticle
	limit    int // batchexecute calls still to refuse with 429
	sorry    int // batchexecute calls still to redirect to a block page
}

type gnArticle struct {
	Story
	id  string
	ts  int64
	sig string
}

// NewGoogleNews starts the server; Close stops it.
func NewGoogleNews() *GoogleNews {
	g := &GoogleNews{LinkBase: "https://news.google.com", results: map[string][]string{}, articles: map[string]*gnArticle{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /rss/search", g.serveSearch)
	mux.HandleFunc("GET /rss/articles/{id}", g.serveArticle)
	mux.HandleFunc("GET /articles/{id}", g.serveArticle)
	mux.HandleFunc("POST /_/DotsSplashUi/data/batchexecute", g.serveBatch)
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.record(r)
		mux.ServeHTTP(w, r)
	}))
	return g
}

// URL is the server's endpoint, for a source's endpoint key.
func (g *GoogleNews) URL() string { return g.srv.URL }

// Close stops the server.
func (g *GoogleNews) Close() { g.srv.Close() }

// Add lists stories, in order, for the query q and returns their ids.
func (g *GoogleNews) Add(q string, stories ...Story) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var ids []string
	for _, st := range stories {
		n := len(g.articles) + 1
		id := OldID(st.URL, "")
		if st.Opaque {
			id = NewID(fmt.Sprintf("opaque-token-%03d-%x", n, len(st.URL)))
		}
		g.articles[id] = &gnArticle{Story: st, id: id, ts: 1767225600 + int64(n), sig: fmt.Sprintf("AV_sig%04dZ", n)}
		g.results[q] = append(g.results[q], id)
		ids = append(ids, id)
	}
	return ids
}

// RateLimit makes the next n batchexecute calls answer 429.
func (g *GoogleNews) RateLimit(n int) {
	g.mu.Lock()
	g.limit = n
	g.mu.Unlock()
}

// Sorry makes the next n batchexecute calls redirect to a block page on
// another host, as Google does with clients it throttles.
func (g *GoogleNews) Sorry(n int) {
	g.mu.Lock()
	g.sorry = n
	g.mu.Unlock()
}

// rssItem is an item of the RSS search answer.
type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Description string  `xml:"description"`
	Source      rssSrc  `xml:"source"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssSrc struct {
	URL  string `xml:"url,attr"`
	Name string `xml:",chardata"`
}

func (g *GoogleNews) serveSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("q") == "" || q.Get("hl") == "" || q.Get("gl") == "" || q.Get("ceid") == "" {
		http.Error(w, "missing parameter", http.StatusBadRequest)
		return
	}
	g.mu.Lock()
	var items []rssItem
	for _, id := range g.results[q.Get("q")] {
		a := g.articles[id]
		link := g.LinkBase + "/rss/articles/" + id + "?oc=5"
		items = append(items, rssItem{
			Title: a.Title + " - " + a.Outlet, Link: link,
			GUID:    rssGUID{"false", id},
			PubDate: a.Published.UTC().Format(http.TimeFormat),
			Description: fmt.Sprintf(`<a href="%s" target="_blank">%s</a>&nbsp;&nbsp;<font color="#6f6f6f">%s</font>`,
				html.EscapeString(link), html.EscapeString(a.Title), html.EscapeString(a.Outlet)),
			Source: rssSrc{a.OutletURL, a.Outlet},
		})
	}
	g.mu.Unlock()
	doc := struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel struct {
			Generator   string    `xml:"generator"`
			Title       string    `xml:"title"`
			Link        string    `xml:"link"`
			Language    string    `xml:"language"`
			Description string    `xml:"description"`
			Items       []rssItem `xml:"item"`
		} `xml:"channel"`
	}{Version: "2.0"}
	doc.Channel.Generator = "NFE/5.0"
	doc.Channel.Title = fmt.Sprintf("%q - Google News", q.Get("q"))
	doc.Channel.Link = g.LinkBase + "/search?" + r.URL.RawQuery
	doc.Channel.Language = q.Get("hl")
	doc.Channel.Description = "Google News"
	doc.Channel.Items = items
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	fmt.Fprint(w, xml.Header)
	enc := xml.NewEncoder(w)
	if err := enc.Encode(doc); err != nil {
		panic(err) // the document is ours
	}
}

// serveArticle is the provider's page for one article id, which a browser
// would leave for the publisher by script; it carries the signature.
func (g *GoogleNews) serveArticle(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	a := g.articles[r.PathValue("id")]
	g.mu.Unlock()
	if a == nil {
		http.NotFound(w, r)
		return
	}
	if g.Redirect {
		http.Redirect(w, r, a.URL, http.StatusFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Google News</title>
<script nonce="n0">window.WIZ_global_data = {"qwAQke":"DotsSplashUi"};</script></head>
<body><c-wiz jsrenderer="ftX2Ad" class="zQTmif" jsdata="deferred-i1" data-p="%%.@.]"><div jscontroller="aLI87" jsaction="rcuQ6b:npT2md" data-n-a-id="%s" data-n-a-ts="%d" data-n-a-sg="%s" data-n-vlb="0"><div class="m2L3rb"></div></div></c-wiz>
<noscript>Opening %s</noscript></body></html>`, a.id, a.ts, a.sig, html.EscapeString(a.Outlet))
}
