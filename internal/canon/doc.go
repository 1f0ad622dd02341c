// Package canon turns the many spellings of a web address into one, so that
// the same story reached through a feed, a sitemap, a listing page or a
// shared link with tracking parameters is stored once.
//
// # Rules
//
// [URL] accepts only absolute http and https addresses and:
//
//   - lowercases the scheme and the host, converts an internationalised host
//     to its ASCII (punycode) form and drops a trailing dot;
//   - drops user information ("user:password@"), the default port (80 for
//     http, 443 for https) and the fragment;
//   - removes "." and ".." path segments, normalises percent-encoding
//     (upper-case hex digits, unreserved characters decoded) and keeps the
//     case of the path and any trailing slash;
//   - removes tracking parameters (utm_*, fbclid, gclid and the others in
//     [IsTracking]) and sorts what remains by key, keeping the order of
//     repeated keys, and drops an empty "?".
//
// [Resolve] resolves a link found on a page against the page address and
// canonicalises the result.
//
// # Caveats
//
// Canonical form is a deduplication key, not a promise that two different
// addresses serve different content: "/a" and "/a/" stay distinct, as do
// "www.example.com" and "example.com", because some sites really serve
// different pages there.
package canon
