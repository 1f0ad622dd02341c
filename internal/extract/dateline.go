package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// dateWords are the words that surround a date in a dateline ("Thứ bảy,
// 7/3/2026, 08:47 (GMT+7)", "2024年12月11日 12時05分 公開", "Updated
// March 9"): weekday and month names, labels, zone names.
var dateWords = regexp.MustCompile(`` + // matched against lowercased text
	`thứ\s*(hai|ba|tư|năm|sáu|bảy)|chủ\s*nhật|ngày|tháng|năm|giờ|cập\s*nhật|đăng\s*lúc|lúc|` +
	`(mon|tues|wednes|thurs|fri|satur|sun)day|\b(mon|tue|wed|thu|fri|sat|sun)\b|` +
	`\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|` +
	`published|updated|posted|last modified|on|at|am|pm|gmt|utc|ict|jst|` +
	`最終更新|更新日時|更新|公開日|公開|配信日時|配信|掲載|投稿日|[年月日時分秒曜]|午前|午後|[日月火水木金土]曜日?`)

// dateLine reports whether s is a dateline and nothing more: digits and
// date words, with at most a few other letters (a label, a city).
func dateLine(s string) bool {
	n := utf8.RuneCountInString(s)
	if n == 0 || n > 60 || countDigits(s) < 3 {
		return false // checked first: most short texts have no digits
	}
	lower := strings.ToLower(s)
	named := dateWords.MatchString(lower)
	rest := dateWords.ReplaceAllString(lower, " ")
	digits, letters := 0, 0
	for _, r := range rest {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	return digits >= 3 && letters <= 3 && (named || strings.ContainsAny(s, ":/.-"))
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
