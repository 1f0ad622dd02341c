package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/vnjp-monitor/crawler/internal/lang"
)

// ErrNoText is returned by [Extract] when the page has no article text, as
// on index pages, error pages and pages that need JavaScript.
var ErrNoText = errors.New("no article text found")

// Article is what Extract finds on a page. Zero values mean "not found".
type Article struct {
	Title       string
	Author      string // several authors are joined with ", "
	Lang        string // ISO 639-1 code
	SiteName    string
	Description string
	Published   time.Time
	Text        string // clean body text, NFC, paragraphs separated by "\n\n"
	Canonical   string // absolute rel=canonical / og:url when present, else ""
	Charset     string // the charset the page was decoded from, e.g. "utf-8", "shift_jis"
}

// Limits on what one page may cost. Real article pages are well under
// them. The extractor's cost grows with the square of a page's paragraph
// count (it re-reads all paragraphs for each candidate container), so a
// hostile or endless page is cut to its first elements before extraction;
// the article comes early in a page.
const (
	// MaxHTML is how many bytes of a page are parsed; the rest is ignored.
	MaxHTML = 10 << 20
	// MaxText bounds the body text returned, in bytes; longer texts are
	// cut at a paragraph.
	MaxText = 512 << 10
	// maxElements and maxParagraphs bound the tree handed to extraction.
	maxElements   = 20000
	maxParagraphs = 1000
)

// Extract is [ExtractContext] without cancellation.
func Extract(body []byte, contentType, pageURL string) (*Article, error) {
	return ExtractContext(context.Background(), body, contentType, pageURL)
}

