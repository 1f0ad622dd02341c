package fetch

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/canon"
)

// maxSitemapDepth bounds sitemap index nesting: the root is depth 0 and an
// index found at this depth is not followed.
const maxSitemapDepth = 3

// sitemapDoc is a urlset or a sitemapindex (sitemaps.org 0.9), with Google
// News extensions. Elements are matched by local name so that documents
// with a wrong or missing namespace still read.
type sitemapDoc struct {
	XMLName  xml.Name
	URLs     []sitemapURL `xml:"url"`
	Sitemaps []sitemapRef `xml:"sitemap"`
	// Dropped counts the URLs beyond the cap that were not kept.
	Dropped int `xml:"-"`
}

type sitemapURL struct {
	Loc     string       `xml:"loc"`
	LastMod string       `xml:"lastmod"`
	News    *sitemapNews `xml:"news"`
	// date is published(), parsed once as the entry is read: keepNewest
	// sorts by it, again each time a capped urlset fills up.
	date time.Time
}

// published is the entry's news publication date, else its lastmod; zero
// when neither parses.
func (u sitemapURL) published() time.Time {
	if u.News != nil {
		if t := parseW3CTime(u.News.PublicationDate); !t.IsZero() {
			return t
		}
	}
	return parseW3CTime(u.LastMod)
}

type sitemapNews struct {
	Title           string `xml:"title"`
	PublicationDate string `xml:"publication_date"`
	Language        string `xml:"publication>language"`
}

type sitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// discoverSitemaps reads a sitemap or sitemap index and, within
// Options.MaxSitemaps, the child sitemaps it lists. Children are read
// breadth-first, each index's newest first, so that a limited budget goes to
// the top-level sitemaps most likely to hold new articles.
func (s *session) discoverSitemaps(src crawler.Source, b *builder) error {
	children, err := s.sitemap(src.URL, 0, b)
	if err != nil {
		return err
	}
	budget := s.c.opts.MaxSitemaps
	root, _ := canon.URL(src.URL)
	seen := map[string]bool{root: true}
	for len(children) > 0 {
		child := children[0]
		children = children[1:]
		if seen[child.url] {
			continue // an index listing itself or a child twice
		}
		seen[child.url] = true
		if budget == 0 {
			b.errorf("sitemap %s: child sitemap limit of %d reached, %d skipped", src.URL, s.c.opts.MaxSitemaps, len(children)+1)
			break
		}
		budget--
		more, err := s.sitemap(child.url, child.depth, b)
		if err != nil {
			if s.ctx.Err() != nil {
				return s.ctx.Err()
			}
			b.errorf("child sitemap %s: %w", child.url, err)
		}
		children = append(children, more...)
	}
	return nil
}

// childSitemap is a sitemap listed by an index at depth-1.
type childSitemap struct {
	url   string
	depth int
}

// sitemap reads one sitemap document at the given nesting depth, adds its
// URLs to b and returns the child sitemaps to read next.
func (s *session) sitemap(u string, depth int, b *builder) ([]childSitemap, error) {
	res, err := s.conditionalGet(u, acceptXML, b)
	if err != nil {
		return nil, err
	}
	if res == nil { // 304: an index's children may still have changed
		return s.rememberedChildren(u, depth, b), nil
	}
	doc, err := parseSitemap(res.body, res.header.Get("Content-Type"), s.c.opts.MaxSitemapURLs)
	if err != nil {
		return nil, err
	}
	b.Truncated += doc.Dropped
	for _, su := range doc.URLs {
		it, err := sitemapItem(res.finalURL, su)
		if err != nil {
			b.Errors = append(b.Errors, err)
			continue
		}
		b.add(it)
	}
	if len(doc.Sitemaps) == 0 {
		s.saveValidators(res, b)
		return nil, nil
	}
	if depth >= maxSitemapDepth {
		b.errorf("sitemap index %s: nested deeper than %d levels, %d children skipped", u, maxSitemapDepth, len(doc.Sitemaps))
		return nil, nil
	}
	var children []childSitemap
	for _, ref := range newestFirst(doc.Sitemaps) {
		cu, err := canon.Resolve(res.finalURL, ref.Loc)
		if err != nil || strings.TrimSpace(ref.Loc) == "" {
			b.errorf("sitemap index %s: child %q: %w", u, ref.Loc, cmp.Or(err, errors.New("empty loc")))
			continue
		}
		children = append(children, childSitemap{url: cu, depth: depth + 1})
	}
	s.rememberChildren(res, children, b)
	return children, nil
}

// ChildSitemapStore is implemented by a ValidatorStore that can also keep
// the child list of a sitemap index. Its children change without the index
// changing, so a 304 on the index says nothing about them: with a
// ChildSitemapStore the index is asked conditionally and a 304 leads to the
// remembered children, each asked conditionally in turn; without one, an
// index is always fetched in full.
type ChildSitemapStore interface {
	ChildSitemaps(index string) ([]string, error)
	SetChildSitemaps(index string, children []string) error
}

