package store

import (
	"encoding/binary"
	"math"

	"github.com/vnjp-monitor/crawler"
)

// meta is what the query indexes keep of an article, so that filters and
// counts never decode the article itself. Encoded (see encodeMeta):
//
//	flags(1) docnum(4) relevance(2, ×10000) lang(len+bytes)
//	npillars(1) pillars(len+bytes each) nsources(1) sources(len+bytes each)
//
// Strings longer than 255 bytes are cut; pillar IDs, languages and source
// names are far shorter.
type meta []byte

const (
	metaRelevant = 1 << 0
	metaHeader   = 7 // flags, docnum, relevance
)

func encodeMeta(a *crawler.Article, docnum uint32) meta {
	m := make([]byte, metaHeader, 64)
	if a.Relevant {
		m[0] |= metaRelevant
	}
	binary.BigEndian.PutUint32(m[1:], docnum)
	rel := math.Round(min(max(a.Relevance, 0), 1) * 10000)
	binary.BigEndian.PutUint16(m[5:], uint16(rel))
	m = appendShort(m, a.Lang)
	m = appendList(m, a.Pillars)
	return appendList(m, sourcesOf(a))
}

func appendShort(m []byte, s string) []byte {
	if len(s) > 255 {
		s = s[:255]
	}
	return append(append(m, byte(len(s))), s...)
}

func appendList(m []byte, list []string) []byte {
	n := min(len(list), 255)
	m = append(m, byte(n))
	for _, s := range list[:n] {
		m = appendShort(m, s)
	}
	return m
}

func (m meta) valid() bool    { return len(m) >= metaHeader+3 }
func (m meta) relevant() bool { return m[0]&metaRelevant != 0 }
func (m meta) docnum() uint32 { return binary.BigEndian.Uint32(m[1:]) }
func (m meta) relevance() float64 {
	return float64(binary.BigEndian.Uint16(m[5:])) / 10000
}

// fields returns the language, the pillar list and the source list as
// sub-slices of m (lists still length-prefixed); ok is false when m is
// truncated.
func (m meta) fields() (lang []byte, pillars, sources []byte, ok bool) {
	rest := []byte(m[metaHeader:])
	lang, rest, ok = cutShort(rest)
	if !ok {
		return nil, nil, nil, false
	}
	pillars, rest, ok = cutList(rest)
	if !ok {
		return nil, nil, nil, false
	}
	sources, _, ok = cutList(rest)
	return lang, pillars, sources, ok
}

func cutShort(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 1 || len(b) < 1+int(b[0]) {
		return nil, nil, false
	}
	return b[1 : 1+int(b[0])], b[1+int(b[0]):], true
}

// cutList returns the encoded list at the start of b (count byte included).
func cutList(b []byte) (list, rest []byte, ok bool) {
	if len(b) < 1 {
		return nil, nil, false
	}
	i := 1
	for range int(b[0]) {
		if i >= len(b) || i+1+int(b[i]) > len(b) {
			return nil, nil, false
		}
		i += 1 + int(b[i])
	}
	return b[:i], b[i:], true
}

// eachItem calls fn with each string of an encoded list.
func eachItem(list []byte, fn func([]byte)) {
	if len(list) == 0 {
		return
	}
	i := 1
	for range int(list[0]) {
		n := int(list[i])
		fn(list[i+1 : i+1+n])
		i += 1 + n
	}
}

// hasItem reports whether an encoded list contains s.
func hasItem(list []byte, s string) bool {
	found := false
	eachItem(list, func(b []byte) { found = found || string(b) == s })
	return found
}
