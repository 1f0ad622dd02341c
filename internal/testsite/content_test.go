package testsite

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vnjp-monitor/crawler"
)

func TestStoriesGroundTruth(t *testing.T) {
	entries, err := loadEntries()
	if err != nil {
		t.Fatalf("loadEntries: %v", err)
	}
	perLang := map[string]int{}
	primaries := map[string]int{}
	negatives, multi, disallowed := 0, 0, 0
	for _, e := range entries {
		if e.Disallowed {
			disallowed++
			continue // unreachable for a polite crawler: does not count
		}
		perLang[e.Lang]++
		if !e.Relevant {
			negatives++
			continue
		}
		primaries[e.Primary]++
		if len(e.Pillars) > 1 {
			multi++
		}
	}
	if got, want := len(entries)-disallowed, 28; got < want {
		t.Errorf("public stories = %d, want at least %d", got, want)
	}
	for _, lang := range []string{"en", "vi", "ja"} {
		if got := perLang[lang]; got < 6 {
			t.Errorf("%s stories = %d, want at least 6", lang, got)
		}
	}
	for _, id := range crawler.DefaultPillarIDs {
		if primaries[id] == 0 {
			t.Errorf("pillar %s is the primary of no public story", id)
		}
	}
	if negatives < 8 {
		t.Errorf("negatives = %d, want at least 8", negatives)
	}
	if multi < 4 {
		t.Errorf("multi-pillar stories = %d, want at least 4", multi)
	}
	if disallowed != 1 {
		t.Errorf("disallowed stories = %d, want 1", disallowed)
	}
}

func TestStoryLength(t *testing.T) {
	entries, err := loadEntries()
	if err != nil {
		t.Fatalf("loadEntries: %v", err)
	}
	for _, e := range entries {
		t.Run(e.Slug, func(t *testing.T) {
			body := strings.Join(e.Body, "\n")
			if e.Lang == "ja" {
				// Japanese has no spaces: count characters instead, about
				// two per English word.
				if n := utf8.RuneCountInString(strings.Join(strings.Fields(body), "")); n < 500 || n > 1800 {
					t.Errorf("%d characters, want 500..1800", n)
				}
				return
			}
			if n := len(strings.Fields(body)); n < 250 || n > 600 {
				t.Errorf("%d words, want 250..600", n)
			}
			if len(e.Body) < 5 {
				t.Errorf("%d paragraphs, want at least 5", len(e.Body))
			}
		})
	}
}

// TestHardNegatives checks that the negatives the contract cares about are
// present: pairs with third countries, one-country stories, passing
// mentions.
func TestHardNegatives(t *testing.T) {
	entries, err := loadEntries()
	if err != nil {
		t.Fatalf("loadEntries: %v", err)
	}
	tests := []struct {
		name, lang string
		words      []string // all must appear in title or body
	}{
		{"viet-nam-korea-labour-fdi", "en", []string{"South Korea", "Viet Nam", "workers"}},
		{"japan-philippines-coast-guard", "en", []string{"Japan", "Philippine", "coast guard"}},
		{"bank-of-japan", "en", []string{"Bank of Japan"}},
		{"viet-nam-typhoon", "vi", []string{"Bão"}},
		{"trade-partners-list", "en", []string{"exports", "and Japan"}},
		{"china-viet-nam-railway", "en", []string{"China", "railway"}},
		{"japan-indonesia-mrt", "en", []string{"Indonesia", "MRT"}},
		{"viet-nam-korea-vi", "vi", []string{"Hàn Quốc"}},
		{"japan-thailand-ja", "ja", []string{"タイ"}},
		{"japan-only-ja", "ja", []string{"北海道", "半導体"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := slices.ContainsFunc(entries, func(e *entry) bool {
				if e.Relevant || e.Lang != tt.lang {
					return false
				}
				all := e.Title + "\n" + strings.Join(e.Body, "\n")
				for _, w := range tt.words {
					if !strings.Contains(all, w) {
						return false
					}
				}
				return true
			})
			if !found {
				t.Errorf("no %s negative containing %q", tt.lang, tt.words)
			}
		})
	}
}

func TestParseEntryErrors(t *testing.T) {
	const head = "slug: a\nlang: en\ntitle: T\nauthor: A\npublished: 2026-11-16T08:30:00+07:00\n"
	tests := map[string]string{
		"no body separator": head,
		"unknown key":       head + "colour: red\n\nText.",
		"bad date":          strings.Replace(head, "2026-11-16T08:30:00+07:00", "16/11/2026", 1) + "\nText.",
		"unknown lang":      strings.Replace(head, "lang: en", "lang: fr", 1) + "\nText.",
		"unknown pillar":    head + "relevant: true\npillars: trade\nprimary: trade\n\nText.",
		"primary not among": head + "relevant: true\npillars: labour\nprimary: health\n\nText.",
		"negative pillars":  head + "relevant: false\npillars: labour\n\nText.",
		"bad charset":       head + "charset: koi8-r\n\nText.",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := parseEntry(text); err == nil {
				t.Errorf("parseEntry succeeded, want an error")
			}
		})
	}
}

func TestSyndicatedOriginalsExist(t *testing.T) {
	entries, err := loadEntries()
	if err != nil {
		t.Fatalf("loadEntries: %v", err)
	}
	for _, c := range syndCopies {
		i := slices.IndexFunc(entries, func(e *entry) bool { return e.Slug == c.slug })
		if i < 0 {
			t.Errorf("syndicated copy %s: no story %q", c.path, c.slug)
			continue
		}
		if strings.HasPrefix(entries[i].Body[0], strings.Fields(c.dateline)[0]) {
			t.Errorf("original %s already starts with the dateline %q", c.slug, c.dateline)
		}
	}
}
