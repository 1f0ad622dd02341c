package fetch

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gocolly/colly/v2"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
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
// The rules: bytes that are valid UTF-8 are UTF-8, whatever any label says
// (valid multi-byte UTF-8 by accident is rare in real text). Otherwise the
// document's own declaration wins over the header, which is more often a
// server default than the author's choice, and with neither, windows-1252,
// the usual culprit.

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

var (
	utf8BOM    = []byte{0xef, 0xbb, 0xbf}
	xmlDeclRE  = regexp.MustCompile(`^\s*<\?xml[^>]*?\?>`)
	xmlEncAttr = regexp.MustCompile(`encoding\s*=\s*["']([^"']*)["']`)
)

// xmlToUTF8 returns an XML body as UTF-8, with its XML declaration, if any,
// rewritten to say so.
func xmlToUTF8(body []byte, contentType string) []byte {
	body = fromUTF16(body)
	body = bytes.TrimPrefix(body, utf8BOM)
	label := ""
	if m := xmlEncAttr.FindSubmatch(xmlDeclRE.Find(body)); m != nil {
		label = string(m[1])
	}
	if !utf8.Valid(body) {
		body = decode(body, label, contentType)
	}
	if label == "" || strings.EqualFold(label, "utf-8") {
		return body
	}
	decl := xmlDeclRE.Find(body) // again: decoding may have moved it
	fixed := xmlEncAttr.ReplaceAll(decl, []byte(`encoding="UTF-8"`))
	return append(fixed, body[len(decl):]...)
}

// htmlToUTF8 returns an HTML body as UTF-8. Meta tags are left as they are;
// callers must treat the body as UTF-8.
func htmlToUTF8(body []byte, contentType string) []byte {
	body = fromUTF16(body)
	if utf8.Valid(body) {
		return body
	}
	// DetermineEncoding reports a <meta charset> as uncertain, exactly like
	// its windows-1252 fallback, so take any other answer as the page's own
	// declaration; windows-1252 is decode's fallback anyway, after the
	// header has had its say.
	label := ""
	if _, name, _ := charset.DetermineEncoding(body, ""); name != "windows-1252" {
		label = name
	}
	return decode(body, label, contentType)
}

// decode converts body, which is not valid UTF-8, using the first usable
// non-UTF-8 label among the document's and the header's, or windows-1252.
func decode(body []byte, docLabel, contentType string) []byte {
	enc := encoding.Encoding(charmap.Windows1252)
	for _, label := range []string{docLabel, headerCharset(contentType)} {
		if e, name := charset.Lookup(label); e != nil && name != "utf-8" {
			enc = e
			break
		}
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

func headerCharset(contentType string) string {
	_, params, _ := mime.ParseMediaType(contentType)
	return params["charset"]
}

// fromUTF16 decodes a body that starts with a UTF-16 byte order mark.
func fromUTF16(b []byte) []byte {
	var e encoding.Encoding
	switch {
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		e = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		return b
	}
	if out, err := e.NewDecoder().Bytes(b); err == nil {
		return out
	}
	return b
}
