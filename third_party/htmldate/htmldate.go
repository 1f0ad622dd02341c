// Package htmldate stands in for github.com/markusmobius/go-htmldate,
// which go-trafilatura imports for its own date search. The crawler reads
// publication dates itself (internal/extract) and always hands
// go-trafilatura a date, so that search never runs; but importing the real
// package links go-dateparser, whose package initialisation costs every
// command about 0.3 s and 95 MB. This module keeps the three names
// go-trafilatura compiles against and finds no date.
//
// go.mod replaces the real module with this one. If a go-trafilatura
// upgrade uses more of the package, the build fails here, visibly.
package htmldate

import (
	"time"

	"golang.org/x/net/html"
)

// Options mirrors the fields go-trafilatura sets.
type Options struct {
	UseOriginalDate     bool
	SkipExtensiveSearch bool
	URL                 string
}

// Result is a date found in a page, with whether it has a time of day.
type Result struct {
	DateTime time.Time
	HasTime  bool
}

// IsZero reports whether no date was found.
func (r Result) IsZero() bool { return r.DateTime.IsZero() }

// FromDocument finds no date: dates are read by the caller.
func FromDocument(*html.Node, Options) (Result, error) { return Result{}, nil }
