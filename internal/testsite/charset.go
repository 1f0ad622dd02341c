package testsite

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/unicode/norm"
)

// Legacy charsets a story page may be served in.
const (
	CharsetShiftJIS    = "Shift_JIS"
	CharsetEUCJP       = "EUC-JP"
	CharsetWindows1258 = "windows-1258"
)

// supportedCharset reports whether a story file's charset can be served.
func supportedCharset(cs string) bool {
	return cs == "" || legacyEncoding(cs) != nil
}

// legacyEncoding returns the encoding of a legacy charset name, nil for
// UTF-8 or an unknown name.
func legacyEncoding(cs string) encoding.Encoding {
	switch strings.ToLower(cs) {
	case "shift_jis":
		return japanese.ShiftJIS
	case "euc-jp":
		return japanese.EUCJP
	case "windows-1258":
		return charmap.Windows1258
	}
	return nil
}

// declaredCharset is the value of a page's <meta charset>.
func declaredCharset(cs string) string {
	if cs == "" {
		return "utf-8"
	}
	return cs
}

// encodeCharset converts a UTF-8 page to cs. Runes the charset lacks
// become numeric character references, as browsers do on form submission,
// so navigation in other scripts survives.
func encodeCharset(page []byte, cs string) ([]byte, error) {
	enc := legacyEncoding(cs)
	if enc == nil {
		return page, nil
	}
	if strings.EqualFold(cs, CharsetWindows1258) {
		page = []byte(windows1258Form(string(page)))
	}
	out, err := encoding.HTMLEscapeUnsupported(enc.NewEncoder()).Bytes(page)
	if err != nil {
		return nil, fmt.Errorf("encode page as %s: %w", cs, err)
	}
	return out, nil
}

// windows1258Letters are the precomposed letters windows-1258 has for
// Vietnamese: the vowel with its modifier, keyed by base and mark.
var windows1258Letters = map[[2]rune]rune{
	{'a', 0x302}: 'â', {'A', 0x302}: 'Â', {'e', 0x302}: 'ê', {'E', 0x302}: 'Ê',
	{'o', 0x302}: 'ô', {'O', 0x302}: 'Ô', {'a', 0x306}: 'ă', {'A', 0x306}: 'Ă',
	{'o', 0x31B}: 'ơ', {'O', 0x31B}: 'Ơ', {'u', 0x31B}: 'ư', {'U', 0x31B}: 'Ư',
}

// windows1258Form rewrites NFC Vietnamese into the shape windows-1258 can
// hold: a base letter with at most its modifier precomposed (â, ơ, ư...),
// followed by the tone mark as a combining character. "ệ" becomes "ê" and
// a combining dot below. Decoders return this decomposed text; NFC
// normalisation restores the original.
func windows1258Form(s string) string {
	rs := []rune(norm.NFD.String(s))
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); {
		base := rs[i]
		j := i + 1
		for j < len(rs) && unicode.Is(unicode.Mn, rs[j]) {
			j++
		}
		marks := rs[i+1 : j]
		composedAt := -1
		for k, m := range marks {
			if c, ok := windows1258Letters[[2]rune{base, m}]; ok {
				base, composedAt = c, k
				break
			}
		}
		out = append(out, base)
		for k, m := range marks {
			if k != composedAt {
				out = append(out, m)
			}
		}
		i = j
	}
	return string(out)
}
