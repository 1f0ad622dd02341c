package fetch

import (
	"bytes"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// robotsRules are the robots.txt rules that apply to one user agent, read
// as RFC 9309 and Google's open-source parser read them. The zero value
// allows everything, as a missing robots.txt does.
type robotsRules struct {
	rules      []robotsRule
	crawlDelay time.Duration // non-standard Crawl-delay; zero when absent
}

// robotsRule is one Allow or Disallow line, its pattern normalised by
// normPct so that it compares with a normalised URL octet by octet.
type robotsRule struct {
	pattern string
	allow   bool
}

// parseRobots reads a robots.txt body and keeps the rules of the groups
// that apply to userAgent: every group naming its product token (the part
// before "/", matched case-insensitively), merged, or else every "*" group,
// merged. It never fails; lines it cannot read are skipped.
//
// As in RFC 9309 and Google's parser, consecutive user-agent lines share
// one group, blank lines do not end a group, and only a user-agent line
// after a rule starts a new one. Rules before any user-agent line are read
// as a "*" group: the RFC would ignore them, but the site plainly meant
// them for someone.
func parseRobots(body []byte, userAgent string) *robotsRules {
	p := robotsParser{token: agentToken(strings.SplitN(userAgent, "/", 2)[0])}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	for _, line := range splitLines(body) {
		key, value, ok := robotsLine(line)
		if !ok {
			continue
		}
		switch key {
		case "user-agent":
			p.agent(value)
		// Google also reads these misspellings; an extra Disallow can
		// only make us more careful.
		case "allow", "disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw":
			p.rule(value, key == "allow")
		case "crawl-delay":
			if d, ok := parseDelay(value); ok {
				p.delay = max(p.delay, d)
			}
		}
	}
	p.endGroup()
	if p.ownSeen {
		return &p.own // a group of our own, even an empty one, replaces "*"
	}
	return &p.star
}

// robotsParser is parseRobots' state between lines.
type robotsParser struct {
	token         string        // our product token, lowercased
	own, star     robotsRules   // what applies to us by name, and to "*"
	inOwn, inStar bool          // the current group names us, or "*"
	ownSeen       bool          // some group named us
	agentSeen     bool          // a user-agent line came before
	ruleSeen      bool          // the current group has a rule
	delay         time.Duration // the current group's Crawl-delay
}

func (p *robotsParser) agent(value string) {
	if p.ruleSeen {
		p.endGroup()
	}
	p.agentSeen = true
	if value == "*" || strings.HasPrefix(value, "* ") || strings.HasPrefix(value, "*\t") {
		p.inStar = true
	} else if t := agentToken(value); t != "" && t == p.token {
		p.inOwn, p.ownSeen = true, true
	}
}

func (p *robotsParser) rule(value string, allow bool) {
	if !p.agentSeen {
		p.inStar, p.agentSeen = true, true
	}
	p.ruleSeen = true
	if value == "" {
		return // an empty rule matches nothing: "Disallow:" allows all
	}
	r := robotsRule{pattern: normPct(value), allow: allow}
	if !allow && r.pattern[0] != '/' && r.pattern[0] != '*' {
		// Such a rule would never match; "/" is what was meant.
		r.pattern = "/" + r.pattern
	}
	if p.inOwn {
		p.own.rules = append(p.own.rules, r)
	}
	if p.inStar {
		p.star.rules = append(p.star.rules, r)
	}
}

// endGroup applies the group's Crawl-delay, which belongs to the whole
// group: its user-agent lines may come after it.
func (p *robotsParser) endGroup() {
	if p.inOwn {
		p.own.crawlDelay = max(p.own.crawlDelay, p.delay)
	}
	if p.inStar {
		p.star.crawlDelay = max(p.star.crawlDelay, p.delay)
	}
	p.inOwn, p.inStar, p.ruleSeen, p.delay = false, false, false, 0
}

// splitLines splits at LF, CRLF or a lone CR.
func splitLines(body []byte) []string {
	s := strings.ReplaceAll(string(body), "\r\n", "\n")
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
}

// robotsLine splits one line into a lowercased key and a value, dropping a
// comment and surrounding white space. ok is false without a colon.
func robotsLine(line string) (key, value string, ok bool) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	key, value, ok = strings.Cut(line, ":")
	if !ok {
		return "", "", false
	}
	key = strings.ToLower(strings.TrimSpace(key))
	return key, strings.TrimSpace(value), key != ""
}

// agentToken returns the product token at the start of s, lowercased: the
// leading run of letters, "-" and "_", as Google's parser takes it.
func agentToken(s string) string {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] == '-' || s[i] == '_') {
		i++
	}
	return strings.ToLower(s[:i])
}

// parseDelay reads a Crawl-delay in seconds, fractions allowed.
func parseDelay(s string) (time.Duration, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || math.IsNaN(f) {
		return 0, false
	}
	// Capped here already, so that a huge value cannot overflow.
	return time.Duration(min(f, maxCrawlDelay.Seconds()) * float64(time.Second)), true
}

// robotsPath is the part of u that rules are matched against: the escaped
// path and the query, normalised by normPct.
func robotsPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" || u.ForceQuery {
		p += "?" + u.RawQuery
	}
	return normPct(p)
}

// allowed reports whether a path from robotsPath may be fetched. The rule
// with the longest pattern that matches wins, and Allow wins a tie.
func (r *robotsRules) allowed(path string) bool {
	if path == "/robots.txt" || strings.HasPrefix(path, "/robots.txt?") {
		return true
	}
	allow, disallow := -1, -1
	buf := make([]int, 0, len(path)+1)
	for _, rule := range r.rules {
		n := len(rule.pattern)
		if rule.allow && n <= allow || !rule.allow && n <= disallow || !robotsMatch(path, rule.pattern, buf) {
			continue
		}
		if rule.allow {
			allow = n
		} else {
			disallow = n
		}
	}
	return disallow <= allow
}

// robotsMatch reports whether pattern matches path from its start, with "*"
// matching any run of octets and a final "$" matching the end. It follows
// the positions the pattern can have reached, so it takes at most
// len(path)*len(pattern) steps, without backtracking. buf is scratch space.
func robotsMatch(path, pattern string, buf []int) bool {
	pos := append(buf[:0], 0) // path offsets reachable so far, ascending
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '$' && i == len(pattern)-1:
			return pos[len(pos)-1] == len(path)
		case c == '*':
			// Every offset from the smallest reached on is now reachable.
			from := pos[0]
			pos = pos[:0]
			for p := from; p <= len(path); p++ {
				pos = append(pos, p)
			}
		default:
			next := pos[:0]
			for _, p := range pos {
				if p < len(path) && path[p] == c {
					next = append(next, p+1)
				}
			}
			if pos = next; len(pos) == 0 {
				return false
			}
		}
	}
	return true
}

// normPct brings a URL path or a rule pattern to one spelling, as RFC 9309
// asks before comparing: escapes of unreserved characters are decoded,
// other escapes get upper-case hex, and octets outside printable US-ASCII
// (and the few ASCII ones a URL may not carry raw) are escaped. "*" and "$"
// stay as they are, so patterns keep their meaning.
func normPct(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			if unreserved(d) {
				b.WriteByte(d)
			} else {
				b.WriteByte('%')
				b.WriteByte(hex[d>>4])
				b.WriteByte(hex[d&15])
			}
			i += 2
		case c <= ' ' || c >= 0x7f || c == '%' || strings.IndexByte("\"<>\\^`{|}", c) >= 0:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
