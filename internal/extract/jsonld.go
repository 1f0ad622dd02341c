package extract

import (
	"encoding/json"
	"html"
	"regexp"
	"strconv"
	"strings"
)

// ldInfo is what JSON-LD (schema.org) blocks say about the article.
type ldInfo struct {
	headline      string
	published     string
	modified      string
	authors       []string
	publisher     string
	language      string
	description   string
	body          string // articleBody, used when the page's markup has no prose
	pagePublished string // from a WebPage node, used only when no article node has a date
	siteName      string // from a WebSite node
}

// parseJSONLD reads every block and keeps the first article-like node
// (NewsArticle, BlogPosting, Report, ...). Malformed blocks are skipped
// after one lenient retry, since many sites emit raw newlines or trailing
// commas.
func parseJSONLD(blocks []string) ldInfo {
	var info ldInfo
	for _, raw := range blocks {
		var v any
		if !decodeJSONLD(raw, &v) {
			continue
		}
		info.walk(v, 0)
	}
	return info
}

var (
	rxTrailingComma = regexp.MustCompile(`,\s*([}\]])`)
	rxControl       = regexp.MustCompile(`[\x00-\x1f]`)
)

func decodeJSONLD(raw string, v *any) bool {
	raw = strings.TrimSpace(raw)
	raw = strings.TrimPrefix(strings.TrimSuffix(raw, "-->"), "<!--")
	raw = strings.TrimPrefix(strings.TrimSuffix(strings.TrimSpace(raw), "]]>"), "<![CDATA[")
	if json.Unmarshal([]byte(raw), v) == nil {
		return true
	}
	// Control characters are only legal as whitespace between tokens, so
	// replacing them with spaces fixes raw newlines inside strings.
	fixed := rxControl.ReplaceAllString(raw, " ")
	fixed = rxTrailingComma.ReplaceAllString(fixed, "$1")
	return json.Unmarshal([]byte(fixed), v) == nil
}

func (info *ldInfo) walk(v any, depth int) {
	if depth > 16 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			info.walk(e, depth+1)
		}
	case map[string]any:
		info.visit(x)
		for _, key := range []string{"@graph", "mainEntity", "itemListElement"} {
			if sub, ok := x[key]; ok {
				info.walk(sub, depth+1)
			}
		}
	}
}

func (info *ldInfo) visit(obj map[string]any) {
	types := ldTypes(obj["@type"])
	switch {
	case hasArticleType(types):
		if info.headline != "" || info.published != "" {
			return // the first article node describes the page; later ones are teasers
		}
		info.headline = ldString(obj["headline"])
		if info.headline == "" {
			info.headline = ldString(obj["name"])
		}
		info.published = firstNonEmpty(ldString(obj["datePublished"]), ldString(obj["dateCreated"]))
		info.modified = ldString(obj["dateModified"])
		info.authors = ldNames(obj["author"])
		if len(info.authors) == 0 {
			info.authors = ldNames(obj["creator"])
		}
		info.publisher = firstNonEmpty(ldNames(obj["publisher"])...)
		info.language = ldString(obj["inLanguage"])
		info.description = ldString(obj["description"])
		info.body = ldString(obj["articleBody"])
	case types["WebPage"] || types["ItemPage"]:
		if info.pagePublished == "" {
			info.pagePublished = ldString(obj["datePublished"])
		}
	case types["WebSite"]:
		if info.siteName == "" {
			info.siteName = ldString(obj["name"])
		}
	}
}

func hasArticleType(types map[string]bool) bool {
	for t := range types {
		if strings.HasSuffix(t, "Article") || strings.HasSuffix(t, "Posting") || t == "Report" {
			return true
		}
	}
	return false
}

func ldTypes(v any) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		s = s[strings.LastIndexAny(s, "/:")+1:] // "http://schema.org/NewsArticle"
		out[s] = true
	}
	switch x := v.(type) {
	case string:
		add(x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok {
				add(s)
			}
		}
	}
	return out
}

// ldString returns a scalar as text; numbers (Unix times) keep all digits.
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		// Script content is raw text, so entities in JSON-LD are literal.
		return strings.TrimSpace(html.UnescapeString(x))
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	case map[string]any:
		return firstNonEmpty(ldString(x["@value"]), ldString(x["name"]))
	}
	return ""
}

// ldNames reads a Person/Organization reference: a string, an object with
// a name, or a list of either.
func ldNames(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		if s := strings.TrimSpace(x); s != "" && !looksLikeURL(s) {
			out = append(out, s)
		}
	case map[string]any:
		if s := ldString(x["name"]); s != "" && !looksLikeURL(s) {
			out = append(out, s)
		}
	case []any:
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
	}
	return out
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//")
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
