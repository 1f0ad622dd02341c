package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vnjp-monitor/crawler/internal/extract"
)

// extractJSON is the output of `crawler extract --json`.
type extractJSON struct {
	Title     string `json:"title"`
	Published string `json:"published"` // RFC 3339 or ""
	Author    string `json:"author"`
	Lang      string `json:"lang"`
	SiteName  string `json:"site_name,omitempty"`
	Canonical string `json:"canonical,omitempty"`
	Text      string `json:"text"`
}

func runExtract(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("extract", "[--json] [--url URL] FILE|-")
	asJSON := fs.Bool("json", false, "print JSON")
	pageURL := fs.String("url", "", "the page's original `URL` (resolves relative links, helps metadata)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	body, err := readInput(a, fs.Arg(0))
	if err != nil {
		return err
	}
	// No charset in the content type: a saved page declares its own.
	art, err := extract.Extract(body, "text/html", *pageURL)
	if err != nil {
		return fmt.Errorf("extract %s: %w", fs.Arg(0), err)
	}
	out := extractJSON{
		Title: art.Title, Author: art.Author, Lang: art.Lang, SiteName: art.SiteName,
		Canonical: art.Canonical, Text: art.Text, Published: formatTime(art.Published),
	}
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	fmt.Fprintf(a.stdout, "Title:     %s\nPublished: %s\nAuthor:    %s\nLanguage:  %s\n", out.Title, out.Published, out.Author, out.Lang)
	if out.SiteName != "" {
		fmt.Fprintf(a.stdout, "Site:      %s\n", out.SiteName)
	}
	fmt.Fprintf(a.stdout, "\n%s\n", out.Text)
	return nil
}

// readInput reads a named file, or standard input for "-".
func readInput(a *app, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(a.stdin)
	}
	return os.ReadFile(name)
}

// formatTime renders t as RFC 3339, or "" when unknown.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
