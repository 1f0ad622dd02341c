package fetch

import (
	"bytes"
	"strings"

	"github.com/gocolly/colly/v2"

	"github.com/vnjp-monitor/crawler/internal/charset"
)

// Charset handling. Bodies reach the parsers and the caller as UTF-8,
// decided once, here, from the raw bytes.
//
// colly would convert a body whose Content-Type header names a non-UTF-8
// charset and leave the document's own declaration (the XML prolog, the HTML
// meta tag) in place, so a parser honouring the declaration decodes twice;
// and when the header is a server-wide "ISO-8859-1" default over a UTF-8
// feed, colly's conversion garbles it beyond repair. hideCharset keeps the
// charset from colly and get puts the header back.
//
// The rules are internal/charset's, shared with extract: a listing page is
// read exactly as an article page is.

// ctxContentType keys the Content-Type header as received, before
// hideCharset removed its charset parameter.
const ctxContentType = "fetch.contenttype"

// hideCharset is an OnResponseHeaders callback that removes the charset
// parameter from the response header, so that colly's fixCharset leaves the
// body alone.
func hideCharset(r *colly.Response) {
	ct := r.Headers.Get("Content-Type")
	if !strings.Contains(strings.ToLower(ct), "charset") {
		return
	}
	r.Ctx.Put(ctxContentType, ct)
	mt, _, _ := strings.Cut(ct, ";")
	r.Headers.Set("Content-Type", strings.TrimSpace(mt))
}

// xmlToUTF8 returns an XML body as UTF-8, with its XML declaration, if any,
// rewritten to say so.
func xmlToUTF8(body []byte, contentType string) []byte {
	return charset.DecodeXML(body, contentType)
}

// htmlToUTF8 returns an HTML body as UTF-8, decoded exactly as extract
// decodes article pages. Meta tags are left as they are; callers must
// treat the body as UTF-8.
func htmlToUTF8(body []byte, contentType string) []byte {
	out, _, err := charset.Decode(body, contentType)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return out
}
