package testsite

import (
	"net/http"
	"strings"
	"testing"
)

func TestSyndicatedCopies(t *testing.T) {
	s := mustStart(t)
	copies := s.SyndicatedURLs()
	if len(copies) < 2 {
		t.Fatalf("%d syndicated copies, want at least 2", len(copies))
	}
	withCanonical, without := 0, 0
	for u, slug := range copies {
		t.Run(slug, func(t *testing.T) {
			if !strings.HasPrefix(u, s.SyndicationBaseURL()) {
				t.Errorf("copy %s is not on the syndication outlet", u)
			}
			orig := storyAt(t, s, s.URL(slug))
			r := get(t, u)
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			doc := parseHTML(t, r.body)
			title := metaProperty(doc, "og:title")
			if title == "" || title == orig.Title {
				t.Errorf("headline %q, want a changed version of %q", title, orig.Title)
			}
			page := text(doc)
			if !strings.Contains(page, "(VNA)") {
				t.Error("no dateline")
			}
			if !strings.Contains(page, "Source: ") && !strings.Contains(page, "Nguồn: ") {
				t.Error("no credit line")
			}
			for _, p := range orig.Body {
				if !strings.Contains(page, p) {
					t.Errorf("paragraph missing from copy: %.40q", p)
				}
			}
			switch canonical := linkRel(doc, "canonical"); canonical {
			case "":
				without++
			case s.URL(slug):
				withCanonical++
			default:
				t.Errorf("canonical %q, want the original %s or none", canonical, s.URL(slug))
			}
		})
	}
	if withCanonical == 0 || without == 0 {
		t.Errorf("copies with canonical: %d, without: %d; want both", withCanonical, without)
	}
	listed := feedLinks(t, get(t, s.SyndicationBaseURL()+"/feed.rss").body)
	for u := range copies {
		if !strings.Contains(strings.Join(listed, " "), u) {
			t.Errorf("syndication feed does not list %s", u)
		}
	}
}

func TestRobots(t *testing.T) {
	s := mustStart(t)
	r := get(t, s.BaseURL()+"/robots.txt")
	if r.status != http.StatusOK || !strings.Contains(string(r.body), "Disallow: /private/") {
		t.Errorf("robots.txt: status %d, body %q", r.status, r.body)
	}
	if got := get(t, s.SyndicationBaseURL()+"/robots.txt").status; got != http.StatusOK {
		t.Errorf("syndication robots.txt: status %d", got)
	}
	private := ""
	for _, st := range s.Stories() {
		if st.Disallowed {
			private = s.URL(st.Slug)
		}
	}
	if !strings.Contains(private, "/private/") {
		t.Fatalf("disallowed story URL %q is not under /private/", private)
	}
	// Linked from both the listing and a feed, so that only robots.txt
	// keeps a crawler away.
	listing := string(get(t, s.BaseURL()+"/politics/").body)
	feed := string(get(t, s.BaseURL()+"/rss/world.xml").body)
	path := strings.TrimPrefix(private, s.BaseURL())
	if !strings.Contains(listing, path) || !strings.Contains(feed, private) {
		t.Errorf("disallowed story linked from listing %v, feed %v; want both",
			strings.Contains(listing, path), strings.Contains(feed, private))
	}
}
