package testsite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// link is a titled URL.
type link struct{ Title, URL string }

// teaser is one story as listed on a front page or under "related".
type teaser struct {
	Title, URL, Summary, Date string
	Author, AuthorURL         string
	Section, SectionURL       string
	Comments                  int
}

// articlePage is the data of the article templates.
type articlePage struct {
	Story       *Story
	Ed          edition
	Canonical   string
	Charset     string // declared in <meta charset>
	Section     link
	ISODate     string
	Byline      string
	AuthorURL   string
	Description string
	JSONLD      template.JS
	Related     []teaser
	Comments    []comment
	MostRead    []teaser
}

// serveArticle renders a story page in its edition's template and charset.
func (s *Site) serveArticle(w http.ResponseWriter, r *http.Request, e *entry) {
	all := s.snapshot()
	canonical := s.main.base + e.path()
	page := &articlePage{
		Story:       &e.Story,
		Ed:          editions[e.Lang],
		Canonical:   canonical,
		Charset:     declaredCharset(e.Charset),
		Section:     link{Title: sectionName(e.Lang, e.Section), URL: sectionPath(e.Lang, e.Section)},
		ISODate:     isoTime(e.Lang, e.Published),
		Byline:      byline(e.Lang, e.Published),
		AuthorURL:   "/author/" + slugify(e.Author) + "/",
		Description: summary(&e.Story),
		JSONLD:      jsonLD(&e.Story, canonical, editions[e.Lang].Name, e.Charset != ""),
		Related:     related(all, e),
		Comments:    commentsFor(&e.Story),
		MostRead:    mostRead(all, e.Slug),
	}
	s.render(w, http.StatusOK, "article_"+e.Lang+".html", page, e.Charset)
}

// render executes a template and writes it in the given charset. Pages in a
// legacy charset get a bare "text/html" Content-Type: only their <meta
// charset> says how they are encoded, which is the trap they exist for.
func (s *Site) render(w http.ResponseWriter, status int, name string, data any, charset string) {
	renderPage(w, s.tmpl, status, name, data, charset)
}

// renderPage is render for any template set.
func renderPage(w http.ResponseWriter, tmpl *template.Template, status int, name string, data any, charset string) {
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, "render "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	// html/template writes "+" as "&#43;"; real pages carry a plain "+" in
	// time zone offsets, and "+" never needs escaping in HTML.
	page := bytes.ReplaceAll(buf.Bytes(), []byte("&#43;"), []byte("+"))
	body, err := encodeCharset(page, charset)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if charset == "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "text/html")
	}
	w.WriteHeader(status)
	_, _ = w.Write(body) // a failed write means the client left
}

// toTeaser summarises an entry for listings.
func toTeaser(e *entry, href string) teaser {
	return teaser{
		Title:      e.Title,
		URL:        href,
		Summary:    summary(&e.Story),
		Date:       byline(e.Lang, e.Published),
		Author:     e.Author,
		AuthorURL:  "/author/" + slugify(e.Author) + "/",
		Section:    sectionName(e.Lang, e.Section),
		SectionURL: sectionPath(e.Lang, e.Section),
		Comments:   len(commentsFor(&e.Story)),
	}
}

// related picks up to three other public stories of the same language,
// the ones listed after e, wrapping around.
func related(all []*entry, e *entry) []teaser {
	var same []*entry
	at := 0
	for _, o := range all {
		if o == e {
			at = len(same)
		}
		if o.Lang == e.Lang && !o.Disallowed && o != e {
			same = append(same, o)
		}
	}
	var out []teaser
	for i := 0; i < len(same) && len(out) < 3; i++ {
		o := same[(at+i)%len(same)]
		out = append(out, toTeaser(o, o.path()))
	}
	return out
}

// mostRead is the sidebar of English world and business stories.
func mostRead(all []*entry, skip string) []teaser {
	var out []teaser
	for _, e := range all {
		if e.Lang == "en" && e.Slug != skip && !e.Disallowed && (e.Section == "world" || e.Section == "business") {
			out = append(out, toTeaser(e, e.path()))
			if len(out) == 4 {
				break
			}
		}
	}
	return out
}

// jsonLD is the NewsArticle block of an article page. Pages in a legacy
// charset get ASCII-only JSON so that the script survives the encoding.
func jsonLD(st *Story, canonical, siteName string, ascii bool) template.JS {
	doc := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         st.Title,
		"datePublished":    isoTime(st.Lang, st.Published),
		"dateModified":     isoTime(st.Lang, st.Published.Add(42*time.Minute)),
		"inLanguage":       st.Lang,
		"mainEntityOfPage": map[string]string{"@type": "WebPage", "@id": canonical},
		"author":           []map[string]string{{"@type": "Person", "name": st.Author}},
		"publisher": map[string]any{
			"@type": "Organization", "name": siteName,
			"logo": map[string]string{"@type": "ImageObject", "url": "/static/logo.png"},
		},
		"articleSection": sectionName(st.Lang, st.Section),
	}
	b, err := json.Marshal(doc) // cannot fail: strings and maps only
	if err != nil {
		return ""
	}
	if ascii {
		b = asciiJSON(b)
	}
	return template.JS(b)
}

// asciiJSON replaces non-ASCII runes in JSON text with \u escapes.
func asciiJSON(b []byte) []byte {
	var out strings.Builder
	for _, r := range string(b) {
		switch {
		case r < 0x80:
			out.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			fmt.Fprintf(&out, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		default:
			fmt.Fprintf(&out, `\u%04x`, r)
		}
	}
	return []byte(out.String())
}

// storyHash seeds the choices that make pages differ from one another.
func storyHash(slug string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(slug))
	return h.Sum32()
}
