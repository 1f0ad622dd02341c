// Package crawler holds the types shared by every stage of the Viet Nam–Japan
// news monitor (sources, articles, pillars, source health) and the embedded
// default configuration. It performs no I/O; the stages live under internal/
// and the binary under cmd/crawler.
//
// Data flows one way: config → schedule → fetch → extract → classify → store
// → digest.
package crawler

import _ "embed"

// DefaultConfig is the commented default configuration shipped as config.yaml
// at the repository root. It is used when no --config flag is given and no
// ./config.yaml exists.
//
//go:embed config.yaml
var DefaultConfig []byte

// Version is the program version, overridden at link time with
// -ldflags "-X github.com/vnjp-monitor/crawler.Version=v1.2.3".
var Version = "0.1.0-dev"
