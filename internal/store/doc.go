// Package store is the monitor's database: a single bbolt file holding the
// articles, the indexes that find them by URL, date and near-duplicate text,
// the conditional-GET validators and failures of fetched URLs, and the health
// of each source.
//
// # One record per story
//
// [Store.Put] stores a story once however many addresses it is reached
// through. An article whose URL (canonical or alias) is known merges into
// that record. Otherwise its text is fingerprinted with a 64-bit SimHash
// over word 3-shingles (character 4-shingles for Japanese and Chinese) and
// a bottom-k sketch (its 8 smallest shingle hashes). A stored text within
// a few bits, or sharing two or more sketch entries, is a candidate; it is
// the same story when the two texts have most shingles in common
// (Jaccard), or when the smaller's shingles are nearly all in the larger
// and the larger adds little (containment: a short wire copy with a
// dateline, a credit line and an advertisement's lines); short texts must
// also have similar titles. The SimHash is indexed in four 16-bit bands
// and the sketch by hash, so the lookup reads a handful of keys rather
// than every article.
//
// # Queries
//
// [Store.Each] streams the articles matching a [Query] newest first, in
// short read transactions, from an opaque cursor that articles stored
// meanwhile never shift; [Store.Count] counts them per pillar. Filters
// (relevance, pillar, language, source, dates) read a small metadata
// record kept in the date index, never the articles. A search walks an
// inverted index of folded words (Vietnamese with or without accents) and
// of Japanese character pairs, grouped by week so that it reads newest
// first and holds at most a week of matches. Every write goes through one
// function (indexArticle) that keeps these indexes in step.
//
// # Layout
//
// Records are JSON, one bucket per kind (articles, urls, validators,
// failures, sources); article records are compressed (DEFLATE, see
// codec.go), since their evidence quotes their text. The date order, band,
// counter, document and search indexes are small binary keys; the pending queue of each
// source is indexed by age so that it drains oldest first in bounded pages
// ([Store.PendingPage]) and expires ([Store.ExpirePending]). Every method
// runs in one transaction, so a killed process leaves either all or none of
// a write; [Store.Commit] writes a batch of crawled pages, with the queue
// entries they settle, in one. The meta bucket holds the schema version;
// [Open] migrates an older file and refuses one written by a newer version
// ([ErrSchema]).
//
// # Data care
//
// [Store.WriteTo] and [Store.Backup] copy the file from one read
// transaction while writers go on; [Store.Compact] rewrites it without
// free pages; [Store.PruneRejected] drops the text of old rejected
// articles but keeps their URLs known.
//
// # Digest deliveries
//
// A storing-time index lists articles by Fetched, so [Store.StoredSince]
// finds what is new for a digest without reading the archive. The digest
// ledger records each (recipient, article) delivered, a run record each
// (recipient, period), and a state each recipient (unsubscription, window,
// last attempt). [Store.ClaimDigest], [Store.DeliverDigest] and
// [Store.FailDigest] move a run along in one transaction each; see the
// digest package for the guarantee they give. The meta bucket keeps the
// HMAC key of unsubscribe links, created by the first Open.
//
// # Search sources
//
// Links a news search listed that must be resolved online wait in a queue
// per source ([Store.AddSearchLinks]) until resolved
// ([Store.SetResolvedLink], which also remembers the publisher URL so the
// link costs nothing when listed again) or given up. Resolved links are
// forgotten after a while ([Store.PruneResolvedLinks]).
//
// # Damage
//
// A damaged file (truncated, a meta page or a page that does not decode)
// gives errors wrapping [ErrDamaged], never a panic: [Open] checks the file
// size against the pages in use, both meta pages and the bucket roots, and
// every transaction turns bbolt's panics and faults into errors. A record
// that does not decode is a [*RecordError]; listings skip it with a
// warning. [CheckFile] and [Store.Diagnose] list every problem.
//
// # Caveats
//
// bbolt locks the file for one process: a second [Open] of the same path,
// even in the same process, waits up to [Options.Timeout] and fails with
// [ErrLocked]. The file never shrinks; deleted pages are reused. Values are
// decoded (copied) before a transaction ends, so nothing returned points
// into the memory-mapped file.
package store
