// Package config loads and validates the monitor's YAML configuration.
//
// Loading is strict: unknown keys, wrong types, bad durations, invalid
// regular expressions, CSS selectors and cron specs are errors that name the
// key and its line, so a typo never passes silently. Parsing has no side
// effects; the caller decides what to do with the result.
//
// Order of precedence for the file: the --config flag, then ./config.yaml,
// then the default embedded in the binary ([crawler.DefaultConfig]). A file
// without a pillars: key uses the default taxonomy.
package config
