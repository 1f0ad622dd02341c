package testsite

import (
	"bytes"
	"io"
	"net/http"
	"time"
)

// Kinds of hostile endpoint, the keys of [Site.HostileByKind].
const (
	HostileServerError  = "server-error"  // 500 with an HTML error page
	HostileSlow         = "slow"          // answers after the slow delay
	HostileRedirectLoop = "redirect-loop" // two URLs redirecting to each other
	HostileHuge         = "huge"          // 12 MiB of HTML, streamed
	HostilePDF          = "pdf"           // application/pdf
	HostileNotFound     = "not-found"     // 404
)

// HugeBodySize is the length of the huge endpoint's body: more than the
// crawler's default 10 MiB cap.
const HugeBodySize = 12 << 20

// hostileLink is one hostile endpoint and where it is linked from.
type hostileLink struct {
	kind, path, title string
	feed              string // feedPolitics (listing) or feedWorld (RSS)
}

var hostileLinks = []hostileLink{
	{HostileServerError, "/article/markets-live-blog", "Live: markets react to the budget vote", feedPolitics},
	{HostileSlow, "/article/live-coverage-assembly-session", "Live coverage: the assembly's closing session", feedPolitics},
	{HostileRedirectLoop, "/article/moved-story-a", "Explainer: what the new cabinet means for trade", feedPolitics},
	{HostileHuge, "/article/photo-archive-fifty-years", "Photo archive: fifty years of the Post", feedPolitics},
	{HostilePDF, "/article/annual-report-2026.pdf", "Annual report 2026 (PDF)", feedWorld},
	{HostileNotFound, "/article/withdrawn-correction-notice", "Correction notice", feedWorld},
}

// loopOther is the second half of the redirect loop.
const loopOther = "/article/moved-story-b"

// HostileURLs returns the absolute URLs of the hostile endpoints linked
// from the politics listing and the world feed.
func (s *Site) HostileURLs() []string {
	out := make([]string, len(hostileLinks))
	for i, h := range hostileLinks {
		out[i] = s.main.base + h.path
	}
	return out
}

// HostileByKind maps each hostile kind (HostileSlow, ...) to its URL.
func (s *Site) HostileByKind() map[string]string {
	out := make(map[string]string, len(hostileLinks))
	for _, h := range hostileLinks {
		out[h.kind] = s.main.base + h.path
	}
	return out
}

// hostileTeasers are the listing entries of the hostile links.
func hostileTeasers() []teaser {
	var out []teaser
	for _, h := range hostileLinks {
		if h.feed == feedPolitics {
			out = append(out, teaser{Title: h.title, URL: h.path, Summary: "Updated throughout the day.",
				Section: "Politics", SectionURL: "/politics/", Author: "Staff", AuthorURL: "/author/staff/"})
		}
	}
	return out
}

// hostileHandler returns the handler of a hostile path, or nil.
func (s *Site) hostileHandler(path string) http.HandlerFunc {
	kind := ""
	for _, h := range hostileLinks {
		if h.path == path {
			kind = h.kind
		}
	}
	switch {
	case kind == HostileServerError:
		return s.serveServerError
	case kind == HostileSlow:
		return s.serveSlow
	case kind == HostileRedirectLoop:
		return redirectTo(loopOther)
	case path == loopOther:
		return redirectTo(hostileLinks[2].path)
	case kind == HostileHuge:
		return s.serveHuge
	case kind == HostilePDF:
		return servePDF
	case kind == HostileNotFound:
		return s.serveNotFound
	}
	return nil
}

func (s *Site) serveServerError(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusInternalServerError, "error.html", errorPage{Code: 500, Title: "Something went wrong",
		Message: "Our live blog is having trouble. Please try again in a few minutes."}, "")
}

func redirectTo(path string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, path, http.StatusFound)
	}
}

// serveSlow answers after the slow delay, unless the client gives up or
// the site closes first.
func (s *Site) serveSlow(w http.ResponseWriter, r *http.Request) {
	t := time.NewTimer(time.Duration(s.slowDelay.Load()))
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
		return
	case <-s.done:
		abort()
	}
	s.render(w, http.StatusOK, "error.html", errorPage{Code: 200, Title: "Live coverage has ended",
		Message: "The session closed after midnight; a full report follows."}, "")
}

// serveHuge streams HugeBodySize bytes of HTML without a Content-Length,
// stopping as soon as the client leaves or the site closes.
func (s *Site) serveHuge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	head := []byte("<!DOCTYPE html><html><head><title>Photo archive</title></head><body><main><h1>Photo archive</h1>\n")
	tail := []byte("</main></body></html>\n")
	line := []byte("<p class=\"caption\">Archive photograph, caption to be written by the picture desk.</p>\n")
	chunk := bytes.Repeat(line, 64<<10/len(line))
	left := HugeBodySize - len(head) - len(tail)
	if _, err := w.Write(head); err != nil {
		return
	}
	for left > 0 {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			abort()
		default:
		}
		n := min(left, len(chunk))
		if _, err := w.Write(chunk[:n]); err != nil {
			return
		}
		left -= n
	}
	_, _ = w.Write(tail)
}

// abort drops the connection without finishing the response, so that a
// client never mistakes a cut-off page for a complete one. net/http
// recovers this panic silently.
func abort() {
	panic(http.ErrAbortHandler)
}

// minimalPDF is a tiny valid PDF document with one empty page.
const minimalPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
	"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n" +
	"trailer<</Root 1 0 R>>\n%%EOF\n"

func servePDF(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/pdf")
	_, _ = io.WriteString(w, minimalPDF)
}
