package charset

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/unicode/norm"
)

var (
	rxXMLDecl    = regexp.MustCompile(`^\s*<\?xml[^>]*?\?>`)
	rxXMLEncAttr = regexp.MustCompile(`encoding\s*=\s*["']([^"']*)["']`)
)

// DecodeXML converts a feed or sitemap to UTF-8 and rewrites its XML
// declaration to say so, so that an XML parser honouring the declaration
// does not decode twice. The order: a byte order mark; valid UTF-8; the
// declaration's encoding; the header's charset; a statistical guess;
// windows-1252. The document's declaration comes before the header, which
// for feeds is more often a server default than the author's choice.
// Invalid sequences become U+FFFD.
func DecodeXML(body []byte, contentType string) []byte {
	enc, name := xmlEncoding(body, contentType)
	var out []byte
	switch name {
	case "utf-8":
		out = bytes.ToValidUTF8(trimUTF8BOM(body), []byte("\uFFFD"))
	default:
		var err error
		if out, err = enc.NewDecoder().Bytes(body); err != nil {
			out = bytes.ToValidUTF8(body, []byte("\uFFFD"))
		}
		out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	}
	out = norm.NFC.Bytes(out)
	decl := rxXMLDecl.Find(out)
	m := rxXMLEncAttr.FindSubmatch(decl)
	if m == nil || bytes.EqualFold(m[1], []byte("utf-8")) {
		return out
	}
	fixed := rxXMLEncAttr.ReplaceAll(decl, []byte(`encoding="UTF-8"`))
	return append(fixed, out[len(decl):]...)
}

func xmlEncoding(body []byte, contentType string) (encoding.Encoding, string) {
	if e, name := bomEncoding(body); e != nil {
		return e, name
	}
	if utf8.Valid(body) {
		return encoding.Nop, "utf-8"
	}
	head := body
	if len(head) > prescanLimit {
		head = head[:prescanLimit]
	}
	if m := rxXMLEncAttr.FindSubmatch(rxXMLDecl.Find(head)); m != nil {
		if e, name := lookup(string(m[1])); e != nil && name != "utf-8" {
			return e, name
		}
	}
	if e, name := headerEncoding(contentType); e != nil && name != "utf-8" {
		return e, name
	}
	if e, name := guessEncoding(body); e != nil {
		return e, name
	}
	return lookup("windows-1252")
}
