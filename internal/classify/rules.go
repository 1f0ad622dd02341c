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
	{ent: entReception, scope: scopeJA, names: []string{
		"表敬", "接見", "面会", "社長と会談", "社長らと会談", "会長と会談", "会長らと会談", "CEOと会談",
		"最高経営責任者と会談", "理事長と会談", "総裁と会談", "頭取と会談",
	}},

	// Visitors whose calls are political, not sectoral.
	{ent: entEnvoy, scope: scopeEN, names: []string{
		"ambassador", "foreign minister", "minister of foreign affairs", "lawmaker*", "parliamentarian*",
		"speaker", "special envoy", "party delegation", "parliamentary delegation", "friendship parliamentary",
	}},
	{ent: entEnvoy, scope: scopeVI, names: []string{
		"Đại sứ", "Bộ trưởng Ngoại giao", "Ngoại trưởng", "Nghị sĩ", "Chủ tịch Hạ viện", "Chủ tịch Thượng viện",
		"Đặc phái viên", "Liên minh Nghị sĩ", "đoàn đại biểu Đảng",
	}},
	{ent: entEnvoy, scope: scopeJA, names: []string{"大使", "外相", "外務大臣", "議員", "議長", "特使", "議連"}},

	// Heads of government and state: talks between them are political
	// even when they are about defence.
	{ent: entLeader, scope: scopeEN, names: []string{"prime minister*", "president", "general secretary", "party chief"}},
	{ent: entLeader, scope: scopeVI, names: []string{"Thủ tướng", "Chủ tịch nước", "Tổng Bí thư"}},
	{ent: entLeader, scope: scopeJA, names: []string{"首相", "総理", "国家主席", "書記長", "大統領"}},

	// The relationship as a whole: political trust stays even in a
	// defence or sectoral story.
	{ent: entWhole, scope: scopeEN, names: []string{
		"political trust", "strategic trust", "2+2", "political relations",
		"high-level exchanges", "high-level visits", "high-level contacts", "high-level delegations",
	}},
	{ent: entWhole, scope: scopeVI, names: []string{
		"tin cậy chính trị", "lòng tin chính trị", "tin cậy chiến lược", "2+2", "tiếp xúc cấp cao",
		"chuyến thăm cấp cao", "quan hệ chính trị", "trao đổi cấp cao",
	}},
	{ent: entWhole, scope: scopeJA, names: []string{
		"政治的信頼", "戦略的信頼", "2+2", "外務・防衛", "要人往来", "ハイレベル", "首脳間",
	}},

	// A visit at the top or a summit makes the story political too.
	{ent: entVisit, scope: scopeEN, names: []string{
		"official visit", "state visit", "summit", "witnessed by", "prime ministers witnessed",
		"leaders held talks", "prime ministers held talks", "talks with prime minister",
		"talks with japanese prime minister", "talks with vietnamese prime minister",
	}},
	{ent: entVisit, scope: scopeVI, names: []string{
		"thăm chính thức", "thăm cấp nhà nước", "hội nghị cấp cao", "trước sự chứng kiến", "chứng kiến",
		"hội đàm với Thủ tướng", "hội kiến Thủ tướng", "điện đàm với Thủ tướng",
	}},
	{ent: entVisit, scope: scopeJA, names: []string{
		"公式訪問", "国賓", "首脳会談", "立ち会", "立会", "首相が会談", "首相と会談", "首相との会談",
		"総理と会談", "総理大臣と会談", "首脳が会談",
	}},

	// An anniversary of the ties counts when the event marks it: both an
	// anniversary and a marking word in one sentence.
	{ent: entAnniversary, scope: scopeEN, names: []string{
		"anniversary of diplomatic relations", "anniversary of the establishment of diplomatic",
		"anniversary of diplomatic ties", "anniversary of the diplomatic", "founding anniversary of diplomatic",
		"anniversary of bilateral", "anniversary of the strategic partnership", "anniversary of the comprehensive strategic partnership",
	}},
	{ent: entAnniversary, scope: scopeVI, names: []string{"thiết lập quan hệ ngoại giao", "năm quan hệ ngoại giao"}},
	{ent: entAnniversary, scope: scopeJA, names: []string{"外交関係樹立", "国交樹立", "国交正常化"}},
	{ent: entMarking, scope: scopeEN, names: []string{
		"to celebrate", "celebrating", "celebrate", "celebrates", "celebrated", "celebration", "to mark", "marking", "marks",
		"on the occasion of", "commemorat*", "in honour of", "in honor of",
	}},
	{ent: entMarking, scope: scopeVI, names: []string{"nhân dịp", "chào mừng", "hoạt động kỷ niệm", "kỷ niệm", "hướng tới"}},
	{ent: entMarking, scope: scopeJA, names: []string{"記念", "祝", "行事", "の一環", "にあたり"}},

	// Cooperation is being described, so a list of fields names pillars.
	{ent: entCoop, scope: scopeEN, names: []string{
		"cooperate", "cooperation", "co-operation", "collaboration", "ties", "relations", "relationship",
		"partnership", "pillars", "fields", "areas", "sectors", "invest in", "investment in",
	}},
	{ent: entCoop, scope: scopeVI, names: []string{"hợp tác", "quan hệ", "trụ cột", "lĩnh vực", "đối tác", "đầu tư vào"}},
	// Fields of study ("majoring in engineering, medicine and economics")
	// are not fields of cooperation: the sub-areas convention keeps them
	// in education.
	{ent: entStudy, scope: scopeEN, names: []string{
		"major in", "majoring in", "majors", "fields of study", "study fields", "disciplines",
		"undergraduate", "doctoral programme*", "doctoral program*", "degree programme*", "degree program*",
		"master's programme*", "master's program*", "master's course*", "training courses in", "courses in",
	}},
	{ent: entStudy, scope: scopeVI, names: []string{"chuyên ngành", "ngành học", "ngành đào tạo", "theo học các ngành"}},
	{ent: entStudy, scope: scopeJA, names: []string{"専攻", "学部", "学科", "課程で学"}},
	{ent: entCoop, scope: scopeJA, names: []string{"協力", "連携", "関係", "パートナーシップ", "各分野", "4つの分野", "あらゆる分野",
		"幅広い分野", "分野での協力", "分野で協力", "分野での交流", "分野で交流", "への投資"}},
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

