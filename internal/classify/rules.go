package classify

import crawler "github.com/vnjp-monitor/crawler"

// ruleCues are the phrases the labelling conventions of the contract
// turn on. They are structural, like country names, so they live here
// rather than in the user's taxonomy.
var ruleCues = []nameGroup{
	// A leader receiving a visitor: only the visitor's sector is labelled.
	{ent: entReception, scope: scopeEN, names: []string{
		"receives", "received", "receiving", "hosts", "courtesy call", "courtesy visit",
	}},
	{ent: entReception, scope: scopeVI, names: []string{
		"tiếp Đại sứ", "tiếp Bộ trưởng", "tiếp Thứ trưởng", "tiếp Thống đốc", "tiếp Chủ tịch",
		"tiếp Tổng giám đốc", "tiếp Giám đốc", "tiếp Phó", "tiếp Cố vấn", "tiếp Trưởng",
		"tiếp Thị trưởng", "tiếp Tỉnh trưởng", "tiếp ông", "tiếp bà", "tiếp ngài", "tiếp đoàn",
		"tiếp lãnh đạo", "tiếp cựu", "tiếp Tập đoàn", "tiếp xã giao", "tiếp Hiệu trưởng",
		"tiếp Đặc phái viên", "tiếp Tổng thư ký", "tiếp Nghị sĩ", "đã tiếp", "buổi tiếp",
	}},
	{ent: entReception, scope: scopeJA, names: []string{"表敬", "接見", "面会"}},

	// The relationship as a whole: political trust stays even in a
	// defence or sectoral story.
	{ent: entWhole, scope: scopeEN, names: []string{
		"political trust", "strategic trust", "2+2", "political relations",
		"high-level exchanges", "high-level visits", "high-level contacts", "high-level delegations",
		"exchanges of delegations", "delegation exchanges",
	}},
	{ent: entWhole, scope: scopeVI, names: []string{
		"tin cậy chính trị", "lòng tin chính trị", "tin cậy chiến lược", "2+2", "tiếp xúc cấp cao",
		"trao đổi đoàn", "chuyến thăm cấp cao", "quan hệ chính trị", "trao đổi cấp cao",
	}},
	{ent: entWhole, scope: scopeJA, names: []string{
		"政治的信頼", "戦略的信頼", "2+2", "外務・防衛", "要人往来", "ハイレベル", "首脳間",
	}},
}

// cueIn reports whether a rule cue of kind ent is in one of the first
// sentences (title, lead and the one after), where the story's event is
// told.
func (d *document) cueIn(ent entity, anywhere bool) bool {
	for _, h := range d.cues {
		if h.g.ent != ent {
			continue
		}
		if anywhere || d.sents[h.sent].kind != segBody || (d.lead >= 0 && h.sent <= d.lead+1) {
			return true
		}
	}
	return false
}

// applyConventions enforces the labelling conventions on the assigned
// set; idx maps pillar IDs of the default taxonomy to their index (absent
// IDs are skipped).
func (c *Classifier) applyConventions(d *document, v verdict, sc []sentCountries, scores []pillarScore, assigned []bool) {
	reg, hasReg := c.index[crawler.PillarRegional]
	if hasReg && v.framework && d.frameworkEvent(sc) {
		for p := range assigned {
			assigned[p] = p == reg
		}
		return
	}
	if loc, ok := c.index[crawler.PillarLocal]; ok {
		for i, s := range sc {
			if s.localVN && s.localJP && v.ctx[i] >= 1 {
				assigned[loc] = true
				scores[loc].prim += assignScore
				scores[loc].hits = append(scores[loc].hits, scoredHit{sent: i, start: d.sents[i].off, end: d.sents[i].off, w: assignScore})
			}
		}
	}
	pol, hasPol := c.index[crawler.PillarPolitical]
	if !hasPol || !assigned[pol] {
		return
	}
	top := topPillar(scores, assigned, -1)
	sectoral := d.cueIn(entReception, false)
	if def, ok := c.index[crawler.PillarDefence]; ok && top == def && scores[pol].title == 0 {
		sectoral = true
	}
	if sectoral && top != pol && !d.cueIn(entWhole, true) {
		assigned[pol] = false
	}
}

// frameworkEvent reports a Mekong–Japan or ASEAN–Japan meeting told in
// the headline (or the lead when there is none): its agenda is
// region-wide, so it is regional-multilateral only.
func (d *document) frameworkEvent(sc []sentCountries) bool {
	hasTitle := false
	for i, s := range sc {
		switch d.sents[i].kind {
		case segTitle, segSlug:
			hasTitle = true
			if s.framework {
				return true
			}
		case segBody:
			if !hasTitle && i == d.lead {
				return s.framework
			}
		}
	}
	return false
}

// topPillar returns the assigned pillar with the highest primary score,
// skipping skip; -1 when none is assigned.
func topPillar(scores []pillarScore, assigned []bool, skip int) int {
	best := -1
	for p := range scores {
		if !assigned[p] || p == skip {
			continue
		}
		if best < 0 || scores[p].prim > scores[best].prim {
			best = p
		}
	}
	return best
}
