// Package extract turns the HTML of a news article page into clean
// metadata and body text. It is pure: no network, no files, no logging.
//
// [Extract] is the entry point. It decodes the page with [Decode], finds
// the article body with go-trafilatura, and reads the title, date, author,
// language, site name, description and canonical URL from what the page
// says about itself.
//
// # Charsets
//
// [Decode] follows the WHATWG order (byte order mark, HTTP header, <meta>)
// with three departures that suit a crawler better than a browser: a
// <meta> declaration is found anywhere in the first 64 KiB rather than
// the first 1024 bytes; bytes that are valid non-ASCII UTF-8 are read as
// UTF-8 whatever an ASCII-compatible label claims; and a header that names
// UTF-8 for bytes that are not, or names a server-default Western charset
// while the page declares another, gives way to the page. Undeclared
// non-UTF-8 pages are guessed statistically (old Japanese sites in
// Shift_JIS or EUC-JP), else read as windows-1252. Output is NFC, which
// matters for windows-1258: Vietnamese in that code page spells tones
// with combining marks.
//
// # Body text
//
// Text is go-trafilatura's main content, tuned for recall (its precision
// mode drops short articles), with comments excluded, rendered as
// paragraphs separated by a blank line. Before extraction, article bodies
// split into several same-class containers around advertisements are
// joined, since the extractor would keep only the first part. A leading
// copy of the headline is dropped. When a page has no prose at all (index
// pages, JavaScript shells), Extract returns [ErrNoText] together with the
// metadata it found.
//
// # Metadata
//
// Each field has a fixed order of sources, most reliable first:
//
//   - Title: JSON-LD headline, og:title, twitter:title, <title>; a " | Site"
//     style segment is removed when it names the site (or its host), and
//     the page's <h1> is preferred when it is one segment of the title.
//   - Published: JSON-LD datePublished, article:published_time and about
//     twenty other <meta> names, <time itemprop=datePublished>, then (for
//     Vietnamese and Japanese pages first) visible dates in elements
//     classed "date", the first <time datetime>, go-htmldate's page scan,
//     and finally the modification date. Dates more than two days in the
//     future are ignored. See [ParseDate] for the formats read.
//   - Author: JSON-LD author names, <meta name=author> and similar, then
//     the extractor's byline search; "By" prefixes, URLs and handles go.
//   - Lang: the first of <html lang>, JSON-LD inLanguage, og:locale and
//     Content-Language that the text's script does not contradict, else
//     what internal/lang detects.
package extract
