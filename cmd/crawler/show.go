package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	crawler "github.com/vnjp-monitor/crawler"
)

func runShow(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("show", "[--json] ID  (an ID, or a prefix of 6 or more characters)")
	asJSON := fs.Bool("json", false, "print the record as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if id := fs.Arg(0); len(id) < minIDPrefix {
		fmt.Fprintf(a.stderr, "crawler show: an ID prefix needs at least %d characters, got %q (`crawler list` shows the IDs)\n", minIDPrefix, id)
		return errUsage
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	r, closeReader, err := openReader(a, cfg)
	if err != nil {
		return err
	}
	defer closeReader()
	art, err := r.GetArticle(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("article %s: %w", fs.Arg(0), err)
	}
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(art)
	}
	printArticle(a.stdout, art)
	return nil
}

// minIDPrefix is the shortest ID prefix `show` accepts, as the store does.
const minIDPrefix = 6

// printArticle writes the whole record for a reader.
func printArticle(w io.Writer, a *crawler.Article) {
	fmt.Fprintf(w, "ID:        %s\nTitle:     %s\nURL:       %s\n", a.ID, a.Title, a.URL)
	for _, u := range a.URLs {
		if u != a.URL {
			fmt.Fprintf(w, "Also at:   %s\n", u)
		}
	}
	fmt.Fprintf(w, "Published: %s\nFetched:   %s\n", orUnknown(formatTime(a.Published)), formatTime(a.Fetched))
	fmt.Fprintf(w, "Author:    %s\nLanguage:  %s\nSite:      %s\n", orUnknown(a.Author), a.Lang, orUnknown(a.SiteName))
	fmt.Fprintf(w, "Sources:   %s\n", strings.Join(a.Sources, ", "))
	printClassification(w, a.Classification)
	fmt.Fprintf(w, "\n%s\n", a.Text)
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}