// rememberChildren keeps an index's children, then its validators: in that
// order, validators are never stored for an index whose children are not.
func (s *session) rememberChildren(res *response, children []childSitemap, b *builder) {
	cs, ok := s.c.vs.(ChildSitemapStore)
	if !ok {
		return
	}
	urls := make([]string, len(children))
	for i, c := range children {
		urls[i] = c.url
	}
	if err := cs.SetChildSitemaps(res.url, urls); err != nil {
		b.errorf("store child sitemaps of %s: %w", res.url, err)
		return
	}
	s.saveValidators(res, b)
}

// rememberedChildren returns the children kept for an index that answered
// 304; none for a plain sitemap.
func (s *session) rememberedChildren(u string, depth int, b *builder) []childSitemap {
	cs, ok := s.c.vs.(ChildSitemapStore)
	if !ok {
		return nil
	}
	urls, err := cs.ChildSitemaps(u)
	if err != nil {
		b.errorf("read child sitemaps of %s: %w", u, err)
		return nil
	}
	children := make([]childSitemap, 0, len(urls))
	for _, c := range urls {
		children = append(children, childSitemap{url: c, depth: depth + 1})
	}
	return children
}

// parseSitemap decodes a urlset or sitemapindex; anything else is an error.
// A urlset of more than maxURLs entries (0: no cap) keeps the newest
// maxURLs by lastmod, and Dropped counts the others: the document is read
// as a stream, so memory follows the cap, not the file.
func parseSitemap(body []byte, contentType string, maxURLs int) (*sitemapDoc, error) {
	dec := xml.NewDecoder(bytes.NewReader(xmlToUTF8(body, contentType)))
	dec.CharsetReader = charset.NewReaderLabel
	dec.Strict = false // tolerate undeclared entities and stray ampersands
	var doc sitemapDoc
	root, err := rootElement(dec)
	if err != nil {
		return nil, fmt.Errorf("parse sitemap: %w", err)
	}
	doc.XMLName = root.Name
	if n := root.Name.Local; n != "urlset" && n != "sitemapindex" {
		return nil, fmt.Errorf("parse sitemap: root element <%s>, want urlset or sitemapindex", n)
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("parse sitemap: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if err := doc.decodeChild(dec, se, maxURLs); err != nil {
			return nil, fmt.Errorf("parse sitemap: %w", err)
		}
	}
	doc.keepNewest(maxURLs)
	return &doc, nil
}

// rootElement reads up to the document's first element.
func rootElement(dec *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return xml.StartElement{}, errors.New("no root element")
			}
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// decodeChild reads one child element of the root.
func (doc *sitemapDoc) decodeChild(dec *xml.Decoder, se xml.StartElement, maxURLs int) error {
	switch se.Name.Local {
	case "url":
		var u sitemapURL
		if err := dec.DecodeElement(&u, &se); err != nil {
			return err
		}
		u.date = u.published()
		doc.URLs = append(doc.URLs, u)
		if maxURLs > 0 && len(doc.URLs) >= 2*maxURLs {
			doc.keepNewest(maxURLs)
		}
		return nil
	case "sitemap":
		var ref sitemapRef
		if err := dec.DecodeElement(&ref, &se); err != nil {
			return err
		}
		doc.Sitemaps = append(doc.Sitemaps, ref)
		return nil
	}
	return dec.Skip()
}

// keepNewest cuts URLs to the max newest by lastmod (news publication
// date first), undated ones last in document order.
func (doc *sitemapDoc) keepNewest(max int) {
	if max <= 0 || len(doc.URLs) <= max {
		return
	}
	slices.SortStableFunc(doc.URLs, func(a, b sitemapURL) int { return b.date.Compare(a.date) })
	doc.Dropped += len(doc.URLs) - max
	doc.URLs = slices.Clip(doc.URLs[:max])
}

func sitemapItem(base string, su sitemapURL) (Item, error) {
	if strings.TrimSpace(su.Loc) == "" {
		return Item{}, errors.New("sitemap entry without loc")
	}
	u, err := canon.Resolve(base, su.Loc)
	if err != nil {
		return Item{}, fmt.Errorf("sitemap entry %q: %w", su.Loc, err)
	}
	it := Item{URL: u, Published: su.published()}
	if n := su.News; n != nil {
		it.Title = collapseSpace(n.Title)
		it.Lang = normLang(n.Language)
	}
	return it, nil
}

// newestFirst orders child sitemaps by lastmod, newest first, so the
// budget goes to the ones likely to hold new articles; undated children
// keep their document order after the dated ones.
func newestFirst(refs []sitemapRef) []sitemapRef {
	out := slices.Clone(refs)
	slices.SortStableFunc(out, func(a, b sitemapRef) int {
		ta, tb := parseW3CTime(a.LastMod), parseW3CTime(b.LastMod)
		switch {
		case ta.IsZero() && tb.IsZero():
			return 0
		case ta.IsZero():
			return 1
		case tb.IsZero():
			return -1
		}
		return tb.Compare(ta)
	})
	return out
}

// w3cLayouts are the W3C datetime profiles sitemaps use, plus common
// deviations (a space instead of "T", no zone).
var w3cLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"2006-01",
	"2006",
}

// parseW3CTime returns the time in UTC, or zero when s is empty or not a
// W3C datetime. A time without a zone is taken as UTC.
func parseW3CTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range w3cLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