// overviewPillars is how many pillars make a story a general overview.
const overviewPillars = 4

// applyConventions enforces the labelling conventions of the contract on
// the assigned set. Pillars of the default taxonomy that a user's
// taxonomy lacks are skipped.
func (c *Classifier) applyConventions(d *document, v verdict, sc []sentCountries, scores []pillarScore, assigned []bool) {
	reg, hasReg := c.index[crawler.PillarRegional]
	if hasReg && v.framework && d.frameworkEvent(sc) {
		for p := range assigned {
			assigned[p] = p == reg
		}
		return
	}
	loc, hasLoc := c.index[crawler.PillarLocal]
	localHeadline := hasLoc && c.localTies(d, v, sc, scores, assigned, loc)
	c.localPair(d, v, sc, scores, assigned)
	c.chipStory(scores, assigned)
	c.keepPolitical(d, scores, assigned)
	c.overview(d, scores, assigned)
	c.anniversaryEvent(d, scores, assigned)
	c.workersFirst(scores, assigned)
	if localHeadline {
		// The headline pairs a province with a prefecture: that stays
		// the primary whatever else the story covers.
		raiseAbove(scores, assigned, loc)
	}
}

// raiseAbove makes p the pillar with the highest primary score.
func raiseAbove(scores []pillarScore, assigned []bool, p int) {
	if top := topPillar(scores, assigned, p); top >= 0 {
		scores[p].prim = max(scores[p].prim, scores[top].prim+1)
	}
}

// localTies applies the local-government convention: a Vietnamese
// province and a Japanese prefecture in one sentence are local
// cooperation, and when the headline (or the lead, without one) pairs
// them, that is the story's primary pillar even if it speaks of talks or
// trust.
func (c *Classifier) localTies(d *document, v verdict, sc []sentCountries, scores []pillarScore, assigned []bool, loc int) (headline bool) {
	for i, s := range sc {
		if v.ctx[i] < 1 || !c.localTie(d, i, s, scores[loc]) {
			continue
		}
		assigned[loc] = true
		scores[loc].prim += assignScore
		scores[loc].hits = append(scores[loc].hits, scoredHit{sent: i, start: d.sents[i].off, end: d.sents[i].off, w: assignScore})
		if d.sents[i].kind != segBody || (i == d.lead && !d.hasTitle()) {
			raiseAbove(scores, assigned, loc)
			headline = true
		}
	}
	return headline
}

// markedAnniversary reports a sentence that names an anniversary of the
// ties and a word marking it ("to celebrate", "nhân dịp", "記念"), in the
// headline or lead unless anywhere is set.
func (d *document) markedAnniversary(anywhere bool) bool {
	for _, h := range d.cues {
		if h.g.ent != entAnniversary || !d.hasCue(h.sent, entMarking) {
			continue
		}
		if anywhere || d.sents[h.sent].kind != segBody || (d.lead >= 0 && h.sent <= d.lead+1) {
			return true
		}
	}
	return false
}

// frameworkEvent reports a Mekong–Japan or ASEAN–Japan meeting told in
// the headline (or, without one, the URL slug or the lead): its agenda is
// region-wide, so it is regional-multilateral only.
func (d *document) frameworkEvent(sc []sentCountries) bool {
	for i, s := range sc {
		if s.framework && (d.sents[i].kind != segBody || (i == d.lead && !d.hasTitle())) {
			return true
		}
	}
	return false
}

// hasTitle reports whether the article came with a headline.
func (d *document) hasTitle() bool {
	return len(d.sents) > 0 && d.sents[0].kind == segTitle
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

// hitIn reports whether the pillar has a phrase in sentence i.
func (s *pillarScore) hitIn(i int) bool {
	for _, h := range s.hits {
		if h.sent == i {
			return true
		}
	}
	return false
}

// workersFirst applies the labour convention to nurses and caregivers
// sent to work in Japan: when the headline speaks of the workers, the
// story is labour first, their occupation (health) second.
func (c *Classifier) workersFirst(scores []pillarScore, assigned []bool) {
	lab, ok1 := c.index[crawler.PillarLabour]
	hea, ok2 := c.index[crawler.PillarHealth]
	if !ok1 || !ok2 || !assigned[lab] || !assigned[hea] || scores[lab].title == 0 {
		return
	}
	if topPillar(scores, assigned, -1) == hea {
		raiseAbove(scores, assigned, lab)
	}
}
