// Package charset converts web pages and feeds to UTF-8, deciding their
// encoding once for every stage that reads them: listing pages and feeds
// in fetch, article pages in extract. It imports no stage.
//
// [Decode] follows the WHATWG order (byte order mark, HTTP header, <meta>)
// with three departures that suit a crawler better than a browser: a
// <meta> declaration is found anywhere in the first 64 KiB rather than
// the first 1024 bytes; bytes that are valid non-ASCII UTF-8 are read as
// UTF-8 whatever an ASCII-compatible label claims; and a header that names
// UTF-8 for bytes that are not, or names a server-default Western charset
// while the page declares another, gives way to the page. Undeclared
// non-UTF-8 pages are guessed statistically (old Japanese sites in
// Shift_JIS or EUC-JP), else read as windows-1252. Output is NFC, which
// matters for windows-1258: Vietnamese in that code page spells tones
// with combining marks.
package charset

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/net/html"
	htmlcharset "golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/unicode/norm"
)

// prescanLimit bounds how far Decode looks for a <meta> charset declaration.
// Browsers stop at 1024 bytes, but real pages put the declaration after long
// inline scripts or comment banners, so we read the whole head up to 64 KiB.
const prescanLimit = 64 << 10

// genericHeaderCharsets are the charsets web servers send by default when
// nobody configured one; a page's own declaration is more trustworthy.
var genericHeaderCharsets = map[string]bool{
	"windows-1252": true, // also what the labels iso-8859-1 and us-ascii map to
}

// Decode converts an HTML page to UTF-8 and reports the charset it was
// decoded from, as a lowercase WHATWG encoding name ("utf-8", "shift_jis",
// "euc-jp", "windows-1258", ...). The result is NFC-normalised, so text
// from windows-1258 (which spells tones as combining marks) comes out
// precomposed.
//
// The charset is chosen in this order: a byte order mark; the charset
// parameter of contentType; a <meta charset> or <meta http-equiv> anywhere
// in the first 64 KiB; an XML declaration; UTF-8 when the bytes are valid
// UTF-8; a statistical guess; windows-1252. Two exceptions correct common
// server mistakes: bytes that are valid, non-ASCII UTF-8 are decoded as
// UTF-8 whatever an ASCII-compatible declaration says, and a header that
// claims UTF-8 for invalid bytes, or names a server-default Western charset
// while the page declares another, yields to the page's declaration.
//
// Invalid byte sequences become U+FFFD; err is non-nil only when the input
// cannot be transformed at all.
func Decode(body []byte, contentType string) (utf8Body []byte, charsetName string, err error) {
	enc, name := chooseEncoding(body, contentType)
	var out []byte
	if name == "utf-8" {
		out = bytes.ToValidUTF8(trimUTF8BOM(body), []byte("\uFFFD"))
	} else {
		out, err = enc.NewDecoder().Bytes(body)
		if err != nil {
			return nil, name, fmt.Errorf("decode %s: %w", name, err)
		}
		if name == "utf-16le" || name == "utf-16be" {
			out = bytes.TrimPrefix(out, []byte("\uFEFF"))
		}
	}
	return norm.NFC.Bytes(out), name, nil
}

func trimUTF8BOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
}

// chooseEncoding implements the order documented on Decode.
func chooseEncoding(body []byte, contentType string) (encoding.Encoding, string) {
	if e, name := bomEncoding(body); e != nil {
		return e, name
	}
	header, headerName := headerEncoding(contentType)
	doc, docName := documentEncoding(body)
	validUTF8 := utf8.Valid(body)
	nonASCII := hasNonASCII(body)

	// Valid non-ASCII UTF-8 is practically never legacy-encoded text, so
	// it overrides any ASCII-compatible label (UTF-16 and ISO-2022-JP
	// are not ASCII-compatible in that sense and keep their label).
	if validUTF8 && nonASCII {
		if !asciiIncompatible(headerName) && !asciiIncompatible(docName) {
			return encoding.Nop, "utf-8"
		}
	}
	if header != nil {
		switch {
		case headerName == "utf-8" && !validUTF8 && doc != nil:
			return doc, docName
		case genericHeaderCharsets[headerName] && doc != nil:
			return doc, docName
		case (genericHeaderCharsets[headerName] || headerName == "utf-8") && doc == nil && !validUTF8:
			// A server default over an undeclared legacy page: a
			// confident guess of a multi-byte charset (Shift_JIS under a
			// Latin-1 header, say) beats the label.
			if e, name := guessEncoding(body); e != nil && multiByte[name] {
				return e, name
			}
		}
		return header, headerName
	}
	if doc != nil {
		return doc, docName
	}
	if validUTF8 {
		return encoding.Nop, "utf-8"
	}
	if e, name := guessEncoding(body); e != nil {
		return e, name
	}
	e, name := htmlcharset.Lookup("windows-1252")
	return e, name
}

