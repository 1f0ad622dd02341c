package testsite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"time"
)

// serveConditional writes a feed or sitemap with a strong ETag derived from
// its bytes and a Last-Modified of modified. http.ServeContent answers 304
// to a matching If-None-Match, or, when that header is absent, to an
// If-Modified-Since not older than modified.
func serveConditional(w http.ResponseWriter, r *http.Request, contentType string, body []byte, modified time.Time) {
	sum := sha256.Sum256(body)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:10])+`"`)
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "max-age=300")
	http.ServeContent(w, r, "", modified, bytes.NewReader(body))
}

// marshalXML renders v as an indented XML document with a declaration.
func marshalXML(v any) ([]byte, error) {
	body, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(body, '\n')...), nil
}

// serveXML marshals v and serves it conditionally.
func serveXML(w http.ResponseWriter, r *http.Request, contentType string, v any, modified time.Time) {
	body, err := marshalXML(v)
	if err != nil {
		http.Error(w, "marshal feed: "+err.Error(), http.StatusInternalServerError)
		return
	}
	serveConditional(w, r, contentType, body, modified)
}

// feedEntries returns the entries listed in a surface, in display order,
// and the latest time any of them changed.
func feedEntries(all []*entry, name string) ([]*entry, time.Time) {
	var out []*entry
	var modified time.Time
	for _, e := range all {
		if listed, _ := e.inFeed(name); listed {
			out = append(out, e)
			if e.updated.After(modified) {
				modified = e.updated
			}
		}
	}
	return out, modified
}

// feedLink is the URL of an entry as a surface lists it, with tracking
// parameters where the story file asks for them.
func (s *Site) feedLink(e *entry, feed string) string {
	u := s.main.base + e.path()
	if _, utm := e.inFeed(feed); utm {
		u += "?utm_source=rss&utm_medium=feed&utm_campaign=" + feed
	}
	return u
}
