package classify

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	crawler "github.com/vnjp-monitor/crawler"
)

// Term weights: a strong phrase decides a pillar alone, a term needs a
// second sentence (or the title), a weak one only adds to other evidence.
const (
	weightStrong = 2
	weightTerm   = 1
	weightWeak   = 0.5
)

// entryKind says what a matched pattern is evidence of.
type entryKind uint8

const (
	kindTerm    entryKind = iota + 1 // evidence for a pillar
	kindExclude                      // a phrase that cancels a pillar's terms inside it
	kindName                         // a country, place, cue or neutral name
)

// entry is one meaning of a pattern; the same text may be a term of two
// pillars and a name at once.
type entry struct {
	kind      entryKind
	pillar    int // index in Classifier.pillars (terms, excludes)
	weight    float32
	phrase    string     // as configured, for evidence
	group     *nameGroup // names
	cased     string     // the pattern with its capitals, checked when caseSens
	caseSens  bool
	leftWord  bool // the match must start at a word boundary
	rightWord bool // the match must end at a word boundary
	kanaBound bool
}

// matcher is the compiled taxonomy for one language in one text form.
type matcher struct {
	form    form
	ac      *automaton
	entries [][]entry // by pattern id
	// joiners and separators are the pair-joiner and list-separator
	// phrases of the language, normalised in the matcher's form.
	joiners, separators [][]byte
}

// matcherSet builds a matcher from patterns added one by one.
type matcherSet struct {
	form    form
	ids     map[string]int
	keys    []string
	entries [][]entry
}

func (s *matcherSet) add(cased, low string, e entry) {
	id, ok := s.ids[low]
	if !ok {
		id = len(s.keys)
		s.ids[low] = id
		s.keys = append(s.keys, low)
		s.entries = append(s.entries, nil)
	}
	e.cased = cased
	first, _ := utf8.DecodeRuneInString(low)
	last, _ := utf8.DecodeLastRuneInString(low)
	e.leftWord = isWordRune(first)
	e.rightWord = e.rightWord && isWordRune(last)
	s.entries[id] = append(s.entries[id], e)
}

func (s *matcherSet) build() *matcher {
	return &matcher{form: s.form, ac: newAutomaton(s.keys), entries: s.entries}
}

// isWordRune reports letters and digits of alphabetic scripts, where
// phrases must match whole words. Japanese and Chinese characters are not
// word runes: their phrases match anywhere.
func isWordRune(r rune) bool {
	return r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// isAcronym reports phrases such as "ODA" or "AI" that must match in
// capitals so they are not read inside ordinary words.
func isAcronym(s string) bool {
	upper := 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case 'A' <= r && r <= 'Z':
			upper++
		}
	}
	return upper > 0 && utf8.RuneCountInString(s) >= 2
}

// compile builds one matcher per language and form from the pillars and
// the vocabulary. Vietnamese gets two: with and without diacritics.
func compile(pillars []crawler.Pillar, vocab *vocabulary) (map[string]*matcher, error) {
	langs := map[string]bool{"en": true, "vi": true, "ja": true}
	for _, p := range pillars {
		for _, m := range []map[string][]string{p.Terms, p.Strong, p.Weak, p.Exclude} {
			for l := range m {
				langs[l] = true
			}
		}
	}
	out := map[string]*matcher{}
	for _, l := range slices.Sorted(maps.Keys(langs)) { // sorted: the first error is always the same
		forms := []form{formFold}
		if l == "vi" {
			forms = append(forms, formLow)
		}
		for _, f := range forms {
			m, err := compileOne(pillars, vocab, l, f)
			if err != nil {
				return nil, err
			}
			out[matcherKey(l, f)] = m
		}
	}
	return out, nil
}

func matcherKey(lang string, f form) string {
	if f == formLow {
		return lang + "+marks"
	}
	return lang
}

