package classify

import "sort"

// index orders the hits and builds the per-sentence lookups the rules
// use, so that asking about one sentence never walks the whole article.
func (d *document) index(npillars int) {
	d.resolveNames()
	sort.SliceStable(d.cues, func(i, j int) bool { return d.cues[i].sent < d.cues[j].sent })
	d.cueStart = make([]int, len(d.sents)+1)
	d.cueMask = make([]uint32, len(d.sents))
	for _, h := range d.cues {
		d.cueStart[h.sent+1]++
		d.cueMask[h.sent] |= 1 << h.g.ent
	}
	for i := range d.sents {
		d.cueStart[i+1] += d.cueStart[i]
	}
	sort.SliceStable(d.terms, func(i, j int) bool {
		if d.terms[i].sent != d.terms[j].sent {
			return d.terms[i].sent < d.terms[j].sent
		}
		return d.terms[i].start < d.terms[j].start
	})
	d.strong = make([]bool, npillars)
	for _, h := range d.terms {
		if h.weight >= weightStrong {
			d.strong[h.pillar] = true
		}
	}
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

// sentCues returns the rule cues of sentence i.
func (d *document) sentCues(i int) []nameHit {
	return d.cues[d.cueStart[i]:d.cueStart[i+1]]
}

// hasCue reports whether sentence i holds a rule cue of kind ent.
func (d *document) hasCue(i int, ent entity) bool {
	return d.cueMask[i]&(1<<ent) != 0
}

// buffer returns the match buffer that holds sentence i.
func (d *document) buffer(i int) []byte {
	if d.sents[i].kind == segSlug {
		return d.slug
	}
	return d.low
}

// positions returns the rune offsets, by byte, of the match buffer that
// holds sentence i.
func (d *document) positions(i int) []int32 {
	if d.sents[i].kind == segSlug {
		return d.slugPos
	}
	return d.pos
}

// runes maps a byte span of sentence i's match buffer to rune offsets in
// the sentence as written.
func (d *document) runes(i, start, end int) (int, int) {
	p := d.positions(i)
	if end <= start {
		return int(p[start]), int(p[start])
	}
	return int(p[start]), int(p[end-1]) + 1
}
