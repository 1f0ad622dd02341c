package testsite

import (
	"net/http"
	"strconv"
)

// politicsPages is the fixed number of pages of the politics listing.
const politicsPages = 3

// listingPage is the data of listing.html.
type listingPage struct {
	Ed          edition
	Title       string // <title> and heading
	Canonical   string
	Items       []teaser
	Topics      []link // tag links inside <main>
	MostRead    []teaser
	Prev, Next  string
	Page, Pages int
}

// servePolitics renders one of the three politics listing pages. Their
// <main> mixes article links with tag, author, comment-anchor and
// pagination links; the last pages also carry the hostile links.
func (s *Site) servePolitics(w http.ResponseWriter, r *http.Request) {
	n, ok := pageNumber(r)
	if !ok || n > politicsPages {
		s.serveNotFound(w, r)
		return
	}
	all := s.snapshot()
	var items []teaser
	for _, e := range all {
		if listed, _ := e.inFeed(feedPolitics); listed {
			items = append(items, toTeaser(e, e.path()))
		}
	}
	items = append(items, hostileTeasers()...)
	size := (len(items) + politicsPages - 1) / politicsPages
	lo, hi := min((n-1)*size, len(items)), min(n*size, len(items))
	page := &listingPage{
		Ed: editions["en"], Title: "Politics", Items: items[lo:hi],
		Canonical: s.main.base + politicsPath(n),
		Topics:    politicsTopics, MostRead: mostRead(all, ""),
		Page: n, Pages: politicsPages,
	}
	if n > 1 {
		page.Prev = politicsPath(n - 1)
	}
	if n < politicsPages {
		page.Next = politicsPath(n + 1)
	}
	s.render(w, http.StatusOK, "listing.html", page, "")
}

// politicsTopics are the tag links at the top of the politics listing.
var politicsTopics = []link{
	{Title: "Diplomacy", URL: "/tag/politics/"},
	{Title: "Defence", URL: "/tag/defence/"},
	{Title: "ASEAN", URL: "/tag/asean/"},
	{Title: "World", URL: "/world/"},
}

func politicsPath(n int) string {
	if n <= 1 {
		return "/politics/"
	}
	return "/politics/page/" + strconv.Itoa(n) + "/"
}

// serveSection renders a section front (or an edition's front when section
// is empty) listing its public stories.
func (s *Site) serveSection(w http.ResponseWriter, r *http.Request, lang, section string) {
	ed := editions[lang]
	title := ed.Name
	if section != "" {
		title = sectionName(lang, section)
	}
	page := &listingPage{Ed: ed, Title: title, Canonical: s.main.base + r.URL.Path, Page: 1, Pages: 1}
	for _, e := range s.snapshot() {
		if e.Lang == lang && !e.Disallowed && (section == "" || e.Section == section) {
			page.Items = append(page.Items, toTeaser(e, e.path()))
		}
	}
	s.render(w, http.StatusOK, "listing.html", page, "")
}

// serveHome renders the main outlet's front page with every edition's
// public stories.
func (s *Site) serveHome(w http.ResponseWriter, r *http.Request) {
	all := s.snapshot()
	page := &listingPage{Ed: editions["en"], Title: "Front page", Canonical: s.main.base + "/", Page: 1, Pages: 1,
		MostRead: mostRead(all, "")}
	for _, e := range all {
		if !e.Disallowed {
			page.Items = append(page.Items, toTeaser(e, e.path()))
		}
	}
	s.render(w, http.StatusOK, "listing.html", page, "")
}

// serveTag lists the English stories of the section a tag stands for.
func (s *Site) serveTag(w http.ResponseWriter, r *http.Request) {
	tag := r.PathValue("tag")
	page := &listingPage{Ed: editions["en"], Title: "Tag: " + tag, Canonical: s.main.base + r.URL.Path, Page: 1, Pages: 1}
	for _, e := range s.snapshot() {
		if e.Lang == "en" && !e.Disallowed && (e.Section == tag || tag == "defence" || tag == "asean") {
			page.Items = append(page.Items, toTeaser(e, e.path()))
		}
	}
	s.render(w, http.StatusOK, "listing.html", page, "")
}

// serveAuthor lists an author's public stories; 404 for unknown authors.
func (s *Site) serveAuthor(w http.ResponseWriter, r *http.Request) {
	who := r.PathValue("author")
	page := &listingPage{Ed: editions["en"], Canonical: s.main.base + r.URL.Path, Page: 1, Pages: 1}
	for _, e := range s.snapshot() {
		if slugify(e.Author) == who && !e.Disallowed {
			page.Ed, page.Title = editions[e.Lang], e.Author
			page.Items = append(page.Items, toTeaser(e, e.path()))
		}
	}
	if len(page.Items) == 0 {
		s.serveNotFound(w, r)
		return
	}
	s.render(w, http.StatusOK, "listing.html", page, "")
}

// serveNotFound renders the site's 404 page.
func (s *Site) serveNotFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusNotFound, "error.html", errorPage{Code: 404, Title: "Page not found",
		Message: "The page you asked for has moved or never existed."}, "")
}

// errorPage is the data of error.html.
type errorPage struct {
	Code           int
	Title, Message string
}
