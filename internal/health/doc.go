// Package health keeps the health record of each source: when it was last
// tried, when it last worked, when it last brought a new article, how many
// times in a row it has failed and why.
//
// Everything here is a pure function of a [crawler.SourceState], an
// [Outcome] and the time passed in; nothing reads the clock, so the daemon
// passes time.Now() and tests pass whatever instant they need.
//
// # Backoff
//
// A failing source is not retried on every tick of its schedule: after n
// failures in a row it waits [Backoff](n), which doubles from
// Policy.BaseBackoff up to Policy.MaxBackoff, or the server's Retry-After when
// that is longer. [Due] tells the daemon whether the wait is over.
//
// # Silence
//
// A source that keeps answering but has brought no new article for longer
// than its expected rhythm is flagged silent ([Silent]): a feed that moved,
// a selector that no longer matches, a site that stopped publishing.
//
// # Secrets
//
// Error texts are stored and shown to operators, so [Record] passes them
// through [Redact], which masks URL user information and query parameters
// that look like credentials.
package health
