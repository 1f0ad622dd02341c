package classify

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/lang"
)

// Bounds on the parts of an input other than the text, which MaxRunes
// bounds: a headline or an address longer than these is not one.
const (
	maxTitleRunes = 1000
	maxURLBytes   = 2048
)

// nameHit is a recognised name in a sentence.
type nameHit struct {
	sent       int
	start, end int
	g          *nameGroup
}

// termHit is a taxonomy phrase found in a sentence.
type termHit struct {
	sent       int
	start, end int
	pillar     int
	weight     float32
	phrase     string
}

// document is an article as the pipeline works on it: each stage reads
// what the stages before it left here and adds its own part.
type document struct {
	in       Input
	extract  bool     // run every stage, as training needs
	m, slugM *matcher // the matchers of the text and of the URL slug
	lang     string
	text     string // the text classified: NFC, at most MaxRunes runes
	verbatim bool   // text is the caller's Text as given, so offsets point into it
	sents    []sentence
	low      []byte  // match buffer of title and body
	pos      []int32 // rune offset in its sentence of each byte of low
	slug     []byte  // match buffer of the URL slug, always folded
	slugPos  []int32
	names    []nameHit
	cues     []nameHit // rule cues, in sentence order
	cueStart []int     // cues of sentence i: cues[cueStart[i]:cueStart[i+1]]
	cueMask  []uint32  // entities cued in each sentence
	terms    []termHit // in sentence order, then by start
	lead     int       // index of the first body sentence, -1 if none
	strong   []bool    // by pillar: a strong phrase somewhere in the article

	sc     []sentCountries // the countries stage
	v      verdict         // the relevance stage
	scores []pillarScore   // the pillar-evidence stage
	rule   ruleDecision    // the conventions stage
	logit  []float64       // the pillars stage: presence log-odds by pillar
	chosen []int           // the pillars and primary stages: assigned pillars, primary first
	out    crawler.Classification
}

// bound cuts a string to at most n runes.
func bound(s string, n int) string {
	if len(s) <= n {
		return s // fewer bytes than n: fewer runes too
	}
	return s[:byteAt(s, n)]
}

// prepare bounds and normalises an input, splits it into sentences and
// detects its language: the pipeline's first stage.
func (c *Classifier) prepare(d *document) {
	in := d.in
	title := toNFC(strings.TrimSpace(bound(in.Title, maxTitleRunes*4)))
	title = bound(title, maxTitleRunes)
	raw := bound(in.Text, c.maxRunes)
	text := toNFC(raw)
	d.text, d.verbatim, d.lead = text, text == raw, -1
	d.lang = c.language(in.Lang, title, text)
	f := formFold
	if d.lang == "vi" && hasVietnameseMarks(title+"\n"+prefix(text, 3000)) {
		f = formLow
	}
	w := &normWriter{f: f}
	w.cased = make([]byte, 0, len(title)+len(text)+64)
	w.low = make([]byte, 0, cap(w.cased))
	w.pos = make([]int32, 0, cap(w.cased))
	if title != "" {
		d.addSentence(w, title, segTitle, 0, -1)
	}
	runeAt, byteAt := 0, 0
	splitSentences(text, func(s string, para, off int) {
		if d.lead < 0 {
			d.lead = len(d.sents)
		}
		runeAt += utf8.RuneCountInString(text[byteAt:off])
		byteAt = off
		d.addSentence(w, s, segBody, para, runeAt)
	})
	d.low, d.pos = w.low, w.pos
	d.m, d.slugM = c.matchers[matcherKey(d.lang, f)], c.matchers[d.lang]
	d.scan(d.m, w.cased, w.low, 0)
	if slug := urlSlug(prefix(in.URL, maxURLBytes)); title == "" && slug != "" {
		sw := &normWriter{f: formFold}
		d.addSentence(sw, slug, segSlug, 0, -1)
		d.slug, d.slugPos = sw.low, sw.pos
		d.scan(d.slugM, sw.cased, sw.low, len(d.sents)-1)
	}
}

// matcherOf returns the matcher that scanned sentence i.
func (d *document) matcherOf(i int) *matcher {
	if d.sents[i].kind == segSlug {
		return d.slugM
	}
	return d.m
}

