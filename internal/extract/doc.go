// Package extract turns the HTML of a news article page into clean
// metadata and body text. It is pure: no network, no files, no logging.
//
// [Extract] and [ExtractContext] are the entry points. They decode the
// page with [Decode] (internal/charset, shared with fetch), clean it,
// find the article body with go-trafilatura, and read the title, date,
// author, language, site name, description and canonical URL from what
// the page says about itself.
//
// # Limits
//
// A page costs time and memory in proportion to its size, up to fixed
// bounds: [MaxHTML] bytes are parsed, the first 20,000 elements (or 1,000
// paragraphs) searched, and [MaxText] bytes of text returned.
// [ExtractContext] returns as soon as its context ends.
//
// # Body text
//
// Before extraction, the page goes through cleanSteps (clean.go): ruby
// readings are dropped and their base text kept; lists of other articles,
// rankings, sharing tools, advertisements with their labels, paywall
// prompts, captions, bylines and datelines are removed, recognised by
// class and id words, headings, labels and link density (the vocabulary
// is data, in vocab.go); small link blocks repeated on the page go too.
// Article bodies split into several same-class containers around
// advertisements are joined first, since the extractor would keep only
// the first part.
//
// Text is go-trafilatura's main content, tuned for recall (its precision
// mode drops short articles), with comments excluded, rendered as
// paragraphs separated by a blank line. paragraphSteps (paragraphs.go)
// then drop a headline copy, repeats, pull quotes, credit and copyright
// lines, staff credits, captions ending in a photo credit, player
// fallbacks and invitations to send tips, and everything from a
// paywall's wall on, so that a paywalled page gives its
// visible teaser; on Vietnamese and Japanese pages the lead (sapo, リード)
// printed outside the body's container is put first. When a page has no
// prose at all (index pages, JavaScript shells), Extract returns
// [ErrNoText] together with the metadata it found.
//
// # Metadata
//
// Each field has a fixed order of sources, most reliable first:
//
//   - Title: JSON-LD headline, og:title, twitter:title, <title>; a " | Site"
//     style segment is removed when it names the site (or its host), a
//     bracketed photo credit goes, and the page's <h1> (ruby readings
//     left out) is preferred when the title is the <h1> plus a site name,
//     section or credit, or only puts a bracketed label such as
//     "[Emagazine]" or 【動画】 before it.
//   - Published: JSON-LD datePublished, article:published_time and about
//     twenty other <meta> names, <time itemprop=datePublished>, then (for
//     Vietnamese and Japanese pages first) visible datelines, those with a
//     time of day before those without, the first <time datetime>, and the
//     date in the URL; finally the modification date. A dateline without a
//     year ("12月4日 19時23分", "3/9(木) 18:45") takes the URL's year, else
//     the latest year whose calendar matches its weekday. Clocks read
//     午前/午後, AM/PM and SA/CH. Dates without an
//     offset are in Japan time on .jp hosts and Japanese pages, Viet Nam
//     time on .vn hosts and Vietnamese pages. Dates more than two days in
//     the future are ignored. See [ParseDate] for the formats read.
//   - Author: JSON-LD author names, <meta name=author> and similar, then
//     the extractor's byline search; "By" prefixes, URLs and handles go.
//   - Lang: the first of <html lang>, JSON-LD inLanguage, og:locale and
//     Content-Language that the text's script does not contradict, else
//     what internal/lang detects.
package extract
