// Package fetch finds and downloads articles: it reads a source's listing
// (an RSS or Atom feed, a sitemap or sitemap index, or HTML listing pages)
// into candidate [Item]s with [Client.Discover], and downloads article pages
// with [Client.FetchPages]. [Client.API] calls news-search providers under
// the same politeness gate. It is built on gocolly/colly, whose types stay
// inside this package.
//
// # Politeness
//
// A [Client] allows one request at a time per host (host and port), waits
// Options.PerHostDelay between the end of one request to a host and the start
// of the next (longer if robots.txt asks with Crawl-delay, up to a minute),
// and keeps at most Options.Parallelism requests in flight. With
// Options.RespectRobots, robots.txt is fetched once per host every few hours
// and a disallowed URL, or a redirect to one, is never requested. Listings
// use conditional GET (If-None-Match, If-Modified-Since) with validators kept
// in a [ValidatorStore].
//
// # Errors
//
// Failures are classified where they happen so that callers can decide
// without matching strings: the sentinel errors ([ErrTooLarge], [ErrNotHTML],
// [ErrRobots], [ErrRedirectLoop], [ErrNotFound]) for errors.Is, [*StatusError]
// for other HTTP answers, [Temporary] for "try again later" and [RetryAfter]
// for the delay a server asked for.
//
// # Caveats
//
//   - colly applies COLLY_* environment variables when a collector is built;
//     this package then sets every option it relies on again, so the
//     environment cannot change user agent, body cap, robots, redirects,
//     caching or allowed domains. colly still prints unknown COLLY_* names to
//     the standard logger.
//   - Bodies are refused, not truncated, past Options.MaxBodyBytes, counted
//     after decompression (gzip transfer encoding and .xml.gz files alike).
//     Large sitemaps (the protocol allows 50 MB) need a larger cap.
//   - Bodies are returned as UTF-8. Bytes that are valid UTF-8 are taken as
//     UTF-8 whatever the labels say; otherwise the document's declaration
//     wins over the Content-Type header, then windows-1252.
//   - A redirect to another host is not held to that host's politeness
//     gate, only to its robots.txt.
//   - Discover stores validators once a listing has parsed; a caller that
//     loses the items afterwards must retry them itself, since the next
//     Discover may answer NotModified.
//   - The library does not log; pass Options.Logger for debug records.
package fetch
