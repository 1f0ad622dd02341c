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

// countries summarises each sentence of d.
func (d *document) countries() []sentCountries {
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
		case entJP:
			s.jp += g.weight
			s.localJP = s.localJP || g.local
			s.placeJP = s.placeJP || g.local || g.city
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
		if i > 0 {
			p := &d.names[i-1]
			if p.sent == h.sent && joined(d.buffer(h.sent)[p.end:h.start]) {
				link(s, p.g, g)
			}
		}
	}
	return out
}

// joiners are what may stand between two names that form a pair.
var joiners = [][]byte{
	{}, []byte("-"), []byte("/"), []byte(","), []byte("、"), []byte("・"), []byte("と"),
	[]byte("&"), []byte("and"), []byte("và"), []byte("va"), []byte("with"), []byte("between"),
}

func joined(gap []byte) bool {
	gap = bytes.TrimSpace(gap)
	for _, j := range joiners {
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
