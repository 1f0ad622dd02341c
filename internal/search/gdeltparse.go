package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// gdeltArticle is one record of a DOC 2.0 artlist answer.
type gdeltArticle struct {
	URL           string `json:"url"`
	Title         string `json:"title"`
	SeenDate      string `json:"seendate"`
	Domain        string `json:"domain"`
	Language      string `json:"language"`
	SourceCountry string `json:"sourcecountry"`
}

// maxGDELTRecords is the most one request returns (maxrecords=250).
const maxGDELTRecords = 250

// errMalformed marks an answer that is JSON but does not parse.
var errMalformed = errors.New("malformed gdelt answer")

// parseGDELT reads a DOC 2.0 artlist answer. An empty body or "{}" is no
// result. The API reports errors as plain text with status 200, and its
// JSON is sometimes malformed (raw control characters or quotes inside
// titles, a truncated body): plain text is an error quoting its first line;
// malformed JSON is repaired when it only holds raw control characters,
// otherwise every complete record that can be read is returned together
// with an error saying the answer was malformed.
func parseGDELT(body []byte) ([]gdeltArticle, error) {
	body = bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\ufeff")))
	if len(body) == 0 {
		return nil, nil
	}
	if body[0] != '{' {
		return nil, fmt.Errorf("gdelt answered %s", firstLine(body))
	}
	var doc struct {
		Articles []gdeltArticle `json:"articles"`
	}
	err := json.Unmarshal(body, &doc)
	if err != nil {
		if err2 := json.Unmarshal(escapeControls(body), &doc); err2 == nil {
			err = nil
		}
	}
	if err != nil {
		arts := salvageGDELT(body)
		return arts, fmt.Errorf("%w (%v), %d records read: %s", errMalformed, err, len(arts), firstLine(body))
	}
	if len(doc.Articles) > maxGDELTRecords {
		doc.Articles = doc.Articles[:maxGDELTRecords]
	}
	return doc.Articles, nil
}

// escapeControls replaces raw control characters, which JSON forbids
// inside strings, by spaces. Outside strings they are whitespace or
// errors anyway.
func escapeControls(b []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, b)
}

// gdeltField matches one "key":"value" pair of a record, value escapes
// included.
var gdeltField = regexp.MustCompile(`"(url|title|seendate|domain|language|sourcecountry)"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// gdeltRecord marks the start of a record.
var gdeltRecord = regexp.MustCompile(`"url"\s*:`)

// salvageGDELT reads records from an answer the JSON decoder refused: the
// text is cut at each "url" key, and each piece yields the fields it
// holds. A title with a stray quote comes back cut short, which is all it
// costs: the page itself gives the headline.
func salvageGDELT(body []byte) []gdeltArticle {
	s := string(body)
	starts := gdeltRecord.FindAllStringIndex(s, maxGDELTRecords+1)
	var out []gdeltArticle
	for i, st := range starts {
		if i == maxGDELTRecords {
			break
		}
		end := len(s)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		fields := make(map[string]string)
		for _, m := range gdeltField.FindAllStringSubmatch(s[st[0]:end], -1) {
			fields[m[1]] = unquoteJSON(m[2])
		}
		// The fields are plain strings now: the record's own decoder
		// fills the struct.
		var a gdeltArticle
		if b, err := json.Marshal(fields); err == nil && json.Unmarshal(b, &a) == nil && a.URL != "" {
			out = append(out, a)
		}
	}
	return out
}

// unquoteJSON decodes the escapes of a JSON string body, or returns it
// as it is when they do not decode.
func unquoteJSON(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var v string
	if json.Unmarshal([]byte(`"`+s+`"`), &v) == nil {
		return v
	}
	return s
}

// parseSeenDate reads GDELT's 20060102T150405Z; zero when unreadable.
func parseSeenDate(s string) time.Time {
	t, err := time.Parse("20060102T150405Z", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return t
}

// gdeltLangs maps the API's language names to ISO 639-1 and back.
var gdeltLangs = map[string]string{"english": "en", "vietnamese": "vi", "japanese": "ja"}

func gdeltLangName(code string) string {
	for name, c := range gdeltLangs {
		if c == code {
			return name
		}
	}
	return "english"
}
