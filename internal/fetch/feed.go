package fetch

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/canon"
)

// discoverFeed reads an RSS 0.9x/1.0/2.0 or Atom feed.
func (s *session) discoverFeed(src crawler.Source, b *builder) error {
	res, err := s.conditionalGet(src.URL, acceptFeed, b)
	if err != nil || res == nil {
		return err
	}
	items, err := parseFeed(res.body, res.header.Get("Content-Type"), res.finalURL)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.err != nil {
			b.Errors = append(b.Errors, it.err)
			continue
		}
		b.add(it.Item)
	}
	s.saveValidators(res, b)
	return nil
}

// feedItem is a parsed feed entry or the reason it was skipped.
type feedItem struct {
	Item
	err error
}

// parseFeed parses a feed body fetched from base. Item links are resolved
// against base (feeds in the wild carry relative links) and canonicalised.
// Entries without a usable link come back with err set.
func parseFeed(body []byte, contentType, base string) ([]feedItem, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(xmlToUTF8(body, contentType)))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	feedLang := normLang(feed.Language)
	out := make([]feedItem, 0, len(feed.Items))
	for _, fi := range feed.Items {
		link := itemLink(fi)
		if link == "" {
			out = append(out, feedItem{err: fmt.Errorf("feed item %q: no link", fi.Title)})
			continue
		}
		u, err := canon.Resolve(base, link)
		if err != nil {
			out = append(out, feedItem{err: fmt.Errorf("feed item %q: link %q: %w", fi.Title, link, err)})
			continue
		}
		it := Item{
			URL:       u,
			Title:     collapseSpace(fi.Title),
			Published: firstTime(fi.PublishedParsed, fi.UpdatedParsed),
			Author:    itemAuthor(fi),
			Summary:   plainText(fi.Description),
			Lang:      feedLang,
		}
		if fi.DublinCoreExt != nil && len(fi.DublinCoreExt.Language) > 0 {
			it.Lang = cmp.Or(normLang(fi.DublinCoreExt.Language[0]), feedLang)
		}
		out = append(out, feedItem{Item: it})
	}
	return out, nil
}

// itemLink prefers the item's link; an RSS item with only a permalink GUID
// gives that.
func itemLink(fi *gofeed.Item) string {
	if fi.Link != "" {
		return fi.Link
	}
	for _, l := range fi.Links {
		if l != "" {
			return l
		}
	}
	if strings.HasPrefix(fi.GUID, "http://") || strings.HasPrefix(fi.GUID, "https://") {
		return fi.GUID
	}
	return ""
}

func itemAuthor(fi *gofeed.Item) string {
	for _, p := range fi.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			return collapseSpace(p.Name)
		}
	}
	if fi.DublinCoreExt != nil && len(fi.DublinCoreExt.Creator) > 0 {
		return collapseSpace(fi.DublinCoreExt.Creator[0])
	}
	return ""
}

func firstTime(ts ...*time.Time) time.Time {
	for _, t := range ts {
		if t != nil && !t.IsZero() {
			return t.UTC()
		}
	}
	return time.Time{}
}

// plainText strips markup from a feed description and collapses spaces.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapseSpace(s)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return collapseSpace(s)
	}
	return collapseSpace(doc.Text())
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
