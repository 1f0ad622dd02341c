package extract

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleSeparators divide a headline from the site name in <title> and
// og:title, as in "Headline | Site" or "Site - Headline".
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", "｜", " ｜ ", "　|　", "：", " : "}

// cleanTitle strips site-name segments from either end of title. A segment
// is dropped only when it matches one of sites (names or host labels), so
// headlines that contain a dash or a colon survive intact.
//
// When no segment names a known site, a short last segment after a pipe
// ("Headline | Harbour Ledger") is still dropped: pipes separate site and
// section names far more often than they appear inside headlines.
func cleanTitle(title string, sites []string) string {
	title, stripped := stripSites(collapseSpace(title), sites)
	if !stripped {
		if t := dropPipeSuffix(title); t != title {
			title, _ = stripSites(t, sites) // "Headline | NHK | 国際"
		}
	}
	return title
}

// stripSites removes segments naming a site from both ends, repeatedly.
func stripSites(title string, sites []string) (string, bool) {
	stripped := false
	for changed := true; changed; {
		changed = false
		for _, sep := range titleSeparators {
			if i := strings.LastIndex(title, sep); i > 0 && matchesSite(title[i+len(sep):], sites, true) {
				title, changed = strings.TrimSpace(title[:i]), true
			}
			if i := strings.Index(title, sep); i > 0 && matchesSite(title[:i], sites, false) && i+len(sep) < len(title) {
				title, changed = strings.TrimSpace(title[i+len(sep):]), true
			}
		}
		stripped = stripped || changed
	}
	return title, stripped
}

func dropPipeSuffix(title string) string {
	for _, sep := range []string{" | ", "｜", " ｜ "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if n := utf8.RuneCountInString(tail); n > 0 && n <= 30 && len(strings.Fields(tail)) <= 4 &&
			utf8.RuneCountInString(head) > n {
			return head
		}
	}
	return title
}

// matchesSite reports whether seg names the site. A trailing segment may
// extend the name ("VnExpress International" for "VnExpress") or shorten
// it ("NHK" for "NHKニュース"); a leading one must equal it, since
// headlines often start with a place or an organisation that shares words
// with the site's name.
func matchesSite(seg string, sites []string, trailing bool) bool {
	s := squash(seg)
	if s == "" {
		return false
	}
	for _, site := range sites {
		n := squash(site)
		if n == "" {
			continue
		}
		switch {
		case s == n:
			return true
		case !trailing:
		case len([]rune(n)) >= 3 && strings.Contains(s, n) && len(s) <= 2*len(n)+8:
			return true
		case len([]rune(s)) >= 3 && strings.HasPrefix(n, s):
			return true
		}
	}
	return false
}

// squash lowercases and keeps letters and digits, so "VnExpress.net",
// "vnexpress" and "VN Express" compare equal.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hostLabels returns the distinctive labels of a URL's host:
// "www3.nhk.or.jp" gives "nhk", "e.vnexpress.net" gives "vnexpress".
func hostLabels(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return nil
	}
	var out []string
	for _, l := range strings.Split(u.Hostname(), ".") {
		switch {
		case len(l) < 3, strings.HasPrefix(l, "www"):
		case l == "com" || l == "net" || l == "org" || l == "edu" || l == "gov":
		default:
			out = append(out, l)
		}
	}
	return out
}

// chooseTitle picks the headline: JSON-LD headline, og:title, twitter:title,
// <title>, then the extractor's guess; site names are stripped. When the
// page's first <h1> is one of the title's separated segments, the <h1> is
// the cleaner headline.
func chooseTitle(m *pageMeta, ld *ldInfo, fallback string, sites []string) string {
	headline := ld.headline
	if strings.HasSuffix(headline, "...") || strings.HasSuffix(headline, "…") {
		headline = "" // truncated to fit search-engine limits
	}
	raw := firstNonEmpty(headline, m.get("og:title", "twitter:title"), m.title, fallback)
	t := titleCredits.ReplaceAllString(cleanTitle(raw, sites), "")
	if h := collapseSpace(m.h1); len([]rune(h)) >= 10 && h != t && isSegment(t, h) {
		t = h
	}
	return t
}

// isSegment reports whether h begins or ends t and is set off from the
// rest by a title separator, or follows a bracketed label ("[Video] ",
// "【動画】") that the page's own headline leaves out.
func isSegment(t, h string) bool {
	const seps = "|-–—:·•«»｜：（(【["
	if rest, ok := strings.CutPrefix(t, h); ok {
		r, _ := utf8.DecodeRuneInString(strings.TrimSpace(rest))
		return strings.ContainsRune(seps, r)
	}
	if rest, ok := strings.CutSuffix(t, h); ok {
		rest = strings.TrimSpace(rest)
		r, _ := utf8.DecodeLastRuneInString(rest)
		return strings.ContainsRune(seps, r) || bracketedLabel(rest)
	}
	return false
}

// bracketedLabel reports whether s is one short label in brackets, such
// as "[Emagazine]", "[Infographic]" or "【速報】".
func bracketedLabel(s string) bool {
	for _, p := range []string{"[]", "【】", "〔〕"} {
		open, close := string([]rune(p)[:1]), string([]rune(p)[1:])
		if inner, ok := strings.CutPrefix(s, open); ok {
			inner, ok = strings.CutSuffix(inner, close)
			return ok && inner != "" && utf8.RuneCountInString(inner) <= 20 && !strings.ContainsAny(inner, open+close)
		}
	}
	return false
}
