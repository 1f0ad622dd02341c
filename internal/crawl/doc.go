// Package crawl runs one pass over the configured sources: discover
// candidate links (fetch), skip what the store already knows, fetch the new
// pages, extract, classify and store them, and report what happened per
// source. It is the only package, with cmd/crawler, that wires several
// stages together; the stages never import each other.
package crawl
