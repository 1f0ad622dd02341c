package config

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	crawler "github.com/vnjp-monitor/crawler"
)

// Default endpoints of the search providers.
var defaultEndpoints = map[string]string{
	crawler.ProviderGoogleNews: "https://news.google.com",
	crawler.ProviderGDELT:      "https://api.gdeltproject.org",
}

// Limits of search sources.
const (
	// DefaultLookback is the window a gdelt source reads on its first run.
	DefaultLookback = 24 * time.Hour
	// maxLookback is what the GDELT DOC API can search: about three months.
	maxLookback = 90 * 24 * time.Hour
	// minLookback is GDELT's shortest timespan.
	minLookback = 15 * time.Minute
	maxQueries  = 50
	maxQueryLen = 500 // runes
)

// searchLangs are the languages a query may name.
var searchLangs = map[string]bool{"en": true, "vi": true, "ja": true}

// validateSearch checks the keys of kind search, and that other kinds do
// not carry them. It fills the provider's default endpoint and lookback.
func validateSearch(v *validator, key string, s *crawler.Source) {
	if s.Kind != crawler.KindSearch {
		for _, k := range []struct {
			name string
			set  bool
		}{
			{"provider", s.Provider != ""}, {"endpoint", s.Endpoint != ""},
			{"queries", len(s.Queries) > 0}, {"lookback", s.Lookback != 0},
		} {
			if k.set {
				v.fail(key+"."+k.name, "only search sources (kind: search) take %s", k.name)
			}
		}
		return
	}
	if s.URL != "" {
		v.fail(key+".url", "a search source takes endpoint (the provider's address), not url")
	}
	def, ok := defaultEndpoints[s.Provider]
	if !ok {
		v.fail(key+".provider", "unknown provider %q (use %s or %s)", s.Provider, crawler.ProviderGoogleNews, crawler.ProviderGDELT)
	}
	if s.Endpoint == "" {
		s.Endpoint = def
	} else if msg := checkEndpoint(s.Endpoint); msg != "" {
		v.fail(key+".endpoint", "%s, got %q", msg, redactURL(s.Endpoint))
	}
	s.Endpoint = strings.TrimRight(s.Endpoint, "/")
	validateQueries(v, key, s.Queries)
	switch {
	case s.Provider != crawler.ProviderGDELT && s.Lookback != 0:
		v.fail(key+".lookback", "only the gdelt provider takes lookback")
	case s.Provider == crawler.ProviderGDELT && s.Lookback == 0:
		s.Lookback = DefaultLookback
	case s.Provider == crawler.ProviderGDELT && (s.Lookback < minLookback || s.Lookback > maxLookback):
		v.fail(key+".lookback", "must be between %v and %v (what GDELT can search), got %v", minLookback, maxLookback, s.Lookback)
	}
}

// checkEndpoint returns what is wrong with a provider endpoint, or "".
func checkEndpoint(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return "must be an absolute http or https URL"
	case u.User != nil:
		return "must not carry credentials"
	case u.RawQuery != "" || u.Fragment != "":
		return "must be a base URL without query or fragment"
	}
	return ""
}

// redactURL hides the credentials of a URL quoted in a message.
func redactURL(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		return u.Redacted()
	}
	return raw
}

func validateQueries(v *validator, key string, queries []crawler.SearchQuery) {
	if len(queries) == 0 {
		v.fail(key+".queries", "a search source needs at least one query ({q: words, lang: en|vi|ja})")
	}
	if len(queries) > maxQueries {
		v.fail(key+".queries", "at most %d queries per source, got %d", maxQueries, len(queries))
	}
	seen := map[crawler.SearchQuery]bool{}
	for i := range queries {
		q := &queries[i]
		qkey := fmt.Sprintf("%s.queries[%d]", key, i)
		q.Q = strings.Join(strings.Fields(q.Q), " ")
		switch n := utf8.RuneCountInString(q.Q); {
		case n == 0:
			v.fail(qkey+".q", "must name the words to search for")
		case n > maxQueryLen:
			v.fail(qkey+".q", "at most %d characters, got %d", maxQueryLen, n)
		}
		if !searchLangs[q.Lang] {
			v.fail(qkey+".lang", "unknown language %q (use en, vi or ja)", q.Lang)
		}
		if seen[*q] {
			v.fail(qkey, "duplicate query %q in %s", q.Q, q.Lang)
		}
		seen[*q] = true
	}
}
