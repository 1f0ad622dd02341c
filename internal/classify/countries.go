package classify

import "bytes"

// sentCountries summarises the names found in one sentence.
type sentCountries struct {
	vn, jp    float32
	pair      bool // the two countries joined: "Viet Nam–Japan", 日越, "Việt Nam và Nhật Bản"
	framework bool // Mekong–Japan or ASEAN–Japan
	cue       bool // "two countries", hai nước, 両国
	localVN   bool // a Vietnamese province or city government
	localJP   bool // a Japanese prefecture
	// placeVN and placeJP are set for any locality, big cities included.
	placeVN, placeJP bool
	// standVN and standJP count the mentions through a stand-in (a city,
	// an agency, a company, an official) rather than the country's name.
	standVN, standJP float32
	third            map[string]float32
	thirdPair        map[string]bool // a third country joined to Viet Nam or Japan
}

func (s *sentCountries) addThird(code string, w float32) {
	if s.third == nil {
		s.third = map[string]float32{}
	}
	s.third[code] += w
}

// japanGroup stands for the Japan half of names such as 日韓.
var japanGroup = nameGroup{ent: entJP}

// countries summarises each sentence of d: the countries stage.
func (c *Classifier) countries(d *document) {
	longerList := !c.skip["longer-list"]
	out := make([]sentCountries, len(d.sents))
	for i := range d.names {
		h := &d.names[i]
		s := &out[h.sent]
		g := h.g
		switch g.ent {
		case entVN:
			s.vn += g.weight
			s.localVN = s.localVN || g.local
			s.placeVN = s.placeVN || g.local || g.city
			if g.standIn() {
				s.standVN += g.weight
			}
		case entJP:
			s.jp += g.weight
			s.localJP = s.localJP || g.local
			s.placeJP = s.placeJP || g.local || g.city
			if g.standIn() {
				s.standJP += g.weight
			}
		case entPair:
			s.vn += g.weight
			s.jp += g.weight
			s.pair = true
		case entThird:
			s.addThird(g.third, g.weight)
		case entCue:
			s.cue = true
		}
		if g.withJapan {
			s.jp += g.weight
			link(s, &japanGroup, g)
		}
		if i > 0 && d.names[i-1].sent == h.sent && d.matcherOf(h.sent).pairJoined(d, i, longerList) {
			link(s, d.names[i-1].g, g)
		}
	}
	d.sc = out
}

// pairJoined reports whether name i is joined to the name before it
// ("Viet Nam–Japan", "Việt Nam và Nhật Bản"). With longerList (the
// longer-list rule), a joiner that also separates list items ("ASEAN,
// Japan", "China, Viet Nam and Japan") joins only two names that are not
// items of a longer list.
func (m *matcher) pairJoined(d *document, i int, longerList bool) bool {
	p, h := d.names[i-1], d.names[i]
	buf := d.buffer(h.sent)
	gap := bytes.TrimSpace(buf[p.end:h.start])
	if len(gap) > 0 && !m.isJoiner(gap) {
		return false
	}
	if len(gap) == 0 || !m.isSeparator(gap) || !longerList {
		return true
	}
	if i > 1 && d.names[i-2].sent == h.sent && m.isSeparator(bytes.TrimSpace(buf[d.names[i-2].end:p.start])) {
		return false
	}
	if i+1 < len(d.names) && d.names[i+1].sent == h.sent && m.isSeparator(bytes.TrimSpace(buf[h.end:d.names[i+1].start])) {
		return false
	}
	return true
}

// isJoiner reports a gap that is exactly a pair joiner.
func (m *matcher) isJoiner(gap []byte) bool {
	for _, j := range m.joiners {
		if bytes.Equal(gap, j) {
			return true
		}
	}
	return false
}

// isSeparator reports a gap that is exactly a list separator.
func (m *matcher) isSeparator(gap []byte) bool {
	for _, j := range m.separators {
		if bytes.Equal(gap, j) {
			return true
		}
	}
	return false
}

// link records that names a and b are joined in sentence s.
func link(s *sentCountries, a, b *nameGroup) {
	ea, eb := a.ent, b.ent
	if ea == entPair {
		ea = entVN
	}
	if eb == entPair {
		eb = entVN
	}
	switch {
	case (ea == entVN && eb == entJP) || (ea == entJP && eb == entVN):
		s.pair = true
	case (ea == entRegion && eb == entJP) || (ea == entJP && eb == entRegion):
		s.framework = true
	case ea == entThird && (eb == entVN || eb == entJP):
		s.markThirdPair(a.third)
	case eb == entThird && (ea == entVN || ea == entJP):
		s.markThirdPair(b.third)
	}
}

func (s *sentCountries) markThirdPair(code string) {
	if s.thirdPair == nil {
		s.thirdPair = map[string]bool{}
	}
	s.thirdPair[code] = true
}
