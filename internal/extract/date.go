package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Zones assumed for dates written without an offset on Vietnamese and
// Japanese pages; neither country observes daylight saving time.
var (
	zoneVietnam = time.FixedZone("ICT", 7*3600)
	zoneJapan   = time.FixedZone("JST", 9*3600)
)

// ParseDate reads a publication date in the forms news pages use: RFC 3339
// and its relatives ("2026-01-02 15:04", "2026-01-02"), RFC 1123 and other
// English forms ("January 2, 2026 3:04 PM"), Vietnamese ("12/11/2026
// 08:30", "Thứ hai, 12/11/2026 - 08:30 (GMT+7)", "ngày 12 tháng 11 năm
// 2026"), Japanese ("2026年11月12日 8時30分", "令和8年11月12日", full-width
// digits) and Unix time in seconds or milliseconds. Numeric dates with
// slashes are read day first, as in Vietnam and most of the world, unless
// that is impossible.
//
// A date without an offset is taken as Vietnam time when the text has
// Vietnamese words, Japan time when it has Japanese date characters, and
// UTC otherwise; see [ParseDateIn] to choose the zone. It reports false
// when s holds no recognisable date.
func ParseDate(s string) (time.Time, bool) {
	return ParseDateIn(s, nil)
}

// ParseDateIn is [ParseDate] with loc as the zone for dates written without
// an offset. A nil loc means the zone hinted by the text, else UTC.
func ParseDateIn(s string, loc *time.Location) (time.Time, bool) {
	s = strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
	if s == "" || len(s) > 200 {
		return time.Time{}, false
	}
	if loc == nil {
		loc = hintedZone(s) // before the labels go: "Cập nhật" is a hint
	}
	s = trimDateLabel(s)
	for _, p := range dateParsers {
		if t, ok := p(s, loc); ok && plausibleYear(t) {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateParsers are tried in order; strict machine formats come first so
// that the looser pattern matchers never see them.
var dateParsers = []func(string, *time.Location) (time.Time, bool){
	parseUnix, parseLayouts, parseJapanese, parseVietnameseWords,
	parseDayFirst, parseEnglish, parseFallback,
}

func plausibleYear(t time.Time) bool {
	return t.Year() >= 1970 && t.Year() <= 2200
}

// trimDateLabel drops the labels sites put before a date.
func trimDateLabel(s string) string {
	for _, p := range dateLabels {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return strings.TrimSpace(s[len(p):])
		}
	}
	return s
}

var dateLabels = []string{
	"published:", "published on", "published", "posted on", "posted:", "posted",
	"updated:", "updated", "date:", "cập nhật:", "cập nhật", "đăng lúc", "ngày đăng:",
	"公開日:", "公開日", "更新日:", "更新日", "配信日時:", "配信",
}

var (
	rxJapaneseHint = regexp.MustCompile(`[年月日時分]|令和|平成|午前|午後`)
	rxVietHint     = regexp.MustCompile(`(?i)thứ|chủ nhật|ngày|tháng|năm|giờ|cập nhật|đăng`)
)

func hintedZone(s string) *time.Location {
	switch {
	case rxJapaneseHint.MatchString(s):
		return zoneJapan
	case rxVietHint.MatchString(s):
		return zoneVietnam
	}
	return time.UTC
}

var rxUnix = regexp.MustCompile(`^\d{9,13}$`)

// parseUnix reads Unix seconds (9-10 digits) or milliseconds (12-13
// digits), which some JSON-LD blocks and data attributes carry.
func parseUnix(s string, _ *time.Location) (time.Time, bool) {
	if !rxUnix.MatchString(s) {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	switch {
	case len(s) >= 12:
		return time.UnixMilli(n).UTC(), true
	case len(s) <= 10:
		return time.Unix(n, 0).UTC(), true
	}
	return time.Time{}, false
}

// zonedLayouts carry their own offset; localLayouts are read in loc.
var (
	zonedLayouts = []string{
		time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00",
		"2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -0700 MST",
		"2006-01-02 15:04:05 Z07:00", "2006-01-02 15:04 -0700",
		time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700",
		"Mon, 2 Jan 2006 15:04:05 MST", "Mon, 02 Jan 2006 15:04 -0700",
		"2 Jan 2006 15:04:05 -0700", time.RFC850, time.RFC822Z, time.RFC822,
		time.UnixDate, time.RubyDate,
	}
	localLayouts = []string{
		"2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05", "2006-01-02T15:04",
		"2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02 15:04",
		"2006-01-02", "2006/01/02 15:04:05", "2006/01/02 15:04", "2006/01/02",
		"2006.01.02 15:04", "2006.01.02", "20060102", time.ANSIC,
	}
)

func parseLayouts(s string, loc *time.Location) (time.Time, bool) {
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return fixUnknownZone(t, l), true
		}
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// fixUnknownZone keeps abbreviations Go does not know (time.Parse gives
// them a zero offset) from being mistaken for UTC when they are common US
// zones that news sites print.
func fixUnknownZone(t time.Time, layout string) time.Time {
	if !strings.Contains(layout, "MST") {
		return t
	}
	name, off := t.Zone()
	if off != 0 {
		return t
	}
	offsets := map[string]int{"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "JST": 9, "ICT": 7, "BST": 1, "CET": 1, "CEST": 2}
	if h, ok := offsets[name]; ok {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, h*3600))
	}
	return t
}
