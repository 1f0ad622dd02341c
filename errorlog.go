package crawler

import "time"

// Stages of a FetchError.
const (
	StageSource  = "source"  // the source itself could not be read
	StageListing = "listing" // part of a listing (a child sitemap, page 2) failed
	StagePage    = "page"    // an article page could not be fetched or extracted
	StageStore   = "store"   // the database refused a write; the page stays queued
)

// FetchError is one failure of a crawl pass: what could not be read and
// why. Each source keeps a bounded log of its latest ones, shown by
// `crawler sources --errors NAME` and the API.
type FetchError struct {
	Time   time.Time `json:"time"`
	Stage  string    `json:"stage"`         // one of the Stage constants
	URL    string    `json:"url,omitempty"` // "" when the reason names no single page
	Reason string    `json:"reason"`        // with credentials in URLs masked
	// Permanent failures of pages are not retried (gone, not HTML, too
	// large, refused address); the others are, with backoff. A source is
	// always retried after its backoff.
	Permanent bool `json:"permanent"`
}
