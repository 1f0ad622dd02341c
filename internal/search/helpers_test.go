package search

import (
	"net/url"
	"strings"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

func crawlerQuery(q, lang string) crawler.SearchQuery { return crawler.SearchQuery{Q: q, Lang: lang} }

// decodeForm returns the f.req value of a form body, unescaped.
func decodeForm(t *testing.T, body string) string {
	t.Helper()
	v, err := url.ParseQuery(strings.TrimSpace(body))
	if err != nil {
		t.Fatal(err)
	}
	return v.Get("f.req")
}
