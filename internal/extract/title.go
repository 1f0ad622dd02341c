package extract

import (
	"net/url"
	"strings"
	"unicode"
)

// titleSeparators divide a headline from the site name in <title> and
// og:title, as in "Headline | Site" or "Site - Headline".
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", "｜", " ｜ ", "　|　", "：", " : "}

// cleanTitle strips site-name segments from either end of title. A segment
// is dropped only when it matches one of sites (names or host labels), so
// headlines that contain a dash or a colon survive intact.
func cleanTitle(title string, sites []string) string {
	title = collapseSpace(title)
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
	}
	return title
}

// matchesSite reports whether seg names the site. A trailing segment may
// extend the name ("VnExpress International" for "VnExpress"); a leading
// one must equal it, since headlines often start with a place or an
// organisation that shares words with the site's name.
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
		if s == n || (trailing && len([]rune(n)) >= 3 && strings.Contains(s, n) && len(s) <= 2*len(n)+8) {
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
// then <title>; site names are stripped. When the page's first <h1> begins
// the chosen title, the <h1> is the cleaner headline.
func chooseTitle(m *pageMeta, ld *ldInfo, fallback string, sites []string) string {
	headline := ld.headline
	if strings.HasSuffix(headline, "...") || strings.HasSuffix(headline, "…") {
		headline = "" // truncated to fit search-engine limits
	}
	raw := firstNonEmpty(headline, m.get("og:title", "twitter:title"), fallback, m.title)
	t := cleanTitle(raw, sites)
	if h := collapseSpace(m.h1); h != "" && h != t && strings.HasPrefix(t, h) && len([]rune(h)) >= 10 {
		if rest := strings.TrimSpace(t[len(h):]); rest != "" && strings.ContainsAny(rest[:1], "|-–—:·•«»｜") {
			t = h
		}
	}
	return t
}