func compileOne(pillars []crawler.Pillar, vocab *vocabulary, lang string, f form) (*matcher, error) {
	s := &matcherSet{form: f, ids: map[string]int{}}
	for i, p := range pillars {
		lists := []struct {
			name   string
			terms  []string
			kind   entryKind
			weight float32
		}{
			{"strong", p.Strong[lang], kindTerm, weightStrong},
			{"terms", p.Terms[lang], kindTerm, weightTerm},
			{"weak", p.Weak[lang], kindTerm, weightWeak},
			{"exclude", p.Exclude[lang], kindExclude, 0},
		}
		for _, l := range lists {
			for _, t := range l.terms {
				if err := s.addTerm(t, i, l.kind, l.weight, f); err != nil {
					return nil, fmt.Errorf("pillar %q: %s term %q (%s): %w", p.ID, l.name, t, lang, err)
				}
			}
		}
	}
	for _, g := range vocab.groups {
		if g.inScope(lang) && !(g.accentOnly && f == formFold) && !(g.foldOnly && f == formLow) {
			s.addNames(g, f)
		}
	}
	m := s.build()
	for _, j := range vocab.gapPhrases(rolePairJoiner, lang, f) {
		m.joiners = append(m.joiners, []byte(j))
	}
	for _, j := range vocab.gapPhrases(roleListSeparator, lang, f) {
		m.separators = append(m.separators, []byte(j))
	}
	return m, nil
}

// addNames adds a gazetteer group's or a role's names in form f.
func (s *matcherSet) addNames(g *nameGroup, f form) {
	for _, n := range g.names {
		// A trailing "*" matches any ending, as in the taxonomy.
		prefix := strings.HasSuffix(n, "*")
		n = strings.TrimSuffix(n, "*")
		e := entry{kind: kindName, group: g, caseSens: g.caseSens, rightWord: !prefix, kanaBound: g.kanaBound}
		cased, low := normalizeTerm(n, f)
		if low == "" {
			continue
		}
		s.add(cased, low, e)
		if f == formLow && strings.ContainsAny(low, " -") {
			// A headline typed without diacritics over a text with
			// them: "Viet Nam - Nhat Ban" is no ordinary word.
			fc, fl := normalizeTerm(n, formFold)
			if fl != low {
				s.add(fc, fl, e)
			}
		}
	}
}

var (
	errEmptyTerm = errors.New("empty phrase")
	errStar      = errors.New(`"*" is allowed only at the end`)
)

func (s *matcherSet) addTerm(t string, pillar int, kind entryKind, weight float32, f form) error {
	t = strings.TrimSpace(t)
	prefix := strings.HasSuffix(t, "*")
	t = strings.TrimSuffix(t, "*")
	if strings.Contains(t, "*") {
		return errStar
	}
	cased, low := normalizeTerm(t, f)
	if low == "" {
		return errEmptyTerm
	}
	s.add(cased, low, entry{
		kind: kind, pillar: pillar, weight: weight, phrase: t,
		caseSens: isAcronym(t), rightWord: !prefix,
	})
	return nil
}

// validate checks pillar IDs before compiling.
func validate(pillars []crawler.Pillar) error {
	if len(pillars) == 0 {
		return errors.New("no pillars")
	}
	seen := map[string]bool{}
	for i, p := range pillars {
		switch {
		case strings.TrimSpace(p.ID) == "":
			return fmt.Errorf("pillar %d (%q): empty id", i+1, p.Name)
		case seen[p.ID]:
			return fmt.Errorf("pillar %q: duplicate id", p.ID)
		case countTerms(p) == 0:
			return fmt.Errorf("pillar %q: no terms in any language", p.ID)
		}
		seen[p.ID] = true
	}
	return nil
}

func countTerms(p crawler.Pillar) int {
	n := 0
	for _, m := range []map[string][]string{p.Terms, p.Strong, p.Weak} {
		for _, l := range m {
			n += len(l)
		}
	}
	return n
}
