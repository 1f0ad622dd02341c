package fetch

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

const ourUA = "vnjp-monitor/1.0 (+https://example.invalid/bot)"

// allowedFor parses body for userAgent and asks about rawURL, which may be
// a bare path.
func allowedFor(t *testing.T, body, userAgent, rawURL string) bool {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatalf("bad test URL %q: %v", rawURL, err)
	}
	return parseRobots([]byte(body), userAgent).allowed(robotsPath(u))
}

// TestRobotsPatterns checks how one rule's pattern matches, after the URL
// matching examples of RFC 9309 and Google's robots.txt documentation.
func TestRobotsPatterns(t *testing.T) {
	tests := []struct {
		name, pattern, path string
		match               bool
	}{
		{"RootMatchesRoot", "/", "/", true},
		{"RootMatchesAll", "/", "/a/b.html?x=1", true},
		{"StarSlashMatchesAll", "/*", "/anything", true},
		{"DollarRootOnly", "/$", "/", true},
		{"DollarRootNotPage", "/$", "/index.html", false},
		{"DollarRootNotQuery", "/$", "/?a=b", false},
		{"FishExact", "/fish", "/fish", true},
		{"FishHTML", "/fish", "/fish.html", true},
		{"FishDir", "/fish", "/fish/salmon.html", true},
		{"FishHeads", "/fish", "/fishheads/yummy.html", true},
		{"FishQuery", "/fish", "/fish.php?id=anything", true},
		{"FishCaseSensitive", "/fish", "/Fish.asp", false},
		{"FishAnchored", "/fish", "/catfish", false},
		{"FishInQuery", "/fish", "/?id=fish", false},
		{"FishDeeper", "/fish", "/desert/fish", false},
		{"FishStarSameAsFish", "/fish*", "/fishheads", true},
		{"FishStarAnchored", "/fish*", "/catfish", false},
		{"FishSlashDir", "/fish/", "/fish/", true},
		{"FishSlashQuery", "/fish/", "/fish/?id=anything", true},
		{"FishSlashPage", "/fish/", "/fish/salmon.htm", true},
		{"FishSlashNotFish", "/fish/", "/fish", false},
		{"FishSlashNotHTML", "/fish/", "/fish.html", false},
		{"FishSlashNotDeeper", "/fish/", "/animals/fish/", false},
		{"PHPAnywhere", "/*.php", "/index.php", true},
		{"PHPFolder", "/*.php", "/folder/filename.php", true},
		{"PHPQuery", "/*.php", "/folder/filename.php?parameters", true},
		{"PHPMiddle", "/*.php", "/folder/any.php.file.html", true},
		{"PHPSlash", "/*.php", "/filename.php/", true},
		{"PHPNotRoot", "/*.php", "/", false},
		{"PHPCaseSensitive", "/*.php", "/windows.PHP", false},
		{"PHPEnd", "/*.php$", "/folder/filename.php", true},
		{"PHPEndNotQuery", "/*.php$", "/filename.php?parameters", false},
		{"PHPEndNotSlash", "/*.php$", "/filename.php/", false},
		{"PHPEndNotPHP5", "/*.php$", "/filename.php5", false},
		{"FishStarPHP", "/fish*.php", "/fish.php", true},
		{"FishStarPHPDeep", "/fish*.php", "/fishheads/catfish.php?parameters", true},
		{"FishStarPHPCase", "/fish*.php", "/Fish.PHP", false},
		{"LeadingStarGIF", "*.gif$", "/a/b.gif", true},
		{"LeadingStarGIFQuery", "*.gif$", "/a/b.gif?v=2", false},
		{"DollarMidIsLiteral", "/a$b", "/a$b", true},
		{"DollarMidNotAnchor", "/a$b", "/a", false},
		{"DoubleStar", "/a**b", "/a/x/b", true},
		{"StarDollar", "/*$", "/any/thing?x", true},
		{"StarThenLiteralLast", "/*b$", "/abab", true},
		{"StarNeedsLiteral", "/*.pdf", "/report.pd", false},
		{"QueryRule", "/*?print=", "/a.html?print=1", true},
		{"QueryRuleNoQuery", "/*?print=", "/a.html", false},
		{"SearchQuery", "/search?", "/search?q=x", true},
		{"SearchNoQuery", "/search?", "/search", false},
		{"EmptyQueryKept", "/search?", "/search?", true},
		{"NoSlashDisallowMeansRoot", "private/", "/private/a", true},
		{"FullURLQuery", "/?id=", "https://hht.example/?id=7", true},
		{"FragmentIgnored", "/a$", "https://hht.example/a#top", true},
		// RFC 9309 section 2.2.2: escapes of unreserved characters compare
		// equal to the characters; other octets compare in escaped form.
		{"UnreservedEscapeInRule", "/foo/bar/%62%61%7A", "/foo/bar/baz", true},
		{"UnreservedEscapeInURL", "/foo/bar/baz", "/foo/bar/%62%61%7a", true},
		{"TildeEscaped", "/~user/", "/%7Euser/page", true},
		{"UTF8RuleEscapedURL", "/foo/bar/ツ", "/foo/bar/%E3%83%84", true},
		{"UTF8RuleRawURL", "/foo/bar/ツ", "/foo/bar/ツ", true},
		{"EscapedRuleRawURL", "/foo/bar/%E3%83%84", "/foo/bar/ツ", true},
		{"LowerHexRule", "/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", true},
		{"VietnamesePath", "/tin-tức/", "/tin-t%E1%BB%A9c/bai-1.html", true},
		{"JapanesePath", "/ニュース/", "/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/a", true},
		{"JapaneseOtherWord", "/ニュース/", "/%E3%83%8B%E3%83%A5%E3%83%BC/a", false},
		{"SpaceInRule", "/tin tuc", "/tin%20tuc/a", true},
		{"ReservedSlashNotDecoded", "/a%2Fb", "/a/b", false},
		{"ReservedSlashEscaped", "/a%2fb", "/a%2Fb", true},
		{"UTF8Query", "/search?q=%E6%97%A5", "/search?q=日本", true},
		{"PercentLiteral", "/100%", "/100%25", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "User-agent: *\nDisallow: " + tt.pattern + "\n"
			if got := !allowedFor(t, body, ourUA, tt.path); got != tt.match {
				t.Fatalf("Disallow: %s on %s: match=%v, want %v", tt.pattern, tt.path, got, tt.match)
			}
		})
	}
}