// language picks the term lists for an input: the given code, or the
// detected one, falling back to English for languages without terms.
func (c *Classifier) language(given, title, text string) string {
	l := strings.ToLower(strings.TrimSpace(given))
	if i := strings.IndexAny(l, "-_"); i > 0 {
		l = l[:i] // "en-US", "ja_JP"
	}
	if l == "" {
		// The first kilobytes tell the language as well as the whole page.
		sample := title + "\n" + prefix(text, 1000)
		l = lang.Detect(sample)
		if l == "en" && looksVietnamese(sample) {
			l = "vi"
		}
	}
	if l == "zh" {
		l = "ja" // Han-only text: 越南 and 日本 are written alike
	}
	if _, ok := c.matchers[l]; !ok {
		return "en"
	}
	return l
}

func (d *document) addSentence(w *normWriter, s string, kind segKind, para, runeOff int) {
	w.begin()
	w.writeString(s)
	off := w.start
	w.end()
	d.sents = append(d.sents, sentence{text: s, kind: kind, para: para, off: off, end: len(w.low) - 1, runeOff: runeOff})
}

// scan matches the buffer and records hits, starting with sentence first.
func (d *document) scan(m *matcher, cased, low []byte, first int) {
	si := first
	m.ac.scan(low, func(id, start, end int) {
		for end > d.sents[si].end && si < len(d.sents)-1 {
			si++
		}
		for i := range m.entries[id] {
			e := &m.entries[id][i]
			if !e.accepts(cased, low, start, end) {
				continue
			}
			switch e.kind {
			case kindName:
				h := nameHit{sent: si, start: start, end: end, g: e.group}
				if e.group.ent.isCue() {
					d.cues = append(d.cues, h)
				} else {
					d.names = append(d.names, h)
				}
			default:
				w := e.weight
				if e.kind == kindExclude {
					w = -1
				}
				d.terms = append(d.terms, termHit{sent: si, start: start, end: end, pillar: e.pillar, weight: w, phrase: e.phrase})
			}
		}
	})
}

// accepts checks what the automaton cannot: capitals, word boundaries and
// katakana boundaries.
func (e *entry) accepts(cased, low []byte, start, end int) bool {
	if e.caseSens && !bytes.Equal(cased[start:end], []byte(e.cased)) {
		return false
	}
	before, _ := utf8.DecodeLastRune(low[:start])
	after, _ := utf8.DecodeRune(low[end:])
	if e.leftWord && start > 0 && isWordRune(before) {
		return false
	}
	if e.rightWord && end < len(low) && isWordRune(after) {
		return false
	}
	if e.kanaBound && ((start > 0 && isKatakana(before)) || (end < len(low) && isKatakana(after))) {
		return false
	}
	return true
}

func isKatakana(r rune) bool {
	return r >= 0x30A1 && r <= 0x30FF && r != 0x30FB // ・ separates words
}

// viSyllables are frequent Vietnamese syllables written without
// diacritics; English text rarely uses them as words.
var viSyllables = map[string]bool{
	"cua": true, "va": true, "cac": true, "nhung": true, "duoc": true, "trong": true,
	"voi": true, "nguoi": true, "khong": true, "nay": true, "cho": true, "mot": true,
	"hop": true, "tac": true, "hai": true, "nuoc": true, "ben": true, "ve": true,
	"tai": true, "nam": true, "viet": true, "nhat": true, "cong": true, "nghe": true,
	"phat": true, "trien": true, "dau": true, "tu": true, "kinh": true, "te": true,
	"quan": true, "he": true, "thu": true, "tuong": true, "truong": true, "nhan": true,
	"dan": true, "tang": true, "cuong": true, "doi": true, "ky": true, "ket": true,
	"dao": true, "tao": true, "luc": true, "chinh": true, "phu": true, "thoa": true,
	"thuan": true, "ngay": true, "tinh": true, "thanh": true, "pho": true, "dong": true,
}

// looksVietnamese spots Vietnamese typed without diacritics, which
// language detection may take for English in short texts.
func looksVietnamese(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	hits := 0
	for _, w := range words {
		if viSyllables[w] {
			hits++
		}
	}
	return len(words) >= 5 && hits*3 >= len(words)
}