// ExtractContext decodes an HTML page (see [Decode]; contentType is the
// HTTP Content-Type header, possibly empty), finds its article text, and
// reads its metadata from JSON-LD, <meta> tags and the document. pageURL,
// possibly empty, resolves a relative canonical link. Only the first
// [MaxHTML] bytes are read and at most [MaxText] bytes of text returned.
//
// Every string in the result is NFC. When the page has no article text,
// it returns the metadata it found together with [ErrNoText]. When ctx
// ends first, it returns ctx's error promptly. Other errors mean the
// bytes could not be decoded or parsed at all; malformed HTML is not an
// error.
func ExtractContext(ctx context.Context, body []byte, contentType, pageURL string) (*Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ctx.Done() == nil {
		return extract(body, contentType, pageURL)
	}
	// Parsing and extraction cannot be interrupted; they run on their own
	// so that cancellation is honoured at once. An abandoned run ends by
	// itself, its cost bounded by the limits above.
	type result struct {
		a   *Article
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := extract(body, contentType, pageURL)
		done <- result{a, err}
	}()
	select {
	case r := <-done:
		return r.a, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func extract(body []byte, contentType, pageURL string) (*Article, error) {
	if len(body) > MaxHTML {
		body = body[:MaxHTML]
	}
	utf, cs, err := Decode(body, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(utf))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	base, _ := url.Parse(pageURL)
	m := readPage(doc)
	ld := parseJSONLD(m.jsonLD)
	pruneTail(doc, maxElements, maxParagraphs)
	mergeSplitBodies(doc)
	cleanPage(doc)
	res := runTrafilatura(doc, base, cjkPage(m))
	a := &Article{Charset: cs}
	a.Canonical = canonicalURL(m, base)
	a.SiteName = chooseSiteName(m.get("og:site_name"), ld.publisher, ld.siteName,
		m.get("application-name"), res.Metadata.Sitename)
	sites := append([]string{a.SiteName, ld.publisher, ld.siteName}, hostLabels(firstNonEmpty(a.Canonical, pageURL))...)
	a.Title = chooseTitle(m, &ld, res.Metadata.Title, sites)
	a.Author = chooseAuthor(m, &ld, res.Metadata.Author)
	a.Text = capText(cleanParagraphs(renderText(res.ContentNode), &textContext{title: a.Title, h1: m.h1, author: a.Author, lead: m.lead}))
	// Pages rendered by JavaScript carry their text only in JSON-LD; the
	// extractor's last resort finds it too, but loses the paragraphs.
	if ld.body != "" && looksLikeProse(ld.body) {
		if ldText := plainParagraphs(ld.body); !looksLikeProse(a.Text) ||
			squash(a.Text) == squash(ld.body) && strings.Count(ldText, "\n\n") > strings.Count(a.Text, "\n\n") {
			a.Text = ldText
		}
	}
	a.Description = firstNonEmpty(m.get("og:description", "description", "twitter:description"),
		ld.description, res.Metadata.Description)
	a.Lang = chooseLang(a.Text+"\n"+a.Title, m.htmlLang, ld.language, m.get("og:locale", "content-language", "language", "dc.language"))
	a.Published = choosePublished(m, &ld, a.Lang, firstNonEmpty(a.Canonical, pageURL), time.Now())
	normalizeArticle(a)
	if !looksLikeProse(a.Text) {
		a.Text = ""
		return a, ErrNoText
	}
	return a, nil
}

// minCJKExtractedSize is the extractor's minimum body length, in runes,
// for pages in Chinese, Japanese or Korean.
const minCJKExtractedSize = 100

// cjkPage reports whether the page is declared, or titled, in Chinese,
// Japanese or Korean.
func cjkPage(m *pageMeta) bool {
	switch normLang(m.htmlLang) {
	case "ja", "zh", "ko":
		return true
	}
	l := lang.Detect(m.title)
	return l != "" && scriptOf(l) != "latin"
}

var rxTag = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*[\s/>]`)

// minTextWeight is the shortest text accepted as an article body, in
// Latin characters; a CJK character counts as two, being closer to a word.
const minTextWeight = 50

// looksLikeProse rejects what the extractor returns for pages without an
// article: when nothing qualifies it falls back to all the text of the
// page, which on an index page is a run of menu labels and headlines.
// An article has at least one paragraph with sentence punctuation.
func looksLikeProse(text string) bool {
	if textWeight(text) < minTextWeight {
		return false
	}
	for _, p := range strings.Split(text, "\n\n") {
		if textWeight(p) >= 30 && strings.ContainsAny(p, ".,;!?。、！？") {
			return true
		}
	}
	return false
}

func textWeight(s string) int {
	n := 0
	for _, r := range s {
		n++
		if isCJK(r) {
			n++
		}
	}
	return n
}

// runTrafilatura extracts the main content. Publication dates are handled
// by choosePublished, so trafilatura's own date search is switched off. A
// panic inside the library on hostile markup is turned into an empty
// result: one bad page must not take the crawler down.
func runTrafilatura(doc *html.Node, base *url.URL, cjk bool) (res *trafilatura.ExtractResult) {
	empty := &trafilatura.ExtractResult{}
	defer func() {
		if recover() != nil {
			res = empty
		}
	}()
	opts := trafilatura.Options{
		OriginalURL:      base,
		Focus:            trafilatura.FavorRecall,
		ExcludeComments:  true,
		HtmlDateOverride: &htmldate.Result{},
	}
	if cjk {
		// The extractor falls back to the whole page when the body has
		// under 250 characters, a measure made for Latin text; a paywalled
		// Japanese teaser says as much in 120.
		opts.Config = trafilatura.DefaultConfig()
		opts.Config.MinExtractedSize = minCJKExtractedSize
	}
	if base != nil && !base.IsAbs() {
		opts.OriginalURL = nil
	}
	r, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || r == nil {
		return empty
	}
	return r
}

// capText cuts text longer than MaxText at the last paragraph break
// before the limit (or at a rune boundary when there is none).
func capText(text string) string {
	if len(text) <= MaxText {
		return text
	}
	cut := text[:MaxText]
	if i := strings.LastIndex(cut, "\n\n"); i > 0 {
		return cut[:i]
	}
	return strings.ToValidUTF8(cut, "")
}

// chooseSiteName returns the first candidate that is a name, not a URL
// or a social-media handle.
func chooseSiteName(candidates ...string) string {
	for _, c := range candidates {
		c = strings.TrimPrefix(strings.TrimSpace(c), "@")
		if c != "" && !looksLikeURL(c) {
			return c
		}
	}
	return ""
}

func canonicalURL(m *pageMeta, base *url.URL) string {
	for _, raw := range []string{m.canonical, m.get("og:url")} {
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}

// plainParagraphs formats JSON-LD articleBody like rendered text. Plain
// text has its lines turned into paragraphs; some sites put HTML there,
// which is rendered instead.
func plainParagraphs(s string) string {
	if rxTag.MatchString(s) {
		if doc, err := html.Parse(strings.NewReader(s)); err == nil {
			return renderText(doc)
		}
	}
	var paras []string
	for _, line := range strings.Split(s, "\n") {
		if line = collapseSpace(line); line != "" {
			paras = append(paras, line)
		}
	}
	return strings.Join(paras, "\n\n")
}

// normalizeArticle makes every field NFC. Metadata fields are unescaped
// once more because many CMSs escape titles twice ("&#8217;" arrives in
// og:title after the parser has already decoded the attribute).
func normalizeArticle(a *Article) {
	for _, s := range []*string{&a.Title, &a.Author, &a.SiteName, &a.Description} {
		if strings.Contains(*s, "&") {
			*s = html.UnescapeString(*s)
		}
		*s = collapseSpace(*s)
	}
	for _, s := range []*string{&a.Title, &a.Author, &a.SiteName, &a.Description, &a.Text} {
		*s = strings.TrimSpace(norm.NFC.String(*s))
	}
}
