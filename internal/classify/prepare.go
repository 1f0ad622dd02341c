package classify

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnjp-monitor/crawler/internal/lang"
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

// document is an article prepared for scoring.
type document struct {
	lang  string
	sents []sentence
	low   []byte // match buffer of title and body
	slug  []byte // match buffer of the URL slug, always folded
	names []nameHit
	cues  []nameHit // rule cues: receptions, the relationship as a whole
	terms []termHit
	lead  int // index of the first body sentence, -1 if none
}

// prepare normalises, splits and scans an input.
func (c *Classifier) prepare(in Input) *document {
	title := toNFC(strings.TrimSpace(in.Title))
	text := toNFC(in.Text)
	d := &document{lang: c.language(in.Lang, title, text), lead: -1}
	f := formFold
	if d.lang == "vi" && hasVietnameseMarks(title+"\n"+prefix(text, 3000)) {
		f = formLow
	}
	w := &normWriter{f: f}
	w.cased = make([]byte, 0, len(title)+len(text)+64)
	w.low = make([]byte, 0, cap(w.cased))
	if title != "" {
		d.addSentence(w, title, segTitle, 0)
	}
	splitSentences(text, func(s string, para int) {
		if d.lead < 0 {
			d.lead = len(d.sents)
		}
		d.addSentence(w, s, segBody, para)
	})
	d.low = w.low
	d.scan(c.matchers[matcherKey(d.lang, f)], w.cased, w.low, 0)
	if slug := urlSlug(in.URL); title == "" && slug != "" {
		sw := &normWriter{f: formFold}
		d.addSentence(sw, slug, segSlug, 0)
		d.slug = sw.low
		d.scan(c.matchers[d.lang], sw.cased, sw.low, len(d.sents)-1)
	}
	d.resolveNames()
	return d
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

func (d *document) addSentence(w *normWriter, s string, kind segKind, para int) {
	w.begin()
	w.writeString(s)
	off := w.start
	w.end()
	d.sents = append(d.sents, sentence{text: s, kind: kind, para: para, off: off, end: len(w.low) - 1})
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
				if e.group.ent >= entReception {
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

// resolveNames keeps the leftmost-longest name where names overlap, so
// "South China Sea" hides "China" and "Lào Cai" hides "Lào", then drops
// the neutral names that only served to hide others.
func (d *document) resolveNames() {
	hits := d.names
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.sent != b.sent {
			return a.sent < b.sent
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.end > b.end
	})
	kept := hits[:0]
	lastSent, lastEnd := -1, 0
	for _, h := range hits {
		if h.sent == lastSent && h.start < lastEnd {
			continue
		}
		lastSent, lastEnd = h.sent, h.end
		if h.g.ent != entNeutral {
			kept = append(kept, h)
		}
	}
	d.names = kept
}

// buffer returns the match buffer that holds sentence i.
func (d *document) buffer(i int) []byte {
	if d.sents[i].kind == segSlug {
		return d.slug
	}
	return d.low
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
