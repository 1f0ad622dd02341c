package classify

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	crawler "github.com/vnjp-monitor/crawler"
)

// roleKind says how the code uses a role's phrases.
type roleKind uint8

const (
	roleCue roleKind = iota // looked for in the text, like a name
	roleTag                 // marks some of the taxonomy's own phrases
	roleGap                 // what may stand between two names or two list items
)

// role is a part that phrases play in the rules. The phrases themselves
// live in config.yaml (classifier.roles); the code asks only for roles.
type role struct {
	name string
	kind roleKind
	ent  entity // for cues
	tag  tag    // for tags
}

// tag names a role of taxonomy phrases.
type tag uint8

const (
	tagPartnershipAgreement tag = iota + 1
	tagCount
)

// Gap roles, by name.
const (
	rolePairJoiner    = "pair-joiner"
	roleListSeparator = "list-separator"
)

// roles are every role the rules need, each with at least one phrase; the
// comments of config.yaml say what each means.
var roles = []role{
	{name: "bilateral", kind: roleCue, ent: entCue},
	{name: "one-side", kind: roleCue, ent: entSide},
	{name: "talks", kind: roleCue, ent: entTalks},
	{name: "outcome", kind: roleCue, ent: entOutcome},
	{name: "leader", kind: roleCue, ent: entLeader},
	{name: "reception", kind: roleCue, ent: entReception},
	{name: "envoy", kind: roleCue, ent: entEnvoy},
	{name: "whole-relationship", kind: roleCue, ent: entWhole},
	{name: "top-level-visit", kind: roleCue, ent: entVisit},
	{name: "anniversary", kind: roleCue, ent: entAnniversary},
	{name: "marking", kind: roleCue, ent: entMarking},
	{name: "cooperation", kind: roleCue, ent: entCoop},
	{name: "study-fields", kind: roleCue, ent: entStudy},
	{name: "locality-tie", kind: roleCue, ent: entTie},
	{name: "partnership-agreement", kind: roleTag, tag: tagPartnershipAgreement},
	{name: rolePairJoiner, kind: roleGap},
	{name: roleListSeparator, kind: roleGap},
}

// vocabulary is the compiled classifier section of the configuration.
type vocabulary struct {
	groups        []*nameGroup // gazetteer and cue roles, scanned in the text
	countryNames  map[string]string
	regionMembers map[string]bool
	tags          [tagCount]map[string]bool // lowercase configured phrases
	gaps          map[string]map[string][]string
}

// compileVocabulary checks a classifier section and builds the groups the
// matchers scan for. Missing parts were filled from the shipped section
// by the caller.
func compileVocabulary(cfg crawler.ClassifierConfig) (*vocabulary, error) {
	v := &vocabulary{countryNames: cfg.Countries, regionMembers: map[string]bool{}, gaps: map[string]map[string][]string{}}
	for _, code := range cfg.RegionMembers {
		v.regionMembers[code] = true
	}
	for i, g := range cfg.Gazetteer {
		ng, err := gazetteerGroup(g, cfg.Countries)
		if err != nil {
			return nil, fmt.Errorf("classifier.gazetteer[%d]: %w", i, err)
		}
		v.groups = append(v.groups, ng)
	}
	known := map[string]bool{}
	for _, r := range roles {
		known[r.name] = true
		phrases := cfg.Roles[r.name]
		if countPhrases(phrases) == 0 {
			return nil, fmt.Errorf("classifier.roles.%s: the classifier needs at least one phrase for this role", r.name)
		}
		switch r.kind {
		case roleCue:
			for _, l := range slices.Sorted(maps.Keys(phrases)) {
				v.groups = append(v.groups, &nameGroup{ent: r.ent, langs: roleLangs(l), names: phrases[l]})
			}
		case roleTag:
			v.tags[r.tag] = map[string]bool{}
			for _, list := range phrases {
				for _, p := range list {
					v.tags[r.tag][strings.ToLower(strings.TrimSuffix(p, "*"))] = true
				}
			}
		case roleGap:
			v.gaps[r.name] = phrases
		}
	}
	for name := range cfg.Roles {
		if !known[name] {
			return nil, fmt.Errorf("classifier.roles.%s: unknown role (known: %s)", name, roleNames())
		}
	}
	return v, nil
}

func roleNames() string {
	var out []string
	for _, r := range roles {
		out = append(out, r.name)
	}
	return strings.Join(out, ", ")
}

func countPhrases(m map[string][]string) int {
	n := 0
	for _, l := range m {
		for _, p := range l {
			if strings.TrimSpace(p) != "" {
				n++
			}
		}
	}
	return n
}

// roleLangs maps a role's language key to the languages its phrases are
// looked for in: English phrases also in Japanese pages, which quote
// English names and terms; "any" in every language.
func roleLangs(key string) []string {
	switch key {
	case "any":
		return nil
	case "en":
		return []string{"en", "ja"}
	}
	return []string{key}
}

// isTagged reports whether a configured taxonomy phrase plays role t.
func (v *vocabulary) isTagged(t tag, phrase string) bool {
	return v.tags[t][strings.ToLower(phrase)]
}

// gapPhrases returns a gap role's phrases for a language, normalised in
// form f.
func (v *vocabulary) gapPhrases(name, lang string, f form) []string {
	var out []string
	for _, key := range slices.Sorted(maps.Keys(v.gaps[name])) {
		if l := roleLangs(key); l != nil && !slices.Contains(l, lang) {
			continue
		}
		for _, p := range v.gaps[name][key] {
			if _, low := normalizeTerm(p, f); low != "" {
				out = append(out, low)
			}
		}
	}
	return out
}

// countryName names a third country for explanations.
func (v *vocabulary) countryName(code string) string {
	if n := v.countryNames[code]; n != "" {
		return n
	}
	return code
}
