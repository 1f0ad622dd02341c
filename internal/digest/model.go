package digest

import (
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
)

// Digest is one recipient's message before rendering: what both the text
// and the HTML part show.
type Digest struct {
	Recipient config.Recipient
	Name      string    // the recipient's name, or address
	Date      time.Time // when the digest was built, in the recipient's zone
	Zone      string    // the recipient's zone name, for the note on dates
	Subject   string
	Count     int // articles carried: listed, or counted in an "N more" line
	Sections  []Section
	Sources   []SourceNote // sources failing or silent
	Filters   Filters
	WebURL    string // the web page
	// UnsubscribeURL carries the recipient's signed token; it must not
	// be logged.
	UnsubscribeURL    string
	UnsubscribeMailto string

	ids []string // every article carried, in message order
}

// Section is one pillar's share of a digest.
type Section struct {
	ID    string
	Name  string
	Count int // Items plus More
	Items []Item
	// More is how many further articles are only counted, past the
	// configured max_per_pillar; MoreURL lists them on the web page.
	More    int
	MoreURL string
}

// Item is one story.
type Item struct {
	ID       string
	Title    string
	URL      string
	Outlet   string
	Date     string // in the recipient's zone
	Lang     string // language code, "ja"
	LangName string // "Japanese"
	Tags     []string
	Lead     string
	Why      []Segment // the evidence sentence, deciding phrases marked; nil when none
	Also     []Link    // other outlets that carried the story
}

// Segment is a piece of an evidence sentence; Mark says it is a deciding
// phrase.
type Segment struct {
	Text string
	Mark bool
}

// Link is an outlet's name and its address of a story.
type Link struct {
	Name string
	URL  string
}

// SourceNote is a source the reader should know is not bringing news.
type SourceNote struct {
	Name   string
	Status string // failing or silent
	Detail string
}

// Filters are the recipient's choices, shown in the footer.
type Filters struct {
	Pillars   []string // pillar names; empty for all
	Languages []string // language names; empty for all
}

// IDs returns every article the digest carries, in message order.
func (d *Digest) IDs() []string { return d.ids }

// Empty reports whether the digest carries no article.
func (d *Digest) Empty() bool { return d.Count == 0 }