// multiByte are the legacy CJK charsets a guess may put before a generic
// header label: their byte patterns are unlike any Western text.
var multiByte = map[string]bool{
	"shift_jis": true, "euc-jp": true, "iso-2022-jp": true, "gbk": true, "gb18030": true, "big5": true, "euc-kr": true,
}

func asciiIncompatible(name string) bool {
	return name == "utf-16le" || name == "utf-16be" || name == "iso-2022-jp"
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func bomEncoding(body []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")):
		return encoding.Nop, "utf-8"
	case bytes.HasPrefix(body, []byte("\xFE\xFF")):
		return lookup("utf-16be")
	case bytes.HasPrefix(body, []byte("\xFF\xFE")):
		return lookup("utf-16le")
	}
	return nil, ""
}

// lookup resolves a charset label to a usable decoder. The WHATWG
// "replacement" encoding (labels such as iso-2022-kr) would turn the whole
// page into one U+FFFD, so it is treated as unknown.
func lookup(label string) (encoding.Encoding, string) {
	e, name := htmlcharset.Lookup(strings.Trim(label, "\"' "))
	if e == nil || name == "replacement" {
		return nil, ""
	}
	if name == "utf-8" {
		return encoding.Nop, name
	}
	return e, name
}

func headerEncoding(contentType string) (encoding.Encoding, string) {
	if contentType == "" {
		return nil, ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Servers send malformed types such as "text/html; charset=utf-8;";
		// fall back to a plain search for the parameter.
		return charsetFromContent(contentType)
	}
	if cs, ok := params["charset"]; ok {
		return lookup(cs)
	}
	return nil, ""
}

var (
	rxCharsetParam = regexp.MustCompile(`(?i)charset\s*=\s*["']?([\w.:-]+)`)
	rxXMLEncoding  = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']`)
)

func charsetFromContent(s string) (encoding.Encoding, string) {
	m := rxCharsetParam.FindStringSubmatch(s)
	if m == nil {
		return nil, ""
	}
	return lookup(m[1])
}

// documentEncoding finds the page's own declaration: the first <meta> that
// names a charset before <body> (or within prescanLimit bytes), else an XML
// declaration. A declared UTF-16 means UTF-8 here, as in browsers: the page
// could not have been scanned as ASCII if it really were UTF-16.
func documentEncoding(body []byte) (encoding.Encoding, string) {
	if len(body) > prescanLimit {
		body = body[:prescanLimit]
	}
	e, name := metaEncoding(body)
	if e == nil {
		if m := rxXMLEncoding.FindSubmatch(body); m != nil {
			e, name = lookup(string(m[1]))
		}
	}
	if name == "utf-16le" || name == "utf-16be" {
		return encoding.Nop, "utf-8"
	}
	return e, name
}

func metaEncoding(body []byte) (encoding.Encoding, string) {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return nil, ""
			case "meta":
				if e, cs := metaTagEncoding(z, hasAttr); e != nil {
					return e, cs
				}
			}
		}
	}
}

// metaTagEncoding reads the attributes of the <meta> tag z is on: either
// charset="..." or http-equiv="Content-Type" with content="...charset=...".
func metaTagEncoding(z *html.Tokenizer, more bool) (encoding.Encoding, string) {
	var content string
	var httpEquiv bool
	for more {
		var key, val []byte
		key, val, more = z.TagAttr()
		switch string(key) {
		case "charset":
			if e, name := lookup(string(val)); e != nil {
				return e, name
			}
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(string(val)), "content-type")
		case "content":
			content = string(val)
		}
	}
	if httpEquiv && content != "" {
		return charsetFromContent(content)
	}
	return nil, ""
}

// guessEncoding is the last resort for undeclared, non-UTF-8 pages, most
// often old Japanese sites in Shift_JIS or EUC-JP. Only confident guesses
// are used; otherwise the caller falls back to windows-1252.
func guessEncoding(body []byte) (encoding.Encoding, string) {
	sample := body
	if len(sample) > prescanLimit {
		sample = sample[:prescanLimit]
	}
	res, err := chardet.NewHtmlDetector().DetectBest(sample)
	if err != nil || res.Confidence < 50 {
		return nil, ""
	}
	return lookup(res.Charset)
}
