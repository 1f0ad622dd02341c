package crawler

import "time"

// Article is one stored story. The same story reached through several URLs
// (two sources, a syndicated copy, a tracking-parameter variant) is one
// Article whose URLs lists every address it was seen at.
type Article struct {
	ID        string    `json:"id"`        // stable: derived from the first canonical URL
	URL       string    `json:"url"`       // canonical URL
	URLs      []string  `json:"urls"`      // every URL where the story was seen, URL first
	Title     string    `json:"title"`     //
	Published time.Time `json:"published"` // zero when unknown
	Author    string    `json:"author,omitempty"`
	Lang      string    `json:"lang"` // ISO 639-1: en, vi, ja, ...
	SiteName  string    `json:"site_name,omitempty"`
	Source    string    `json:"source"`            // name of the source that first found it
	Sources   []string  `json:"sources,omitempty"` // every source that found it
	Text      string    `json:"text"`              // clean body text, NFC, paragraphs separated by "\n\n"
	Fetched   time.Time `json:"fetched"`           // when it was first stored

	Classification
}

// Classification is the classifier's verdict on one article.
type Classification struct {
	Relevant  bool     `json:"relevant"`
	Relevance float64  `json:"relevance"` // 0..1
	Pillars   []string `json:"pillars"`   // pillar IDs, never nil in JSON output
	Primary   string   `json:"primary"`   // "" when not relevant
	// Evidence maps "relevance" and each pillar ID in Pillars to the phrases
	// or sentences that decided it, so a reader can see why.
	Evidence map[string][]string `json:"evidence"`
	// Spans maps "relevance" and each pillar ID to the evidence sentences
	// with the rune offsets of the phrases that decided it, so the digest
	// and the web page can mark them. Empty for records classified before
	// spans existed; readers then fall back to Evidence.
	Spans map[string][]EvidenceSpan `json:"spans,omitempty"`
}

// EvidenceSpan is one evidence sentence and the phrases in it that
// contributed to a decision.
type EvidenceSpan struct {
	// Sentence is the sentence as it appears in the title or text.
	Sentence string `json:"sentence"`
	// Offset is the rune offset of Sentence in Article.Text, or -1 when the
	// sentence is the title (or otherwise not found in the text).
	Offset int `json:"offset"`
	// Marks are the deciding phrases, as rune offsets into Sentence,
	// sorted and not overlapping.
	Marks []Mark `json:"marks,omitempty"`
}

// Mark is a half-open range [Start, End) of rune offsets.
type Mark struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// EvidenceRelevance is the Evidence key for the relevance decision.
const EvidenceRelevance = "relevance"

// Date returns the time used to order articles: Published when known,
// otherwise Fetched.
func (a *Article) Date() time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.Fetched
}
