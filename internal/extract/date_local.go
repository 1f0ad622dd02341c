package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/araddon/dateparse"
)

var (
	rxJapaneseDate = regexp.MustCompile(`(?:(\d{4})|(令和|平成)\s*(元|\d{1,2}))\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	rxJapaneseTime = regexp.MustCompile(`(午前|午後)?\s*(\d{1,2})\s*(?:時|:)\s*(?:(\d{1,2})\s*分?)?`)
	rxVietWords    = regexp.MustCompile(`(?i)(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm|,)?\s*(\d{4})`)
	rxNumericDate  = regexp.MustCompile(`(?:^|\D)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D|$)|(?:^|\D)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:\D|$)`)
	rxClock        = regexp.MustCompile(`(?i)(?:^|\D)(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})(?::(\d{2}))?(?:\s*([ap]\.?m\.?|sa|ch))?(\D|$)`)
	rxEnglishMDY   = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	rxEnglishDMY   = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	rxOffset       = regexp.MustCompile(`(?i)(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|([+-])(\d{2}):?(\d{2})\s*\)?$`)
)

// parseJapanese reads 2026年11月12日, optionally followed by a clock time
// (8時30分, 午後3時, 08:30) and era years of Reiwa and Heisei.
func parseJapanese(s string, loc *time.Location) (time.Time, bool) {
	m := rxJapaneseDate.FindStringSubmatchIndex(s)
	if m == nil {
		return time.Time{}, false
	}
	sub := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	year := atoi(sub(1))
	if era := sub(2); era != "" {
		n := 1
		if sub(3) != "元" {
			n = atoi(sub(3))
		}
		year = map[string]int{"令和": 2018, "平成": 1988}[era] + n
	}
	hour, minute := 0, 0
	rest := s[m[1]:]
	if t := rxJapaneseTime.FindStringSubmatch(rest); t != nil {
		hour, minute = atoi(t[2]), atoi(t[3])
		if t[1] == "午後" && hour < 12 {
			hour += 12
		}
	}
	return makeDate(year, atoi(sub(4)), atoi(sub(5)), hour, minute, 0, zoneOr(s, loc))
}

// parseVietnameseWords reads "ngày 12 tháng 11 năm 2026" with an optional
// clock time anywhere in the string.
func parseVietnameseWords(s string, loc *time.Location) (time.Time, bool) {
	m := rxVietWords.FindStringSubmatchIndex(s)
	if m == nil {
		return time.Time{}, false
	}
	day, month, year := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
	h, mi, sec := findClock(s[:m[0]] + " " + s[m[1]:])
	return makeDate(year, month, day, h, mi, sec, zoneOr(s, loc))
}

// parseDayFirst reads numeric dates (12/11/2026, 12-11-2026, 2026/11/12)
// with a clock time before or after them and an optional GMT offset, as in
// "Thứ hai, 12/11/2026 - 08:30 (GMT+7)" or "08:30 12/11/2026".
func parseDayFirst(s string, loc *time.Location) (time.Time, bool) {
	m := rxNumericDate.FindStringSubmatchIndex(s)
	if m == nil {
		return time.Time{}, false
	}
	var day, month, year int
	if m[2] >= 0 {
		day, month, year = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		if month > 12 && day <= 12 { // 11/30/2026 can only be month first
			day, month = month, day
		}
	} else {
		year, month, day = atoi(s[m[8]:m[9]]), atoi(s[m[10]:m[11]]), atoi(s[m[12]:m[13]])
	}
	h, mi, sec := findClock(s[:m[0]] + " " + s[m[1]:])
	return makeDate(year, month, day, h, mi, sec, zoneOr(s, loc))
}

var monthAbbr = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// parseEnglish reads month-name dates ("November 12, 2026", "12th Nov
// 2026") with a clock time and GMT offset anywhere around them, as in
// "Thursday, November 12, 2026 - 08:30".
func parseEnglish(s string, loc *time.Location) (time.Time, bool) {
	var day, month, year int
	m := rxEnglishMDY.FindStringSubmatchIndex(s)
	if m != nil {
		month, day, year = monthAbbr[strings.ToLower(s[m[2]:m[3]])], atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
	} else if m = rxEnglishDMY.FindStringSubmatchIndex(s); m != nil {
		day, month, year = atoi(s[m[2]:m[3]]), monthAbbr[strings.ToLower(s[m[4]:m[5]])], atoi(s[m[6]:m[7]])
	} else {
		return time.Time{}, false
	}
	h, mi, sec := findClock(s[:m[0]] + " " + s[m[1]:])
	return makeDate(year, month, day, h, mi, sec, zoneOr(s, loc))
}

// parseFallback hands English prose dates ("Thursday, November 12, 2026
// 3:04 PM") to dateparse, which panics on some odd inputs.
func parseFallback(s string, loc *time.Location) (t time.Time, ok bool) {
	defer func() {
		if recover() != nil {
			t, ok = time.Time{}, false
		}
	}()
	s = strings.TrimSuffix(strings.TrimSpace(strings.TrimRight(s, ".")), " ET")
	if len(s) < 8 { // a bare year or number is not a publication date
		return time.Time{}, false
	}
	t, err := dateparse.ParseIn(s, loc)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// findClock returns the first clock time in s, or midnight. A 12-hour
// clock is marked by "AM"/"PM" after it, 午前/午後 before it (Japanese) or
// "SA"/"CH" (sáng, chiều) after it (Vietnamese).
func findClock(s string) (hour, minute, second int) {
	m := rxClock.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, 0, 0
	}
	sub := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	hour, minute, second = atoi(sub(1)), atoi(sub(2)), atoi(sub(3))
	half := strings.ToLower(strings.ReplaceAll(sub(4), ".", ""))
	if (half == "sa" || half == "ch") && startsWithLetter(sub(5)) {
		half = "" // "09:05 Chủ nhật" is a weekday, not an afternoon
	}
	switch before := strings.TrimSpace(s[:m[2]]); {
	case strings.HasSuffix(before, "午後"):
		half = "pm"
	case strings.HasSuffix(before, "午前"):
		half = "am"
	}
	switch half {
	case "pm", "ch":
		if hour < 12 {
			hour += 12
		}
	case "am", "sa":
		if hour == 12 {
			hour = 0
		}
	}
	return hour, minute, second
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// zoneOr returns the offset written in s ("GMT+7", "UTC+09:00", "+0700")
// or loc.
func zoneOr(s string, loc *time.Location) *time.Location {
	m := rxOffset.FindStringSubmatch(s)
	if m == nil {
		return loc
	}
	sign, h, mi := m[1], m[2], m[3]
	if sign == "" {
		sign, h, mi = m[4], m[5], m[6]
	}
	off := atoi(h)*3600 + atoi(mi)*60
	if off > 14*3600 {
		return loc
	}
	if sign == "-" {
		off = -off
	}
	return time.FixedZone("", off)
}

// makeDate builds a time, rejecting impossible fields instead of letting
// time.Date roll 31/02 over into March.
func makeDate(year, month, day, hour, minute, second int, loc *time.Location) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, 0, loc)
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
