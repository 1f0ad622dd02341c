package server

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Bounds on what a request may ask for.
const (
	defaultLimit = 50
	maxLimit     = 500
	maxQueryLen  = 200 // runes of a search
	maxParamLen  = 200 // bytes of any other parameter
)

var langRe = regexp.MustCompile(`^[a-z]{2,3}$`)

// ParseSince reads a period back from now (90m, 24h, 7d), a date
// (2026-01-02, midnight in loc) or an RFC 3339 time.
func ParseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil && days >= 0 {
			return now.AddDate(0, 0, -days), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is neither a period (24h, 7d), a date (2026-01-02) nor an RFC 3339 time", s)
}

// filterParams reads the filters shared by the page, the feeds and the
// API: pillar, lang, source, q, since (or from), until (exclusive), to (a
// date, inclusive),
// all and min_relevance. known says whether a pillar ID exists (nil
// accepts any). Errors name the parameter.
func filterParams(v url.Values, now time.Time, loc *time.Location, known func(string) bool) (ListQuery, error) {
	var q ListQuery
	for _, k := range []string{"pillar", "lang", "source", "since", "from", "until", "to", "cursor", "all", "min_relevance", "limit"} {
		if len(v.Get(k)) > maxParamLen {
			return q, fmt.Errorf("%s: longer than %d bytes", k, maxParamLen)
		}
	}
	q.Pillar, q.Lang, q.Source = v.Get("pillar"), v.Get("lang"), v.Get("source")
	if q.Pillar != "" && known != nil && !known(q.Pillar) {
		return q, fmt.Errorf("pillar=%q: no such pillar", q.Pillar)
	}
	if q.Lang != "" && !langRe.MatchString(q.Lang) {
		return q, fmt.Errorf("lang=%q: want a two- or three-letter language code such as en, vi, ja", q.Lang)
	}
	q.Text = strings.TrimSpace(v.Get("q"))
	if utf8.RuneCountInString(q.Text) > maxQueryLen {
		return q, fmt.Errorf("q: longer than %d characters", maxQueryLen)
	}
	var err error
	if s := firstOf(v, "since", "from"); s != "" {
		if q.Since, err = ParseSince(s, now, loc); err != nil {
			return q, fmt.Errorf("since: %w", err)
		}
	}
	if s := v.Get("until"); s != "" {
		if q.Until, err = ParseSince(s, now, loc); err != nil {
			return q, fmt.Errorf("until: %w", err)
		}
	}
	if s := v.Get("to"); s != "" {
		t, err := time.ParseInLocation(time.DateOnly, s, loc)
		if err != nil {
			return q, fmt.Errorf("to=%q: want a date such as 2026-01-02", s)
		}
		q.Until = t.AddDate(0, 0, 1) // the whole day
	}
	if s := v.Get("all"); s != "" {
		if q.All, err = strconv.ParseBool(s); err != nil {
			return q, fmt.Errorf("all=%q: want 1, 0, true or false", s)
		}
	}
	if s := v.Get("min_relevance"); s != "" {
		if q.MinRelevance, err = strconv.ParseFloat(s, 64); err != nil || q.MinRelevance < 0 || q.MinRelevance > 1 {
			return q, fmt.Errorf("min_relevance=%q: want a number from 0 to 1", s)
		}
	}
	q.Cursor = v.Get("cursor")
	return q, nil
}

// limitParam reads ?limit: def when absent, at most maxLimit.
func limitParam(v url.Values, def int) (int, error) {
	s := v.Get("limit")
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("limit=%q: want a whole number from 1 to %d", s, maxLimit)
	}
	return min(n, maxLimit), nil
}

func firstOf(v url.Values, keys ...string) string {
	for _, k := range keys {
		if s := v.Get(k); s != "" {
			return s
		}
	}
	return ""
}
