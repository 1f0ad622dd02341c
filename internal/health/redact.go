package health

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// redacted replaces every hidden value.
const redacted = "REDACTED"

// urlPattern finds absolute URLs in free text; it stops at the quotes and
// brackets that error messages put around them.
var urlPattern = regexp.MustCompile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>`]+")

// Redact returns s with the credentials in its URLs masked: user
// information ("user:pass@") and the values of query or fragment parameters
// whose names suggest a secret (token, key, secret, password, signature,
// session, auth, ...). The rest of each URL is kept, so the message still
// says which page failed.
func Redact(s string) string {
	return urlPattern.ReplaceAllStringFunc(s, redactURL)
}

// redactURL masks one URL found by urlPattern. It works on the text rather
// than through url.Parse, so a URL too broken to parse is masked too.
func redactURL(u string) string {
	i := strings.Index(u, "://") + len("://")
	scheme, rest := u[:i], u[i:]
	authority := rest
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		authority = rest[:end]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		rest = redacted + rest[at:]
	}
	var fragment string
	if h := strings.IndexByte(rest, '#'); h >= 0 {
		rest, fragment = rest[:h], "#"+redactParams(rest[h+1:])
	}
	if q := strings.IndexByte(rest, '?'); q >= 0 {
		rest = rest[:q+1] + redactParams(rest[q+1:])
	}
	return scheme + rest + fragment
}

// redactParams masks the values of the secret-looking keys of an
// application/x-www-form-urlencoded list, keeping order and the other pairs
// byte for byte.
func redactParams(params string) string {
	pairs := strings.Split(params, "&")
	for i, pair := range pairs {
		key, _, hasValue := strings.Cut(pair, "=")
		if hasValue && secretKey(key) {
			pairs[i] = key + "=" + redacted
		}
	}
	return strings.Join(pairs, "&")
}

// Parameter names that hold credentials in common APIs: those containing
// one of secretParts, or equal to one of secretNames.
var (
	secretParts = []string{"token", "secret", "passw", "apikey", "api_key", "api-key",
		"signature", "session", "credential", "auth"}
	secretNames = []string{"key", "sig", "pwd", "pass", "jwt", "code", "sid", "ticket"}
)

// secretKey reports whether a parameter name suggests a secret value.
func secretKey(key string) bool {
	if k, err := url.QueryUnescape(key); err == nil {
		key = k
	}
	key = strings.ToLower(key)
	for _, part := range secretParts {
		if strings.Contains(key, part) {
			return true
		}
	}
	return slices.Contains(secretNames, key)
}
