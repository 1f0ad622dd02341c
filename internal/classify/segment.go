package classify

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// segKind tells where a sentence came from.
type segKind uint8

const (
	segTitle segKind = iota // the headline
	segSlug                 // words of the URL path, used when there is no headline
	segBody                 // a sentence of the text
)

// sentence is one unit of scoring: the title, the URL slug or a sentence of
// the body.
type sentence struct {
	text     string // as written, NFC, for evidence
	kind     segKind
	para     int // paragraph number in the body
	off, end int // span in the match buffers
	runeOff  int // rune offset in the text classified; -1 for the title and slug
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "sr": true,
	"jr": true, "lt": true, "gen": true, "col": true, "sen": true, "rep": true,
	"gov": true, "prof": true, "no": true, "co": true, "inc": true, "ltd": true,
	"corp": true, "mt": true, "dept": true, "vol": true, "fig": true,
	"jan": true, "feb": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "lieut": true, "maj": true,
	"capt": true, "vs": true, "approx": true, "tp": true, "ths": true,
	"ts": true, "pgs": true, "gs": true,
}

// maxSentenceRunes bounds a sentence: a page without full stops (a
// table, a list, text in a script the splitter does not know) is cut into
// pieces of at most this many runes, so no rule ever works on more than
// one piece at a time and the cost stays linear in the text.
const maxSentenceRunes = 600

// splitSentences calls emit for each sentence of text with its paragraph
// number and its byte offset in text. Lines are paragraphs; sentences end
// at . ! ? and at 。！？.
func splitSentences(text string, emit func(s string, para, off int)) {
	para, off := 0, 0
	for line := range strings.SplitSeq(text, "\n") {
		lineOff := off
		off += len(line) + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		splitLine(line, func(s string, at int) { emit(s, para, lineOff+at) })
		para++
	}
}

func splitLine(line string, emit func(s string, off int)) {
	out := func(from, to int) {
		capRunes(line, from, to, func(a, b int) {
			s := line[a:b]
			lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
			if trimmed := strings.TrimSpace(s); trimmed != "" {
				emit(trimmed, a+lead)
			}
		})
	}
	start := 0
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		next := i + size
		cut := false
		switch r {
		case '。', '！', '？':
			cut = true
		case '!', '?':
			j := skipClosers(line, next)
			cut = j == len(line) || line[j] == ' '
		case '.':
			cut = sentenceDot(line, start, i)
		}
		if cut {
			j := skipClosers(line, next)
			out(start, j)
			start, i = j, j
			continue
		}
		i = next
	}
	out(start, len(line))
}

// capRunes calls emit with the pieces of s[from:to] of at most
// maxSentenceRunes runes, cut at a space when there is one in the last
// fifth of a piece.
func capRunes(s string, from, to int, emit func(from, to int)) {
	if to-from <= maxSentenceRunes {
		emit(from, to) // fewer bytes than the bound: fewer runes too
		return
	}
	for from < to {
		end, n, lastSpace := from, 0, -1
		for end < to && n < maxSentenceRunes {
			if s[end] == ' ' && n > maxSentenceRunes*4/5 {
				lastSpace = end
			}
			_, size := utf8.DecodeRuneInString(s[end:])
			end += size
			n++
		}
		if end < to && lastSpace > from {
			end = lastSpace
		}
		emit(from, end)
		from = end
	}
}

// skipClosers moves past closing quotes and brackets after a full stop.
func skipClosers(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune("\"')」』）”’", r) {
			break
		}
		i += size
	}
	return i
}

// sentenceDot decides whether the dot at s[i] ends a sentence.
func sentenceDot(s string, start, i int) bool {
	j := skipClosers(s, i+1)
	if j >= len(s) {
		return true
	}
	word := lastWord(s[start:i])
	prev, _ := utf8.DecodeLastRuneInString(s[start:i])
	next, _ := utf8.DecodeRuneInString(s[j:])
	if next == ' ' {
		if abbreviations[strings.ToLower(word)] {
			return false
		}
		if n := utf8.RuneCountInString(word); n == 1 && unicode.IsUpper(prev) {
			return false // an initial: "Nguyen V. Anh", "U.S. envoy"
		}
		after, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[j:], " "))
		return !unicode.IsLower(after)
	}
	// "in defence.Vinh said": pages that lost the space after a full stop.
	return unicode.IsUpper(next) && unicode.IsLower(prev) && utf8.RuneCountInString(word) > 2
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i+size:]
}

// urlSlug returns the words of the most wordy path segment of raw
// ("vietnam-japan-hold-defence-dialogue-4814701.html" gives "vietnam japan
// hold defence dialogue"), or "" when the path carries no headline.
func urlSlug(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	best, bestWords := "", 0
	for seg := range strings.SplitSeq(u.Path, "/") {
		if k := strings.LastIndexByte(seg, '.'); k > 0 && len(seg)-k <= 6 {
			seg = seg[:k]
		}
		words := strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' || r == '+' || r == ' ' })
		kept := words[:0]
		for _, w := range words {
			if !idLike(w) {
				kept = append(kept, w)
			}
		}
		if len(kept) > bestWords {
			best, bestWords = strings.Join(kept, " "), len(kept)
		}
	}
	if bestWords < 3 {
		return ""
	}
	return best
}

// idLike reports tokens such as "4814701" or "post1063108" that number a
// page rather than name its subject.
func idLike(w string) bool {
	digits := 0
	for _, r := range w {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 4 || digits == len(w)
}
