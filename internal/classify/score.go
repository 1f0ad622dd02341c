package classify

// Evidence thresholds of the hand-set decision (see ruleDecision): one
// strong phrase, a term in two sentences or in the title; three when no
// phrase is tied to the relationship.
const (
	assignScore     = 2
	unanchoredScore = 3
	weakCap         = 1 // the most that weak phrases add to a pillar's score
)

// pillarScore is the evidence gathered for one pillar.
type pillarScore struct {
	total float64 // decides whether the pillar is assigned
	solid bool    // some evidence is a term or a strong phrase, not only weak ones
	weak  float64 // the part of total from weak phrases, capped at weakCap
	// anchored is set when a term or strong phrase sits in the headline or
	// in a sentence naming both countries (or "the two countries").
	anchored bool
	prim     float64 // decides the primary: title and lead count more
	title    float64 // weight found in the title or slug
	enum     bool    // named in an enumeration of three fields or more
	listed   bool    // named in a list of fields of cooperation, two or more
	// sents counts the sentences with a term or strong phrase for the
	// pillar; lead is set when one of them is the headline or the lead.
	sents int
	lead  bool
	// Sentences with a term or strong phrase, by the sentence's context:
	// about the two countries (or the headline), naming one side, or
	// about a third country; strongBoth counts strong phrases among the
	// first.
	both, oneSide, third, strongBoth int
	// concrete counts the sentences, not about a third country, where a
	// term or strong phrase stands beside a word of cooperation or of an
	// outcome (agreed, signed, support): a concrete statement, as the
	// contract asks. density is the most distinct phrases it has in one
	// sentence.
	concrete, density int
	first             int // earliest sentence with a term or strong phrase; -1 if none
	hits              []scoredHit
	inSent            map[int]bool // the sentences of hits
	// marks are all its phrases that counted, by sentence, for the
	// evidence spans: a sentence's best phrase and the others beside it.
	marks []termHit
}

// scoredHit is a sentence's best phrase for a pillar, kept for evidence.
type scoredHit struct {
	sent       int
	start, end int // in the sentence's match buffer
	w          float64
	phrase     string // the phrase as configured; "" for a rule's own evidence
	weak       bool   // a weak phrase, which only tops up other evidence
}

// sentenceRule narrows the phrases of one sentence that count, applying
// a labelling convention of the contract to that sentence.
type sentenceRule struct {
	name string
	run  func(c *Classifier, d *document, si int, kept []termHit) []termHit
}

// sentenceRules run on each sentence's phrases in this order; each is
// described where it is defined. An exclusion goes first ("food
// security" is no defence), then the fields of study and workers'
// training, and regional bodies named as background.
var sentenceRules = []sentenceRule{
	{"exclusions", func(_ *Classifier, _ *document, _ int, kept []termHit) []termHit { return dropExcluded(kept) }},
	{"study-and-training", (*Classifier).subAreas},
	{"regional-background", (*Classifier).regionalBackground},
}

// evidenceRules are the rules of pillar-evidence beside the sentence
// rules, by name: two different terms of a pillar joined in a list count
// as a strong phrase (paired-terms), and a list of three fields of
// cooperation names each (enumeration).
var evidenceRules = []string{"paired-terms", "enumeration"}

// scorePillars sums each pillar's evidence over the sentences: the
// pillar-evidence stage.
func (c *Classifier) scorePillars(d *document) {
	d.scores = make([]pillarScore, len(c.pillars))
	for p := range d.scores {
		d.scores[p].first = -1
	}
	hits := d.terms
	for lo := 0; lo < len(hits); {
		hi := lo
		for hi < len(hits) && hits[hi].sent == hits[lo].sent {
			hi++
		}
		c.scoreSentence(d, hits[lo:hi])
		lo = hi
	}
}

// scoreSentence adds one sentence's best phrase per pillar, and marks the
// pillars of an enumeration.
func (c *Classifier) scoreSentence(d *document, hits []termHit) {
	si := hits[0].sent
	kept := append(make([]termHit, 0, len(hits)), hits...)
	for _, r := range sentenceRules {
		if !c.skip[r.name] {
			kept = r.run(c, d, si, kept)
		}
	}
	listing := d.hasCue(si, entCoop) && !d.hasCue(si, entStudy)
	best := bestPhrases(kept)
	runs := d.listRuns(si, solidHits(kept))
	if !c.skip["paired-terms"] {
		pairedTerms(runs, best)
	}
	wa, wp := sentWeights(d, si)
	ctx := d.v.ctx[si]
	distinct := map[int]map[string]bool{}
	for _, h := range kept {
		if h.weight >= weightTerm {
			if distinct[h.pillar] == nil {
				distinct[h.pillar] = map[string]bool{}
			}
			distinct[h.pillar][h.phrase] = true
		}
	}
	concrete := ctx >= aloneContext && (d.hasCue(si, entCoop) || d.hasCue(si, entOutcome))
	for p, ph := range distinct {
		s := &d.scores[p]
		s.density = max(s.density, len(ph))
		if concrete {
			s.concrete++
		}
	}
	for _, h := range kept {
		if _, ok := best[h.pillar]; ok {
			d.scores[h.pillar].marks = append(d.scores[h.pillar].marks, h)
		}
	}
	for p, h := range best {
		c.addEvidence(d, &d.scores[p], si, h, ctx, wa, wp)
	}
	if ctx >= aloneContext && listing && !c.skip["enumeration"] {
		d.markEnumeration(si, runs, best)
	}
}

