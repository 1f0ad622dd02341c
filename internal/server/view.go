package server

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	crawler "github.com/vnjp-monitor/crawler"
)

// pillarClasses is how many pillar colours the stylesheet defines; pillars
// past it reuse them.
const pillarClasses = 13

// leadRunes is the length of the lead shown in the list.
const leadRunes = 280

// langNames names the languages the monitor reads, in their own words.
var langNames = map[string]string{"en": "English", "vi": "Tiếng Việt", "ja": "日本語"}

func langName(code string) string {
	if n, ok := langNames[code]; ok {
		return n
	}
	return code
}

// chip is one pillar label on an article.
type chip struct {
	ID, Name, Class string
	Primary         bool
	Href            string
}

// card is one article in the list.
type card struct {
	ID, Title, Href, Outlet string
	Lang, LangName          string
	Date, DateISO           string
	Lead                    string
	Relevant                bool
	Relevance               string
	Chips                   []chip
}

// safeURL returns u when it is an absolute http or https URL, else "": a
// stored URL comes from a crawled page and must never become a
// javascript: or data: link.
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// pillarClass is the CSS class of a pillar's colour.
func (st *site) pillarClass(id string) string {
	i, ok := st.pillars[id]
	if !ok {
		return "px"
	}
	return fmt.Sprintf("p%d", i%pillarClasses)
}

// chips returns an article's pillars, primary first, then in taxonomy order.
func (st *site) chips(a *crawler.Article) []chip {
	ids := slices.Clone(a.Pillars)
	slices.SortStableFunc(ids, func(x, y string) int {
		switch {
		case x == a.Primary:
			return -1
		case y == a.Primary:
			return 1
		}
		return st.order(x) - st.order(y)
	})
	out := make([]chip, 0, len(ids))
	for _, id := range ids {
		out = append(out, chip{ID: id, Name: st.pillar(id).Name, Class: st.pillarClass(id),
			Primary: id == a.Primary, Href: "/?pillar=" + url.QueryEscape(id)})
	}
	return out
}

func (st *site) order(id string) int {
	if i, ok := st.pillars[id]; ok {
		return i
	}
	return len(st.pillars)
}

func (st *site) card(a *crawler.Article) card {
	d := a.Date().In(st.loc())
	return card{
		ID: a.ID, Title: orText(a.Title, "(untitled)"), Href: safeURL(a.URL), Outlet: outlet(a),
		Lang: a.Lang, LangName: langName(a.Lang),
		Date: d.Format("Mon 2 Jan 2006, 15:04"), DateISO: d.Format(time.RFC3339),
		Lead: lead(a.Text, leadRunes), Relevant: a.Relevant, Relevance: fmt.Sprintf("%.2f", a.Relevance),
		Chips: st.chips(a),
	}
}

// outlet names where an article was published: the site name, else the
// source that found it.
func outlet(a *crawler.Article) string {
	if a.SiteName != "" {
		return a.SiteName
	}
	return a.Source
}

// lead is the first paragraph of text, cut to about n runes at a space
// when there is one near the end (Japanese has none: it is cut anywhere).
func lead(text string, n int) string {
	p, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	p = strings.TrimSpace(p)
	if utf8.RuneCountInString(p) <= n {
		return p
	}
	r := []rune(p)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.、，") + "…"
}

func orText(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// relevanceWords says how strongly an article was judged about the
// relations.
func relevanceWords(r float64) string {
	switch {
	case r >= 0.75:
		return "high"
	case r >= 0.5:
		return "medium"
	}
	return "low"
}
