// Package search finds stories through news-search providers, so that
// outlets nobody configured are covered too: the Google News RSS search
// and the GDELT DOC 2.0 API, each queried in English, Vietnamese and
// Japanese. It turns the providers' answers into publisher links
// ([Result]); the crawl package then fetches, extracts, classifies and
// stores those like any other candidate, under the publisher's robots.txt.
//
// # Google News
//
// The RSS search ({endpoint}/rss/search?q=...&hl=..&gl=..&ceid=..) links
// every item to the provider, never to the publisher. An article id minted
// before mid-2024 carries the publisher URL and is decoded offline
// ([DecodeID]); a later one is opaque and resolved online: its article page
// at the provider carries a signature and a timestamp, and a POST of those
// to the provider's batchexecute endpoint answers with the URL, several ids
// per POST. That call is rate-limited: links not resolved in one pass stay
// queued in the [State] for the next, and resolved ones are remembered so a
// link listed again costs nothing. The " - Outlet" suffix is removed from
// headlines, and the item's <source> names the outlet.
//
// # GDELT
//
// Each query reads the window since its last complete read (with an hour
// of overlap; its lookback on the first run) through the artlist mode,
// filtered with sourcelang: by the query's language. A window returning the
// maximum of 250 records is split in halves, down to an hour. GDELT allows
// one request every five seconds and answers 429, sometimes to the first
// request of a run: requests wait their turn, and a 429 is waited out and
// retried a bounded number of times within the pass. Its plain-text error
// answers are reported with their first line, and malformed JSON yields
// the records that can be read, with an error.
//
// # Guarantees
//
// A provider link is never handed on as an article. Publisher links are
// canonicalised as feed links are, so a story also found by a feed or by
// the other provider is one record. Provider calls go through the fetch
// client's politeness gate, timeout and body cap. A [Sink] receives links
// before a query's window or a link's resolution is recorded, so a crash
// loses nothing.
package search
