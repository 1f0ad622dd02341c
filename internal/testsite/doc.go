// Package testsite serves a realistic, self-contained news site on
// 127.0.0.1 for the offline demo (`crawler demo`) and for end-to-end tests of
// the crawler. Every page, headline and article on it is fictional and was
// written for this project.
//
// # Hosts
//
// [Start] opens two listeners on 127.0.0.1 with different ports:
//
//   - the main outlet, an English paper with Vietnamese and Japanese
//     editions: article pages with navigation, breadcrumbs, ads, share
//     buttons, related stories, reader comments, JSON-LD and Open Graph
//     metadata; RSS 2.0 feeds, an Atom feed, a sitemap index with a child
//     sitemap and a Google News sitemap, and a paginated HTML listing;
//   - a syndication outlet that republishes some main-outlet stories under
//     another template, with a changed headline, a dateline and a credit
//     line, once with rel=canonical pointing at the original and once
//     without.
//
// [Site.Sources] lists the crawler sources that cover both hosts.
//
// # Traps for the crawler
//
// Feeds and sitemaps answer conditional requests (ETag, Last-Modified) with
// 304. robots.txt disallows /private/, which a listing page and a feed link
// to. Some feed links carry utm_* tracking parameters and one story is in two
// feeds. Three pages declare a legacy charset (Shift_JIS, EUC-JP,
// windows-1258) only in <meta charset>. [Site.HostileURLs] lists a 500
// page, a slow page ([Site.SetSlowDelay]), a redirect loop, a 12 MiB body, a
// PDF and a 404, all linked from the listing or a feed.
//
// # Ground truth
//
// [Site.Stories] returns every story with its labels (relevance, pillars,
// primary pillar) following the contract in pillars.md, hard negatives
// included. [Site.Requests] is a log of every request the site received, so
// tests can check politeness, robots.txt and conditional GET.
// [Site.Publish] adds a story while the site runs, for daemon tests.
package testsite
