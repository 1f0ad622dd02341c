package extract

import (
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Dates without a year: Japanese pages print "12月4日 19時23分" or
// "3/9(木) 18:45" and leave the year to the URL or to the reader.
var (
	rxKanjiMonthDay = regexp.MustCompile(`(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:[（(]\s*([日月火水木金土])\s*[）)])?`)
	rxSlashMonthDay = regexp.MustCompile(`(?:^|[^\d/])(\d{1,2})/(\d{1,2})\s*(?:[（(]\s*([日月火水木金土])\s*[）)])?(?:[^\d/]|$)`)
	kanjiWeekdays   = map[string]time.Weekday{"日": time.Sunday, "月": time.Monday, "火": time.Tuesday, "水": time.Wednesday, "木": time.Thursday, "金": time.Friday, "土": time.Saturday}
)

// partialDate is a month and day with an optional weekday and clock time.
type partialDate struct {
	month, day, hour, minute int
	weekday                  time.Weekday
	hasWeekday               bool
}

// parsePartialDate reads a date written without a year. Numeric dates
// are month first in Japan and day first in Vietnam, so loc decides;
// outside those zones only the kanji form is read.
func parsePartialDate(s string, loc *time.Location) (partialDate, bool) {
	var p partialDate
	var m []string
	if m = rxKanjiMonthDay.FindStringSubmatch(s); m != nil {
		p.month, p.day = atoi(m[1]), atoi(m[2])
	} else if m = rxSlashMonthDay.FindStringSubmatch(s); m != nil && loc == zoneJapan {
		p.month, p.day = atoi(m[1]), atoi(m[2])
	} else if m != nil && loc == zoneVietnam {
		p.day, p.month = atoi(m[1]), atoi(m[2])
	} else {
		return p, false
	}
	if wd, ok := kanjiWeekdays[m[3]]; ok {
		p.weekday, p.hasWeekday = wd, true
	}
	rest := strings.Replace(s, m[0], " ", 1)
	if t := rxJapaneseTime.FindStringSubmatch(rest); t != nil && strings.ContainsAny(t[0], "時:") {
		p.hour, p.minute = atoi(t[2]), atoi(t[3])
		if t[1] == "午後" && p.hour < 12 {
			p.hour += 12
		}
	}
	return p, p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= 31
}

// resolve picks the year: the URL's when it has one (and its month, if
// any, agrees); else the latest year, not in the future, whose calendar
// puts the printed weekday on that day; else the latest such year
// regardless of weekday.
func (p partialDate) resolve(u urlDate, loc *time.Location, now time.Time) (time.Time, bool) {
	if u.year != 0 && (u.month == 0 || u.month == p.month) {
		return makeDate(u.year, p.month, p.day, p.hour, p.minute, 0, loc)
	}
	limit := now.Add(maxFuture)
	for y := now.Year() + 1; y >= now.Year()-14; y-- {
		t, ok := makeDate(y, p.month, p.day, p.hour, p.minute, 0, loc)
		if !ok || t.After(limit) || p.hasWeekday && t.Weekday() != p.weekday {
			continue
		}
		return t, true
	}
	return time.Time{}, false
}

// urlDate is the date a URL's path carries, as far as it goes.
type urlDate struct{ year, month, day int }

var (
	rxURLDate      = regexp.MustCompile(`(?:^|[/_.-])((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[^0-9]|\d{4,}|$)`)
	rxURLShortDate = regexp.MustCompile(`/(\d{2})(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/`) // /2412/04/
	rxURLYearMonth = regexp.MustCompile(`/((?:19|20)\d{2})/(0[1-9]|1[0-2])/`)
)

// parseURLDate reads /2024/12/04/, /20241204/, -20241204…, /2412/04/ and
// /2024/12/ in a URL's path.
func parseURLDate(raw string) urlDate {
	u, err := url.Parse(raw)
	if err != nil {
		return urlDate{}
	}
	path := u.EscapedPath()
	if m := rxURLDate.FindStringSubmatch(path); m != nil {
		return urlDate{atoi(m[1]), atoi(m[2]), atoi(m[3])}
	}
	if m := rxURLShortDate.FindStringSubmatch(path); m != nil {
		return urlDate{2000 + atoi(m[1]), atoi(m[2]), atoi(m[3])}
	}
	if m := rxURLYearMonth.FindStringSubmatch(path); m != nil {
		return urlDate{atoi(m[1]), atoi(m[2]), 0}
	}
	return urlDate{}
}

// time returns the URL's full date at midnight in loc.
func (u urlDate) time(loc *time.Location) (time.Time, bool) {
	if u.day == 0 {
		return time.Time{}, false
	}
	return makeDate(u.year, u.month, u.day, 0, 0, 0, loc)
}

// pageZone is the zone for dates a page prints without one: the
// country's when the host is in Japan's or Viet Nam's domain or the page
// is in their language, else nil.
func pageZone(lang, pageURL string) *time.Location {
	if u, err := url.Parse(pageURL); err == nil {
		switch host := strings.TrimSuffix(strings.ToLower(u.Hostname()), "."); {
		case strings.HasSuffix(host, ".jp"):
			return zoneJapan
		case strings.HasSuffix(host, ".vn"):
			return zoneVietnam
		}
	}
	switch lang {
	case "vi":
		return zoneVietnam
	case "ja":
		return zoneJapan
	}
	return nil
}
