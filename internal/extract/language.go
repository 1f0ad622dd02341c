package extract

import (
	"strings"

	"github.com/abadojack/whatlanggo"

	"github.com/vnjp-monitor/crawler/internal/lang"
)

// langAliases maps country codes that pages wrongly put in lang attributes
// to the language they mean.
var langAliases = map[string]string{"jp": "ja", "vn": "vi", "cn": "zh", "kr": "ko"}

// scriptOf groups languages by writing system, the one thing text-based
// detection can confirm or refute about a declared language. It returns
// "" for scripts internal/lang does not tell apart from Latin (Arabic,
// Greek, Devanagari...), where a declaration cannot be checked.
func scriptOf(code string) string {
	switch code {
	case "ja", "zh", "ko", "th":
		return code
	case "ru", "uk", "bg", "sr", "mk", "be", "kk":
		return "cyrillic"
	case "ar", "fa", "ur", "he", "yi", "hi", "mr", "ne", "bn", "ta", "te", "el", "ka", "hy", "am", "km", "lo", "my", "si":
		return ""
	}
	return "latin"
}

// normLang reduces "vi-VN", "ja_JP", "EN" to a two-letter code, or "".
func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i >= 0 {
		s = s[:i]
	}
	if a, ok := langAliases[s]; ok {
		return a
	}
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return ""
	}
	return s
}

// chooseLang returns the first declared language that the text does not
// contradict, else the detected one. Templates often carry a wrong lang
// attribute (lang="en" on a Japanese page), so a declaration is kept only
// when its script matches the text's; between Latin languages, Vietnamese
// diacritics (or their absence) decide whether the page is Vietnamese.
//
// internal/lang names every Latin text that is not Vietnamese "en" (and
// counts Arabic or Greek letters as Latin); for long texts that no
// declaration calls English, a statistical detector refines that, so that
// a Portuguese page without declarations is not reported as English. The
// detector runs on those pages only: it costs more than the rest of the
// metadata together.
func chooseLang(text string, declared ...string) string {
	detected := lang.Detect(text)
	if detected == "en" && len(text) >= minHintText && !declares(declared, "en") {
		if h := normLang(latinHint(text)); h != "" && h != "vi" && (scriptOf(h) == "latin" || scriptOf(h) == "") {
			detected = h
		}
	}
	for _, d := range declared {
		if code := normLang(d); code != "" && plausibleLang(code, detected) {
			return code
		}
	}
	return detected
}

// maxHintSample bounds the text the statistical detector reads.
const maxHintSample = 4000

// latinHint is the statistical detector's guess, "" when unreliable.
func latinHint(text string) string {
	if len(text) > maxHintSample {
		text = strings.ToValidUTF8(text[:maxHintSample], "")
	}
	info := whatlanggo.Detect(text)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

func declares(declared []string, code string) bool {
	for _, d := range declared {
		if normLang(d) == code {
			return true
		}
	}
	return false
}

// minHintText is the text length (bytes) from which the statistical guess
// is reliable enough to overrule internal/lang's "en".
const minHintText = 400

func plausibleLang(code, detected string) bool {
	switch {
	case detected == "":
		return true
	case code == detected:
		return true
	case code == "vi" || detected == "vi":
		return false
	case code == "zh" && detected == "ja":
		return false // kana settle it
	case scriptOf(code) == "" || scriptOf(detected) == "":
		return true // nothing to check against
	case scriptOf(code) == "latin" && detected != "en":
		return false // a specific Latin language was recognised
	}
	return scriptOf(code) == scriptOf(detected)
}
