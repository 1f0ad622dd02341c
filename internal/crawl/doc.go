// Package crawl runs one pass over the configured sources: discover
// candidate links (fetch, or another Discoverer for other kinds of
// source), queue the new ones, then run the queue through a pipeline:
// fetch with one request at a time per host, extract and classify on every
// core, and commit in batches, each batch one transaction with the queue
// entries it settles. It reports what happened per source (Report) and per
// article URL (Outcome). It is the only package, with cmd/crawler, that
// wires several stages together; the stages never import each other.
//
// Search sources (kind search) discover through internal/search instead:
// the provider's publisher links join the same queue as they are found,
// before the provider's state (a query's window, a resolved link) is
// recorded, and go through the same pipeline.
//
// The stages label their goroutines for the CPU profiler ("stage":
// discover, fetch, extract, classify, store), which is how the load
// harness (internal/loadtest) measures each stage's cost.
package crawl
