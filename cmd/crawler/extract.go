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

func runExtract(ctx context.Context, a *app, args []string) error {
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
	art, err := extract.ExtractContext(ctx, body, "text/html", *pageURL)
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

// readInput reads a named file, or standard input for "-", refusing
// more than extract.MaxHTML bytes: a device such as /dev/zero or a huge
// file must end with an error, not exhaust memory.
func readInput(a *app, name string) ([]byte, error) {
	var r io.Reader = a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	body, err := io.ReadAll(io.LimitReader(r, extract.MaxHTML+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(body) > extract.MaxHTML {
		return nil, fmt.Errorf("%s: larger than %d MiB; an article page is far smaller", name, extract.MaxHTML>>20)
	}
	return body, nil
}

// formatTime renders t as RFC 3339, or "" when unknown.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
