package testsite

import (
	"encoding/xml"
	"net/http"
	"time"
)

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// newsSitemapSize is how many of the newest Vietnamese stories the Google
// News sitemap lists; the plain child sitemap lists them all.
const newsSitemapSize = 4

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapRef `xml:"sitemap"`
}

type sitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	NewsNS  string       `xml:"xmlns:news,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string    `xml:"loc"`
	LastMod    string    `xml:"lastmod,omitempty"`
	ChangeFreq string    `xml:"changefreq,omitempty"`
	News       *newsInfo `xml:"news:news,omitempty"`
}

type newsInfo struct {
	Publication     newsPub `xml:"news:publication"`
	PublicationDate string  `xml:"news:publication_date"`
	Title           string  `xml:"news:title"`
}

type newsPub struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

// viEntries returns the Vietnamese stories, the news subset and the latest
// change of each set.
func viEntries(all []*entry) (every, news []*entry, modEvery, modNews time.Time) {
	every, modEvery = feedEntries(all, feedVI)
	news = every[:min(newsSitemapSize, len(every))]
	for _, e := range news {
		if e.updated.After(modNews) {
			modNews = e.updated
		}
	}
	return every, news, modEvery, modNews
}

// serveSitemapIndex points at the plain child sitemap and the news sitemap.
func (s *Site) serveSitemapIndex(w http.ResponseWriter, r *http.Request) {
	_, _, modEvery, modNews := viEntries(s.snapshot())
	idx := &sitemapIndex{NS: sitemapNS, Sitemaps: []sitemapRef{
		{Loc: s.main.base + "/sitemaps/vi-news.xml", LastMod: isoTime("vi", modNews)},
		{Loc: s.main.base + "/sitemaps/vi-articles.xml", LastMod: isoTime("vi", modEvery)},
	}}
	serveXML(w, r, "application/xml; charset=utf-8", idx, modEvery)
}

// serveSitemap lists every Vietnamese story.
func (s *Site) serveSitemap(w http.ResponseWriter, r *http.Request) {
	every, _, modEvery, _ := viEntries(s.snapshot())
	set := &urlSet{NS: sitemapNS}
	for _, e := range every {
		set.URLs = append(set.URLs, sitemapURL{Loc: s.feedLink(e, feedVI), LastMod: isoTime("vi", e.updated), ChangeFreq: "daily"})
	}
	serveXML(w, r, "application/xml; charset=utf-8", set, modEvery)
}

// serveNewsSitemap lists the newest Vietnamese stories with Google News
// metadata: title and publication date.
func (s *Site) serveNewsSitemap(w http.ResponseWriter, r *http.Request) {
	_, news, _, modNews := viEntries(s.snapshot())
	set := &urlSet{NS: sitemapNS, NewsNS: "http://www.google.com/schemas/sitemap-news/0.9"}
	for _, e := range news {
		set.URLs = append(set.URLs, sitemapURL{Loc: s.feedLink(e, feedVI), News: &newsInfo{
			Publication:     newsPub{Name: editions["vi"].Name, Language: "vi"},
			PublicationDate: isoTime("vi", e.Published),
			Title:           e.Title,
		}})
	}
	serveXML(w, r, "application/xml; charset=utf-8", set, modNews)
}
