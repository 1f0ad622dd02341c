package server_test

import (
	"html"
	"net/url"
	"slices"
)

func escapeHTML(s string) string { return html.EscapeString(s) }

func urlq(s string) string { return url.QueryEscape(s) }

func sortStrings(s []string) []string {
	slices.Sort(s)
	return s
}

func equalStrings(a, b []string) bool { return len(a) == len(b) && (len(a) == 0 || slices.Equal(a, b)) }

func overlap(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