// addEvidence adds a sentence's best phrase for one pillar to its score.
func (c *Classifier) addEvidence(d *document, s *pillarScore, si int, h termHit, ctx, wa, wp float64) {
	w := float64(h.weight) * ctx
	if h.weight < weightTerm {
		// Weak phrases top up other evidence; many of them are
		// still not evidence of a pillar.
		add := min(wa*w, weakCap-s.weak)
		s.weak += add
		w = add / wa
	}
	s.total += wa * w
	s.prim += wp * w
	solid := h.weight >= weightTerm
	s.solid = s.solid || solid
	if solid {
		switch {
		case ctx >= 1:
			s.both++
			if h.weight >= weightStrong {
				s.strongBoth++
			}
		case ctx >= aloneContext:
			s.oneSide++
		default:
			s.third++
		}
		if s.first < 0 {
			s.first = si
		}
	}
	if solid && ctx >= aloneContext {
		s.sents++
		s.lead = s.lead || d.sents[si].kind != segBody || si == d.lead
	}
	s.anchored = s.anchored || (solid && ctx >= 1)
	if k := d.sents[si].kind; k == segTitle || k == segSlug {
		s.title += w
	}
	s.addHit(scoredHit{sent: si, start: h.start, end: h.end, w: wa * w, phrase: h.phrase, weak: !solid})
}

// bestPhrases returns each pillar's heaviest phrase in a sentence.
func bestPhrases(kept []termHit) map[int]termHit {
	best := map[int]termHit{}
	for _, h := range kept {
		if b, ok := best[h.pillar]; !ok || h.weight > b.weight {
			best[h.pillar] = h
		}
	}
	return best
}

// sentWeights returns the weights of a sentence for assignment and for
// the primary: the headline says what the story is mostly about.
func sentWeights(d *document, i int) (assign, primary float64) {
	switch {
	case d.sents[i].kind == segTitle:
		return 2, 3
	case d.sents[i].kind == segSlug:
		return 1, 1.5
	case i == d.lead:
		return 1, 1.5
	}
	return 1, 1
}

// dropExcluded removes the phrases that lie inside an exclusion of their
// pillar ("security" inside "food security") and the exclusions
// themselves.
func dropExcluded(hits []termHit) []termHit {
	var excl []termHit
	for _, h := range hits {
		if h.weight < 0 {
			excl = append(excl, h)
		}
	}
	out := hits[:0]
	for _, h := range hits {
		if h.weight < 0 {
			continue
		}
		excluded := false
		for _, x := range excl {
			if x.pillar == h.pillar && x.start <= h.start && h.end <= x.end {
				excluded = true
				break
			}
		}
		if !excluded {
			out = append(out, h)
		}
	}
	return out
}

// addHit records a sentence's evidence for the pillar.
func (s *pillarScore) addHit(h scoredHit) {
	if s.inSent == nil {
		s.inSent = map[int]bool{}
	}
	s.inSent[h.sent] = true
	s.hits = append(s.hits, h)
}

// hitIn reports whether the pillar has a phrase in sentence i.
func (s *pillarScore) hitIn(i int) bool {
	return s.inSent[i]
}

// pairedTerms raises to a strong phrase the pillars named by two
// different terms joined in a list ("trade and investment", "thương mại,
// đầu tư"): the pair says as much as one strong phrase.
func pairedTerms(runs [][]termHit, best map[int]termHit) {
	for _, run := range runs {
		for i, h := range run {
			b := best[h.pillar]
			if b.weight >= weightStrong {
				continue
			}
			for _, o := range run[i+1:] {
				if o.pillar == h.pillar && o.phrase != h.phrase && o.start >= h.end {
					b.weight = weightStrong
					best[h.pillar] = b
					break
				}
			}
		}
	}
}

// solidHits returns the terms and strong phrases among hits: weak words
// are no items of a list of fields.
func solidHits(hits []termHit) []termHit {
	var out []termHit
	for _, h := range hits {
		if h.weight >= weightTerm {
			out = append(out, h)
		}
	}
	return out
}
