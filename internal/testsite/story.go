package testsite

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vnjp-monitor/crawler"
)

// Story is one article of the site with its ground-truth labels, which
// follow the relevance contract and labelling conventions of pillars.md.
type Story struct {
	Slug      string    // unique; the last element of the article path
	Lang      string    // en, vi or ja
	Title     string    // headline on the main outlet
	Section   string    // section ID, such as politics, kinh-te or keizai
	Published time.Time // publication time; Publish sets it to now when zero
	Author    string    // byline

	Relevant bool     // reports on relations between Viet Nam and Japan
	Pillars  []string // every pillar it substantively reports on; empty when not relevant
	Primary  string   // the pillar it is mostly about; "" when not relevant

	// Disallowed stories live under /private/, which robots.txt forbids: a
	// polite crawler never requests them.
	Disallowed bool
	// Charset is "" for UTF-8, or Shift_JIS, EUC-JP or windows-1258: the page
	// is then encoded so and declares it only in <meta charset>.
	Charset string
	Body    []string // paragraphs
	Note    string   // why the story is labelled as it is
}

// entry is a story as the site holds it: where it is listed and when it
// last changed the feeds that list it.
type entry struct {
	Story
	feeds   []feedRef
	updated time.Time // contributes to the Last-Modified of its feeds
}

// feedRef places a story in one discovery surface; utm adds tracking
// parameters to the link there.
type feedRef struct {
	name string
	utm  bool
}

// Discovery surfaces a story can be listed in.
const (
	feedWorld    = "world"    // RSS 2.0, English
	feedBusiness = "business" // RSS 2.0, English
	feedPolitics = "politics" // paginated HTML listing, English
	feedJA       = "ja"       // Atom, Japanese
	feedVI       = "vi"       // sitemaps, Vietnamese
)

//go:embed content
var contentFS embed.FS

// loadEntries parses every story file under content/stories, newest first.
func loadEntries() ([]*entry, error) {
	names, err := fs.Glob(contentFS, "content/stories/*.txt")
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	entries := make([]*entry, 0, len(names))
	seen := make(map[string]bool)
	for _, name := range names {
		data, err := contentFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		e, err := parseEntry(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if seen[e.Slug] {
			return nil, fmt.Errorf("%s: duplicate slug %q", name, e.Slug)
		}
		seen[e.Slug] = true
		entries = append(entries, e)
	}
	slices.SortStableFunc(entries, func(a, b *entry) int { return b.Published.Compare(a.Published) })
	return entries, nil
}

// parseEntry reads one story file: "key: value" header lines, a blank line,
// then paragraphs separated by blank lines.
func parseEntry(text string) (*entry, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	head, body, ok := strings.Cut(text, "\n\n")
	if !ok {
		return nil, fmt.Errorf("no blank line between header and body")
	}
	e := &entry{}
	for line := range strings.Lines(head) {
		key, value, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			return nil, fmt.Errorf("header line %q has no colon", strings.TrimSpace(line))
		}
		if err := e.setField(key, strings.TrimSpace(value)); err != nil {
			return nil, err
		}
	}
	for para := range strings.SplitSeq(body, "\n\n") {
		if p := strings.Join(strings.Fields(para), " "); p != "" {
			e.Body = append(e.Body, p)
		}
	}
	if err := e.validate(); err != nil {
		return nil, err
	}
	e.updated = e.Published
	return e, nil
}

// setField stores one header value.
func (e *entry) setField(key, value string) error {
	var err error
	switch key {
	case "slug":
		e.Slug = value
	case "lang":
		e.Lang = value
	case "title":
		e.Title = value
	case "section":
		e.Section = value
	case "author":
		e.Author = value
	case "note":
		e.Note = value
	case "charset":
		e.Charset = value
	case "published":
		e.Published, err = time.Parse(time.RFC3339, value)
	case "relevant":
		e.Relevant, err = strconv.ParseBool(value)
	case "disallowed":
		e.Disallowed, err = strconv.ParseBool(value)
	case "pillars":
		e.Pillars = splitList(value)
	case "primary":
		e.Primary = value
	case "feeds":
		for _, f := range splitList(value) {
			name, utm := strings.CutSuffix(f, "+utm")
			e.feeds = append(e.feeds, feedRef{name: name, utm: utm})
		}
	default:
		return fmt.Errorf("unknown header key %q", key)
	}
	if err != nil {
		return fmt.Errorf("header %s: %w", key, err)
	}
	return nil
}

// splitList splits a comma-separated header value.
func splitList(value string) []string {
	var out []string
	for item := range strings.SplitSeq(value, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// validate checks a parsed story against the labelling contract and fills
// the default discovery surface.
func (e *entry) validate() error {
	switch {
	case e.Slug == "" || e.Title == "" || e.Author == "" || e.Published.IsZero():
		return fmt.Errorf("slug, title, author and published are required")
	case editions[e.Lang].Name == "":
		return fmt.Errorf("lang %q is not en, vi or ja", e.Lang)
	case len(e.Body) == 0:
		return fmt.Errorf("story %s has no body", e.Slug)
	case !supportedCharset(e.Charset):
		return fmt.Errorf("story %s: unsupported charset %q", e.Slug, e.Charset)
	}
	if err := checkLabels(e.Story); err != nil {
		return fmt.Errorf("story %s: %w", e.Slug, err)
	}
	if e.Section == "" {
		e.Section = editions[e.Lang].DefaultSection
	}
	if len(e.feeds) == 0 {
		e.feeds = []feedRef{{name: defaultFeed(e.Story)}}
	}
	return nil
}

// checkLabels enforces the shape of ground-truth labels: a relevant story
// has known pillars and a primary among them, a negative story has none.
func checkLabels(st Story) error {
	if !st.Relevant {
		if len(st.Pillars) > 0 || st.Primary != "" {
			return fmt.Errorf("a story that is not relevant has no pillars")
		}
		return nil
	}
	for _, p := range st.Pillars {
		if !slices.Contains(crawler.DefaultPillarIDs, p) {
			return fmt.Errorf("unknown pillar %q", p)
		}
	}
	if !slices.Contains(st.Pillars, st.Primary) {
		return fmt.Errorf("primary %q is not among pillars %v", st.Primary, st.Pillars)
	}
	return nil
}

// defaultFeed is where a story is listed when its file names no feeds.
func defaultFeed(st Story) string {
	switch {
	case st.Lang == "vi":
		return feedVI
	case st.Lang == "ja":
		return feedJA
	case st.Section == "politics" || st.Section == "private":
		return feedPolitics
	case st.Section == "business":
		return feedBusiness
	default:
		return feedWorld
	}
}

// path is the story's canonical path on the main outlet.
func (st *Story) path() string {
	switch {
	case st.Disallowed:
		return "/private/article/" + st.Slug
	case st.Lang == "vi" || st.Lang == "ja":
		return "/" + st.Lang + "/" + st.Section + "/" + st.Slug + ".html"
	default:
		return "/article/" + st.Slug
	}
}

// inFeed reports whether the story is listed in the named surface, and
// with tracking parameters.
func (e *entry) inFeed(name string) (listed, utm bool) {
	for _, f := range e.feeds {
		if f.name == name {
			return true, f.utm
		}
	}
	return false, false
}

// clone returns a copy of the story whose slices the caller may change.
func (st Story) clone() Story {
	st.Pillars = slices.Clone(st.Pillars)
	st.Body = slices.Clone(st.Body)
	return st
}
