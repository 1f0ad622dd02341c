package testsite

import (
	"net/http"
	"time"
)

// syndCopy is a main-outlet story republished by the syndication outlet.
type syndCopy struct {
	slug      string // the original's slug
	path      string // on the syndication outlet
	title     string // slightly changed headline
	dateline  string // prefixed to the first paragraph
	credit    string // credit line after the body
	canonical bool   // rel=canonical points at the original
	delay     time.Duration
}

// syndName is the syndication outlet's name.
const syndName = "Riverside Newswire"

var syndCopies = []syndCopy{
	{
		slug:      "japanese-firms-upbeat-on-viet-nam-survey",
		path:      "/news/2026/11/16/japanese-businesses-plan-expansion-in-viet-nam-3381.html",
		title:     "Japanese businesses in Viet Nam most eager in region to expand – survey",
		dateline:  "HÀ NỘI (VNA) —",
		credit:    "Source: The Meridian Post",
		canonical: true,
		delay:     3 * time.Hour,
	},
	{
		slug:     "jica-ky-khoan-vay-xu-ly-nuoc-thai-hai-phong",
		path:     "/news/2026/11/17/hai-phong-nhan-von-vay-oda-nhat-ban-cho-xu-ly-nuoc-thai-3390.html",
		title:    "Hải Phòng nhận 35 tỷ yên vốn vay ODA Nhật Bản cho dự án xử lý nước thải",
		dateline: "HÀ NỘI (VNA) –",
		credit:   "Nguồn: Báo Kinh Tuyến",
		delay:    5 * time.Hour,
	},
	{
		slug:     "health-ministers-agree-on-elderly-care",
		path:     "/news/2026/11/15/viet-nam-japan-health-cooperation-elderly-care-3372.html",
		title:    "Viet Nam, Japan health ministers sign deal on elderly care and hospital management",
		dateline: "TOKYO (VNA) —",
		credit:   "Source: The Meridian Post",
		delay:    90 * time.Minute,
	},
}

// SyndicatedURLs maps each syndicated copy's URL to the slug of its
// original on the main outlet.
func (s *Site) SyndicatedURLs() map[string]string {
	out := make(map[string]string, len(syndCopies))
	for _, c := range syndCopies {
		out[s.synd.base+c.path] = c.slug
	}
	return out
}

// syndicationRoutes is the syndication outlet's router.
func (s *Site) syndicationRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.serveSyndHome)
	mux.HandleFunc("GET /feed.rss", s.serveSyndFeed)
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("User-agent: *\nAllow: /\n"))
	})
	mux.HandleFunc("GET /news/", s.serveSyndArticle)
	return mux
}

// syndPage is the data of synd_article.html.
type syndPage struct {
	Title, Lang, Date, ISODate string
	Canonical                  string // "" when the copy has none
	Lead                       string // first paragraph with the dateline
	Paragraphs                 []string
	Credit, Author             string
}

// serveSyndArticle renders a copy in the outlet's own template.
func (s *Site) serveSyndArticle(w http.ResponseWriter, r *http.Request) {
	for _, c := range syndCopies {
		e := s.entry(c.slug)
		if c.path != r.URL.Path || e == nil {
			continue
		}
		at := e.Published.Add(c.delay).In(editions[e.Lang].Zone)
		page := &syndPage{
			Title: c.title, Lang: e.Lang, Date: at.Format("02-01-2006 | 15:04"), ISODate: at.Format(time.RFC3339),
			Lead: c.dateline + " " + e.Body[0], Paragraphs: e.Body[1:], Credit: c.credit, Author: e.Author,
		}
		if c.canonical {
			page.Canonical = s.main.base + e.path()
		}
		s.render(w, http.StatusOK, "synd_article.html", page, "")
		return
	}
	s.render(w, http.StatusNotFound, "synd_home.html", &syndHome{Missing: true}, "")
}

// syndHome is the data of synd_home.html.
type syndHome struct {
	Items   []link
	Missing bool
}

func (s *Site) serveSyndHome(w http.ResponseWriter, r *http.Request) {
	home := &syndHome{}
	for _, c := range syndCopies {
		home.Items = append(home.Items, link{Title: c.title, URL: c.path})
	}
	s.render(w, http.StatusOK, "synd_home.html", home, "")
}

// serveSyndFeed is the syndication outlet's RSS feed of its copies.
func (s *Site) serveSyndFeed(w http.ResponseWriter, r *http.Request) {
	var items []rssItem
	var modified time.Time
	for _, c := range syndCopies {
		e := s.entry(c.slug)
		if e == nil {
			continue
		}
		at := e.Published.Add(c.delay)
		if at.After(modified) {
			modified = at
		}
		items = append(items, rssItem{
			Title: c.title, Link: s.synd.base + c.path, GUID: rssGUID{IsPermaLink: true, Value: s.synd.base + c.path},
			PubDate: at.Format(time.RFC1123Z), Description: c.dateline + " " + summary(&e.Story),
		})
	}
	doc := newRSS(syndName, s.synd.base+"/", s.synd.base+"/feed.rss", "Regional news from partner outlets.", "en", modified)
	doc.Channel.Items = items
	serveXML(w, r, "application/rss+xml; charset=utf-8", doc, modified)
}
