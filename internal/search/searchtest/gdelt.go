package searchtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// GDELT is a loopback server speaking the GDELT DOC 2.0 API's artlist
// mode: JSON records filtered by query words, sourcelang: and the time
// window (timespan, or startdatetime and enddatetime), newest first, at
// most maxrecords. Like GDELT it answers 429 in plain text to a request
// less than MinGap after the previous one, "{}" when nothing matches, and
// plain text for a query it cannot run.
type GDELT struct {
	srv *httptest.Server
	// MinGap is the least time between two requests; set it before use.
	MinGap time.Duration

	requestLog
	mu        sync.Mutex
	stories   []gdStory
	limit     int    // requests still to refuse with 429
	malformed int    // answers still to break
	refusal   string // next answer, in plain text with status 200
	last      time.Time
}

type gdStory struct {
	words, lang string
	Story
}

// NewGDELT starts the server; Close stops it.
func NewGDELT() *GDELT {
	g := &GDELT{}
	g.srv = httptest.NewServer(http.HandlerFunc(g.serve))
	return g
}

// URL is the server's endpoint, for a source's endpoint key.
func (g *GDELT) URL() string { return g.srv.URL }

// Close stops the server.
func (g *GDELT) Close() { g.srv.Close() }

// Add lists stories for the query words q in language lang (GDELT's name,
// such as "vietnamese"). A story's Published is GDELT's seendate.
func (g *GDELT) Add(q, lang string, stories ...Story) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, st := range stories {
		g.stories = append(g.stories, gdStory{q, strings.ToLower(lang), st})
	}
}

// RateLimit makes the next n requests answer 429.
func (g *GDELT) RateLimit(n int) {
	g.mu.Lock()
	g.limit = n
	g.mu.Unlock()
}

// Malformed makes the next n answers invalid JSON: a raw quote inside a
// title and a body cut short.
func (g *GDELT) Malformed(n int) {
	g.mu.Lock()
	g.malformed = n
	g.mu.Unlock()
}

// Refuse makes the next answer msg in plain text with status 200, as GDELT
// answers queries it cannot run.
func (g *GDELT) Refuse(msg string) {
	g.mu.Lock()
	g.refusal = msg
	g.mu.Unlock()
}

var sourceLang = regexp.MustCompile(`(?i)\s*sourcelang:(\w+)`)

func (g *GDELT) serve(w http.ResponseWriter, r *http.Request) {
	g.record(r)
	g.mu.Lock()
	now := time.Now()
	tooSoon := !g.last.IsZero() && now.Sub(g.last) < g.MinGap
	g.last = now
	limited := g.limit > 0 || tooSoon
	if g.limit > 0 {
		g.limit--
	}
	broken := !limited && g.malformed > 0
	if broken {
		g.malformed--
	}
	refusal := ""
	if !limited {
		refusal, g.refusal = g.refusal, ""
	}
	g.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if r.URL.Path != "/api/v2/doc/doc" {
		http.NotFound(w, r)
		return
	}
	if limited {
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprintln(w, "Please limit requests to one every 5 seconds or contact the project for larger queries.")
		return
	}
	q := r.URL.Query()
	if q.Get("mode") != "artlist" || q.Get("format") != "json" {
		refusal = "Invalid query mode or format."
	}
	if refusal != "" {
		fmt.Fprintln(w, refusal)
		return
	}
	from, to, refusal := gdeltWindow(q.Get("timespan"), q.Get("startdatetime"), q.Get("enddatetime"), now)
	if refusal != "" {
		fmt.Fprintln(w, refusal)
		return
	}
	max, err := strconv.Atoi(q.Get("maxrecords"))
	if err != nil || max < 1 || max > 250 {
		max = 75
	}
	g.writeArticles(w, g.match(q.Get("query"), from, to, max), broken)
}

var timespanRe = regexp.MustCompile(`^(\d+)(min|h|d|w)$`)

// gdeltWindow reads the request's time range, or the plain-text refusal
// GDELT would answer.
func gdeltWindow(span, start, end string, now time.Time) (from, to time.Time, refusal string) {
	if span != "" {
		m := timespanRe.FindStringSubmatch(span)
		if m == nil {
			return from, to, "Invalid timespan."
		}
		n, _ := strconv.Atoi(m[1])
		unit := map[string]time.Duration{"min": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}[m[2]]
		if time.Duration(n)*unit < 15*time.Minute {
			return from, to, "Timespan is too short."
		}
		return now.Add(-time.Duration(n) * unit), now, ""
	}
	const layout = "20060102150405"
	from, err1 := time.Parse(layout, start)
	to, err2 := time.Parse(layout, end)
	if err1 != nil || err2 != nil || !from.Before(to) {
		return from, to, "Invalid start or end date."
	}
	return from, to, ""
}

// match returns the stories of the query words and language inside the
// window, newest first, at most max.
func (g *GDELT) match(query string, from, to time.Time, max int) []gdStory {
	lang := ""
	if m := sourceLang.FindStringSubmatch(query); m != nil {
		lang = strings.ToLower(m[1])
	}
	words := strings.TrimSpace(sourceLang.ReplaceAllString(query, ""))
	g.mu.Lock()
	var out []gdStory
	for _, s := range g.stories {
		if s.words == words && (lang == "" || s.lang == lang) && !s.Published.Before(from) && s.Published.Before(to) {
			out = append(out, s)
		}
	}
	g.mu.Unlock()
	slices.SortStableFunc(out, func(a, b gdStory) int { return b.Published.Compare(a.Published) })
	return out[:min(len(out), max)]
}

func (g *GDELT) writeArticles(w http.ResponseWriter, stories []gdStory, broken bool) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if len(stories) == 0 {
		fmt.Fprint(w, "{}")
		return
	}
	type article struct {
		URL           string `json:"url"`
		URLMobile     string `json:"url_mobile"`
		Title         string `json:"title"`
		SeenDate      string `json:"seendate"`
		SocialImage   string `json:"socialimage"`
		Domain        string `json:"domain"`
		Language      string `json:"language"`
		SourceCountry string `json:"sourcecountry"`
	}
	doc := struct {
		Articles []article `json:"articles"`
	}{}
	for _, s := range stories {
		doc.Articles = append(doc.Articles, article{
			URL: s.URL, Title: s.Title, SeenDate: s.Published.UTC().Format("20060102T150405Z"),
			Domain: s.Outlet, Language: s.Language, SourceCountry: "Vietnam",
		})
	}
	body, _ := json.MarshalIndent(doc, "", " ")
	if broken {
		// A title quoted raw, as GDELT sometimes writes them, and the
		// connection cut before the end.
		body = []byte(strings.Replace(string(body), `"title": "`, `"title": "The "quoted" `, 1))
		body = body[:len(body)*3/4]
	}
	w.Write(body)
}
