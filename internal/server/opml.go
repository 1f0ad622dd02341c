package server

import (
	"encoding/xml"
	"net/http"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// OPML 2.0 of the configured sources, for a feed reader: feeds as rss
// outlines, sitemaps and listing pages as links.

type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Created string        `xml:"head>dateCreated"`
	Body    []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Text     string `xml:"text,attr"`
	Title    string `xml:"title,attr,omitempty"`
	Type     string `xml:"type,attr"`
	XMLURL   string `xml:"xmlUrl,attr,omitempty"`
	URL      string `xml:"url,attr,omitempty"`
	Language string `xml:"language,attr,omitempty"`
}

func (s *Server) handleOPML(w http.ResponseWriter, _ *http.Request) {
	st := s.config()
	doc := opmlDoc{Version: "2.0", Title: "VN–JP Monitor sources", Created: time.Now().UTC().Format(time.RFC1123Z)}
	for _, src := range st.cfg.Sources {
		o := opmlOutline{Text: src.Name, Title: src.Name, Language: src.Language}
		if src.Kind == crawler.KindRSS {
			o.Type, o.XMLURL = "rss", health.Redact(src.URL)
		} else {
			o.Type, o.URL = "link", health.Redact(src.URL)
		}
		doc.Body = append(doc.Body, o)
	}
	w.Header().Set("Content-Type", "text/x-opml; charset=utf-8")
	_, _ = w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	_ = enc.Encode(doc)
}
