package canon

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Errors returned by [URL] and [Resolve], wrapped with the offending input.
var (
	// ErrScheme means the address is not http or https (mailto:, javascript:,
	// a relative reference given to URL, ...).
	ErrScheme = errors.New("not an http or https url")
	// ErrHost means the address has no host or a host that is not a valid
	// domain name or IP address.
	ErrHost = errors.New("invalid host")
)

// hostProfile maps a host the way a browser does before a DNS lookup
// (lowercase, Unicode normalisation, punycode), but tolerates underscores,
// which real subdomains sometimes contain.
var hostProfile = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.BidiRule(),
)

// URL returns the canonical form of the absolute http or https address raw.
// It fails with an error wrapping [ErrScheme] or [ErrHost] when raw is not
// such an address, or with the parse error when raw is malformed. URL is
// idempotent: URL(URL(x)) == URL(x).
func URL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("canonicalise url: %w", err)
	}
	return canonical(u, raw)
}

// Resolve resolves ref (an href as found on the page at base) against base
// and returns the canonical form of the result. Surrounding whitespace and
// embedded tabs and newlines in ref are ignored, as browsers do. A
// non-http(s) result, such as a mailto: or javascript: link, gives an error
// wrapping [ErrScheme].
func Resolve(base, ref string) (string, error) {
	b, err := url.Parse(strings.TrimSpace(base))
	if err != nil {
		return "", fmt.Errorf("resolve against %q: %w", base, err)
	}
	if !isHTTP(b.Scheme) || b.Host == "" {
		return "", fmt.Errorf("resolve against %q: %w", base, ErrScheme)
	}
	r, err := url.Parse(cleanRef(ref))
	if err != nil {
		return "", fmt.Errorf("resolve %q: %w", ref, err)
	}
	return canonical(b.ResolveReference(r), ref)
}

// cleanRef strips what the URL standard strips from an href before parsing:
// leading and trailing spaces and control characters, and every tab and
// newline.
func cleanRef(ref string) string {
	ref = strings.TrimFunc(ref, func(r rune) bool { return r <= ' ' })
	return strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(ref)
}

func isHTTP(scheme string) bool {
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")
}

// canonical builds the canonical string from a parsed absolute URL; raw is
// the caller's input, used only in error messages.
func canonical(u *url.URL, raw string) (string, error) {
	if !isHTTP(u.Scheme) || u.Opaque != "" {
		return "", fmt.Errorf("canonicalise %q: %w", raw, ErrScheme)
	}
	scheme := strings.ToLower(u.Scheme)
	host, err := canonicalHost(u.Hostname())
	if err != nil {
		return "", fmt.Errorf("canonicalise %q: %w", raw, err)
	}
	port := u.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	var b strings.Builder
	b.WriteString(scheme)
	b.WriteString("://")
	// User information is dropped: a link that carries a password is
	// never fetched with it nor stored.
	b.WriteString(host)
	if port != "" {
		b.WriteByte(':')
		b.WriteString(port)
	}
	b.WriteString(canonicalPath(u.EscapedPath()))
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), nil
}

// canonicalHost lowercases host and converts it to ASCII. IPv6 literals come
// back in brackets; IPv4 and IPv6 addresses are printed in their standard
// form so that 127.000.000.001 style spellings cannot split a story.
func canonicalHost(host string) (string, error) {
	host = strings.TrimSuffix(host, ".")
	if host == "" {
		return "", ErrHost
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if ip.Is6() {
			return "[" + ip.WithZone("").String() + "]", nil
		}
		return ip.String(), nil
	}
	if strings.ContainsAny(host, ":[]") {
		return "", ErrHost
	}
	ascii, err := hostProfile.ToASCII(host)
	if err != nil {
		// ToASCII rejects some hosts browsers accept (a label starting with
		// a hyphen, say); a plain ASCII host is still usable lowercased.
		if !isPrintableASCII(host) {
			return "", fmt.Errorf("%w: %w", ErrHost, err)
		}
		ascii = strings.ToLower(host)
	}
	if ascii == "" || strings.HasSuffix(ascii, ".") || !isHostName(ascii) {
		return "", ErrHost
	}
	return ascii, nil
}

// isHostName reports whether s holds only what a DNS name written in ASCII
// may: letters, digits, hyphens, dots and underscores. Unicode mapping can
// turn a character into a space or into punctuation (U+309C becomes a
// space and a combining mark) that no URL parser accepts in a host.
func isHostName(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_':
		default:
			return false
		}
	}
	return true
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