// TestRobotsPrecedence checks that the longest matching pattern wins and
// that Allow wins a tie, whatever the order of the lines.
func TestRobotsPrecedence(t *testing.T) {
	tests := []struct {
		name, rules, path string
		allowed           bool
	}{
		{"LongerAllow", "Allow: /p\nDisallow: /", "/page", true},
		{"ShorterAllowMisses", "Allow: /p\nDisallow: /", "/other", false},
		{"TieGoesToAllow", "Allow: /folder\nDisallow: /folder", "/folder/page", true},
		{"TieGoesToAllowEitherOrder", "Disallow: /folder\nAllow: /folder", "/folder/page", true},
		{"LongerWildcardDisallow", "Allow: /page\nDisallow: /*.htm", "/page.htm", false},
		{"WildcardTie", "Allow: /page\nDisallow: /*.ph", "/page.php", true},
		{"AllowRootOnlyRoot", "Allow: /$\nDisallow: /", "/", true},
		{"AllowRootOnlyPage", "Allow: /$\nDisallow: /", "/page.htm", false},
		{"RFCLongestAllow", "Allow: /example/page/\nDisallow: /example/page/disallowed.gif", "/example/page/ok.gif", true},
		{"RFCLongestDisallow", "Allow: /example/page/\nDisallow: /example/page/disallowed.gif", "/example/page/disallowed.gif", false},
		{"LaterShorterAllowLoses", "Disallow: /private/\nAllow: /p", "/private/x", false},
		{"StarSlashBeatsSlash", "Allow: /*\nDisallow: /", "/x", true},
		{"EmptyDisallowAllowsAll", "Disallow:", "/anything", true},
		{"EmptyDisallowBesideRule", "Disallow:\nDisallow: /x", "/x/y", false},
		{"EmptyAllowChangesNothing", "Allow:\nDisallow: /x", "/x/y", false},
		{"NoRulesAllowsAll", "", "/x", true},
		{"RobotsTxtAlwaysAllowed", "Disallow: /", "/robots.txt", true},
		{"RobotsTxtNamedRule", "Disallow: /robots.txt", "/robots.txt", true},
		{"OtherTxtDisallowed", "Disallow: /", "/robots.txt.bak", false},
		{"LengthOfNormalisedPattern", "Allow: /%7Ea\nDisallow: /~a", "/~a/b", true},
		{"UTF8LengthInOctets", "Allow: /ツ\nDisallow: /%E3%83", "/ツ/x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "User-agent: *\n" + tt.rules + "\n"
			if got := allowedFor(t, body, ourUA, tt.path); got != tt.allowed {
				t.Fatalf("%q on %s: allowed=%v, want %v", tt.rules, tt.path, got, tt.allowed)
			}
		})
	}
}

