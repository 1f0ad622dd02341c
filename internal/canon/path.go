package canon

import "strings"

// canonicalPath normalises an escaped path: percent-encoding first, then dot
// segments, in the order RFC 3986 section 6.2.2 gives, so that "%2E%2E" is
// treated as the ".." it decodes to. An empty path becomes "/".
func canonicalPath(escaped string) string {
	p := removeDotSegments(normalizeEscapes(escaped))
	if p == "" {
		return "/"
	}
	return p
}

// removeDotSegments implements RFC 3986 section 5.2.4 on an absolute path.
// Unlike path.Clean it keeps empty segments ("//") and a trailing slash,
// which are significant to some servers.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			// out[0] is the empty segment before the leading slash; never
			// climb above it.
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	if len(out) == 1 && out[0] == "" {
		return "/"
	}
	return strings.Join(out, "/")
}

// normalizeEscapes rewrites percent-encoding to one spelling: escapes of
// unreserved characters are decoded, other escapes get upper-case hex
// digits, and bytes that may not appear raw in a URL (controls, space,
// non-ASCII, a stray "%") are escaped.
func normalizeEscapes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			if isUnreserved(d) {
				b.WriteByte(d)
			} else {
				writeEscape(&b, d)
			}
			i += 2
			continue
		}
		if mustEscape(c) {
			writeEscape(&b, c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func writeEscape(b *strings.Builder, c byte) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// mustEscape reports bytes that are never valid unescaped in a path or
// query. "%" is here because a "%" reaching this test is not followed by two
// hex digits.
func mustEscape(c byte) bool {
	if c <= ' ' || c >= 0x7f {
		return true
	}
	return strings.IndexByte("%\"<>\\^`{|}#", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
