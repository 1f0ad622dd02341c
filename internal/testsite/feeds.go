package testsite

import (
	"encoding/xml"
	"net/http"
	"time"
)

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	DCNS    string     `xml:"xmlns:dc,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Self          rssAtomLn `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssAtomLn struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Creator     string  `xml:"dc:creator,omitempty"`
	Category    string  `xml:"category,omitempty"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// newRSS builds the frame of an RSS 2.0 document.
func newRSS(title, home, self, description, lang string, modified time.Time) *rssDoc {
	return &rssDoc{
		Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", DCNS: "http://purl.org/dc/elements/1.1/",
		Channel: rssChannel{
			Title: title, Link: home, Description: description, Language: lang,
			LastBuildDate: modified.UTC().Format(time.RFC1123Z),
			Self:          rssAtomLn{Href: self, Rel: "self", Type: "application/rss+xml"},
		},
	}
}

// serveRSS serves the world or business feed: its stories, plus the
// hostile links and the disallowed story the story files place there.
func (s *Site) serveRSS(feed string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		entries, modified := feedEntries(s.snapshot(), feed)
		title := map[string]string{feedWorld: "The Meridian Post — World", feedBusiness: "The Meridian Post — Business"}[feed]
		doc := newRSS(title, s.main.base+"/"+feed+"/", s.main.base+"/rss/"+feed+".xml",
			"News and analysis from The Meridian Post.", "en", modified)
		for _, e := range entries {
			link := s.feedLink(e, feed)
			doc.Channel.Items = append(doc.Channel.Items, rssItem{
				Title: e.Title, Link: link, GUID: rssGUID{IsPermaLink: false, Value: s.main.base + e.path()},
				PubDate: e.Published.Format(time.RFC1123Z), Creator: e.Author,
				Category: sectionName(e.Lang, e.Section), Description: summary(&e.Story),
			})
		}
		for _, h := range hostileLinks {
			if h.feed == feed {
				doc.Channel.Items = append(doc.Channel.Items, rssItem{
					Title: h.title, Link: s.main.base + h.path, GUID: rssGUID{Value: s.main.base + h.path},
					PubDate: modified.Add(-30 * time.Hour).Format(time.RFC1123Z), Description: h.title,
				})
			}
		}
		serveXML(w, r, "application/rss+xml; charset=utf-8", doc, modified)
	}
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	Link      atomLink   `xml:"link"`
	ID        string     `xml:"id"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Author    atomAuthor `xml:"author"`
	Category  atomCat    `xml:"category"`
	Summary   string     `xml:"summary"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// serveAtom serves the Japanese edition's Atom feed.
func (s *Site) serveAtom(w http.ResponseWriter, r *http.Request) {
	entries, modified := feedEntries(s.snapshot(), feedJA)
	feed := &atomFeed{
		Lang: "ja", Title: editions["ja"].Name, ID: s.main.base + "/ja/",
		Updated: isoTime("ja", modified),
		Links: []atomLink{
			{Href: s.main.base + "/ja/atom.xml", Rel: "self", Type: "application/atom+xml"},
			{Href: s.main.base + "/ja/", Rel: "alternate", Type: "text/html"},
		},
	}
	for _, e := range entries {
		feed.Entries = append(feed.Entries, atomEntry{
			Title: e.Title, Link: atomLink{Href: s.feedLink(e, feedJA), Rel: "alternate", Type: "text/html"},
			ID:        "tag:meridian-post.example,2026:" + e.Slug,
			Published: isoTime("ja", e.Published), Updated: isoTime("ja", e.updated),
			Author:   atomAuthor{Name: e.Author},
			Category: atomCat{Term: sectionName(e.Lang, e.Section)},
			Summary:  summary(&e.Story),
		})
	}
	serveXML(w, r, "application/atom+xml; charset=utf-8", feed, modified)
}