// rfcExample is the example file of RFC 9309 section 5.1, in our words.
const rfcExample = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF
`

// TestRobotsGroups checks which group of rules applies to which agent.
func TestRobotsGroups(t *testing.T) {
	tests := []struct {
		name, body, ua, path string
		allowed              bool
	}{
		{"RFCFoobotPage", rfcExample, "foobot/2.1", "/example/page.html", true},
		{"RFCFoobotGIF", rfcExample, "foobot/2.1", "/example/allowed.gif", true},
		{"RFCFoobotOther", rfcExample, "foobot/2.1", "/publications/a", false},
		{"RFCBarbotPage", rfcExample, "barbot/1", "/example/page.html", false},
		{"RFCBarbotOther", rfcExample, "barbot/1", "/example/other.gif", true},
		{"RFCBazbotSharesGroup", rfcExample, "BazBot/1", "/example/page.html", false},
		{"RFCQuxbotEmptyGroup", rfcExample, "quxbot", "/example/page.html", true},
		{"RFCOtherGIF", rfcExample, ourUA, "/pics/a.gif", false},
		{"RFCOtherExample", rfcExample, ourUA, "/example/x", false},
		{"RFCOtherPublications", rfcExample, ourUA, "/publications/x", true},
		{"RFCOtherRoot", rfcExample, ourUA, "/", true},
		{"OwnGroupBeatsStar", "User-agent: *\nAllow: /\n\nUser-agent: vnjp-monitor\nDisallow: /\n", ourUA, "/a", false},
		{"StarIgnoredBesideOwn", "User-agent: vnjp-monitor\nDisallow: /a\n\nUser-agent: *\nDisallow: /\n", ourUA, "/b", true},
		{"OwnEmptyGroupAllows", "User-agent: *\nDisallow: /\n\nUser-agent: vnjp-monitor\n", ourUA, "/b", true},
		{"AgentCaseInsensitive", "User-agent: VNJP-Monitor\nDisallow: /a\n", ourUA, "/a", false},
		{"AgentWithVersion", "User-agent: vnjp-monitor/2.0\nDisallow: /a\n", ourUA, "/a", false},
		{"AgentPrefixOnly", "User-agent: vnjp\nDisallow: /a\n", ourUA, "/a", true},
		{"AgentLonger", "User-agent: vnjp-monitor-beta\nDisallow: /a\n", ourUA, "/a", true},
		{"OtherAgentOnly", "User-agent: OtherBot\nDisallow: /\n", ourUA, "/a", true},
		{"MergedOwnGroups", "User-agent: vnjp-monitor\nDisallow: /a\n\nUser-agent: other\nDisallow: /b\n\nUser-agent: vnjp-monitor\nDisallow: /c\n", ourUA, "/c", false},
		{"MergedOwnGroupsFirst", "User-agent: vnjp-monitor\nDisallow: /a\n\nUser-agent: vnjp-monitor\nDisallow: /c\n", ourUA, "/a", false},
		{"MergedOwnGroupsNotOther", "User-agent: vnjp-monitor\nDisallow: /a\n\nUser-agent: other\nDisallow: /b\n", ourUA, "/b", true},
		{"MergedStarGroups", "User-agent: *\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: *\nDisallow: /c\n", ourUA, "/c", false},
		{"MergedAcrossGroupsLongest", "User-agent: vnjp-monitor\nDisallow: /a\n\nUser-agent: vnjp-monitor\nAllow: /a/ok\n", ourUA, "/a/ok/1", true},
		{"BlankLineKeepsGroup", "User-agent: vnjp-monitor\n\nUser-agent: *\nDisallow: /x\n", ourUA, "/x", false},
		{"SitemapKeepsGroup", "User-agent: vnjp-monitor\nSitemap: https://hht.example/s.xml\nUser-agent: other\nDisallow: /x\n", ourUA, "/x", false},
		{"RuleEndsGroup", "User-agent: vnjp-monitor\nDisallow: /a\nUser-agent: other\nDisallow: /x\n", ourUA, "/x", true},
		{"SharedOwnAndStar", "User-agent: vnjp-monitor\nUser-agent: *\nDisallow: /x\n", "otherbot", "/x", false},
		{"StarWithComment", "User-agent: * # everyone\nDisallow: /x\n", ourUA, "/x", false},
		{"StarPrefixNotStar", "User-agent: *bot\nDisallow: /x\n", ourUA, "/x", true},
		{"OrphanRulesForAll", "Disallow: /x\nUser-agent: other\nDisallow: /\n", ourUA, "/x", false},
		{"OrphanRulesNotForOwn", "Disallow: /x\nUser-agent: vnjp-monitor\nDisallow: /y\n", ourUA, "/x", true},
		{"OrphanRulesDoNotJoinNext", "Disallow: /x\nUser-agent: other\nDisallow: /\n", ourUA, "/y", true},
		// Only a rule ends a group: a "*" group holding nothing but a
		// Crawl-delay takes in the next user-agent line and its rules.
		{"DelayOnlyGroupAbsorbsNext", "User-agent: *\nCrawl-delay: 9\n\nUser-agent: otherbot\nDisallow: /\n", ourUA, "/a", false},
		{"UserAgentWithoutSlash", "User-agent: plainbot\nDisallow: /\n", "plainbot", "/a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := allowedFor(t, tt.body, tt.ua, tt.path); got != tt.allowed {
				t.Fatalf("%s as %q: allowed=%v, want %v", tt.path, tt.ua, got, tt.allowed)
			}
		})
	}
}

// TestRobotsSyntax checks the line format: encodings of line ends, case,
// comments, white space, and lines to skip.
func TestRobotsSyntax(t *testing.T) {
	tests := []struct {
		name, body, path string
		allowed          bool
	}{
		{"BOM", "\xef\xbb\xbfUser-agent: *\nDisallow: /x\n", "/x", false},
		{"CRLF", "User-agent: *\r\nDisallow: /x\r\nDisallow: /y\r\n", "/y", false},
		{"CROnly", "User-agent: other\rDisallow: /\rUser-agent: *\rDisallow: /x\r", "/x", false},
		{"CROnlyKeepsGroupsApart", "User-agent: other\rDisallow: /\rUser-agent: *\rDisallow: /x\r", "/y", true},
		{"NoFinalNewline", "User-agent: *\nDisallow: /x", "/x", false},
		{"CommentLine", "# Disallow: /x\nUser-agent: *\nDisallow: /y\n", "/x", true},
		{"CommentAfterValue", "User-agent: *\nDisallow: /x # not /x/y\n", "/x", false},
		{"CommentNotInPattern", "User-agent: *\nDisallow: /x#frag\n", "/xy", false},
		{"Whitespace", "  User-agent :\t*  \n\t Disallow :   /x   \n", "/x", false},
		{"NoSpaceAfterColon", "User-agent:*\nDisallow:/x\n", "/x", false},
		{"KeysAnyCase", "USER-AGENT: *\nDISALLOW: /x\n", "/x", false},
		{"AllowAnyCase", "user-agent: *\ndisallow: /\nALLOW: /x\n", "/x", true},
		{"UnknownKeySkipped", "User-agent: *\nNoindex: /x\nDisallow: /y\n", "/x", true},
		{"NoColonSkipped", "User-agent: *\nDisallow /x\n", "/x", true},
		{"SitemapSkipped", "Sitemap: https://hht.example/x\nUser-agent: *\nDisallow: /y\n", "/x", true},
		{"DisallowTypo", "User-agent: *\nDissallow: /x\n", "/x", false},
		{"HTMLPage", "<html><body>Not found</body></html>", "/x", true},
		{"ColonInValue", "User-agent: *\nDisallow: /a:b\n", "/a:b/c", false},
		{"BlankLinesEverywhere", "\n\nUser-agent: *\n\n\nDisallow: /x\n\n", "/x", false},
		{"NULBytes", "User-agent: *\nDisallow: /x\x00\n", "/x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := allowedFor(t, tt.body, ourUA, tt.path); got != tt.allowed {
				t.Fatalf("%s in %q: allowed=%v, want %v", tt.path, tt.body, got, tt.allowed)
			}
		})
	}
}

func TestRobotsCrawlDelay(t *testing.T) {
	tests := []struct {
		name, body string
		want       time.Duration
	}{
		{"None", "User-agent: *\nDisallow: /x\n", 0},
		{"Seconds", "User-agent: *\nCrawl-delay: 2\n", 2 * time.Second},
		{"Fraction", "User-agent: *\ncrawl-delay: 0.5\n", 500 * time.Millisecond},
		{"Bad", "User-agent: *\nCrawl-delay: soon\n", 0},
		{"Negative", "User-agent: *\nCrawl-delay: -3\n", 0},
		{"NaN", "User-agent: *\nCrawl-delay: NaN\n", 0},
		{"HugeCapped", "User-agent: *\nCrawl-delay: 1e300\n", maxCrawlDelay},
		{"OwnGroup", "User-agent: *\nCrawl-delay: 9\nDisallow: /a\n\nUser-agent: vnjp-monitor\nCrawl-delay: 3\nDisallow: /x\n", 3 * time.Second},
		// Only a rule ends a group, so without one both user-agent lines
		// share a group and its larger delay.
		{"GroupWithoutRules", "User-agent: *\nCrawl-delay: 9\n\nUser-agent: vnjp-monitor\nCrawl-delay: 3\nDisallow: /x\n", 9 * time.Second},
		{"OtherGroup", "User-agent: other\nCrawl-delay: 9\n", 0},
		{"LargestOfMerged", "User-agent: *\nCrawl-delay: 1\nDisallow: /a\n\nUser-agent: *\nCrawl-delay: 4\n", 4 * time.Second},
		{"DelayDoesNotEndGroup", "User-agent: *\nCrawl-delay: 5\nUser-agent: vnjp-monitor\nDisallow: /x\n", 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRobots([]byte(tt.body), ourUA).crawlDelay; got != tt.want {
				t.Fatalf("crawl delay %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNormPct(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Plain", "/a/b?c=d&e", "/a/b?c=d&e"},
		{"UnreservedDecoded", "/%41%7e%2D%5f%2e%30", "/A~-_.0"},
		{"ReservedKept", "/%2f%3F%26", "/%2F%3F%26"},
		{"OtherEscapeUpper", "/%e3%83%84", "/%E3%83%84"},
		{"UTF8Escaped", "/ツ", "/%E3%83%84"},
		{"BarePercent", "/50%", "/50%25"},
		{"BadEscape", "/%zz", "/%25zz"},
		{"ShortEscape", "/%4", "/%254"},
		{"Space", "/a b", "/a%20b"},
		{"Unsafe", "/{x}|\"", "/%7Bx%7D%7C%22"},
		{"WildcardsKept", "/*.php$", "/*.php$"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normPct(tt.in); got != tt.want {
				t.Fatalf("normPct(%q)=%q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzParseRobots checks that no robots.txt makes the parser or matcher
// panic, and that normalising is stable.
func FuzzParseRobots(f *testing.F) {
	f.Add([]byte(rfcExample), "/example/page.html")
	f.Add([]byte("\xef\xbb\xbfUser-agent: *\r\nDisallow: /*.php$\r\nAllow: /$\r\n"), "/a.php")
	f.Add([]byte("Disallow: %\nUser-agent: vnjp-monitor\nCrawl-delay: 1e400\nAllow: *$*$\n"), "/%zz?ツ")
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		rules := parseRobots(body, ourUA)
		p := normPct(path)
		if again := normPct(p); again != p {
			t.Fatalf("normPct not stable: %q -> %q -> %q", path, p, again)
		}
		if strings.ContainsFunc(p, func(r rune) bool { return r <= ' ' || r >= 0x7f }) {
			t.Fatalf("normPct(%q)=%q has unescaped octets", path, p)
		}
		rules.allowed(p)
		if rules.crawlDelay < 0 || rules.crawlDelay > maxCrawlDelay {
			t.Fatalf("crawl delay %v out of range", rules.crawlDelay)
		}
		for _, r := range rules.rules {
			robotsMatch(p, r.pattern, nil)
		}
	})
}
