package classify

// sideCues are phrases naming one party to bilateral talks, and the ties
// between localities. A numbered outcome in a press release often names
// one side only ("the Japanese side will consider...", "phía Việt Nam đề
// nghị...", 日本側は...): in a story about the two countries, such a
// sentence is about the relationship.
var sideCues = []nameGroup{
	{ent: entSide, scope: scopeEN, names: []string{
		"Japanese side", "Vietnamese side", "Japan side", "Vietnam side", "Viet Nam side",
		"Japanese counterpart*", "Vietnamese counterpart*", "the two sides", "both sides",
	}},
	{ent: entSide, scope: scopeVI, names: []string{
		"phía Nhật Bản", "phía Nhật", "phía Việt Nam", "phía bạn", "hai bên", "hai phía", "đối tác Nhật Bản",
	}},
	{ent: entSide, scope: scopeJA, names: []string{
		"日本側", "ベトナム側", "越側", "日本政府側", "双方", "両国", "両政府",
	}},

	// Talks as the story's event, and the verbs their outcomes are told
	// with (taking part in a meeting is one: a regional body named in a
	// sentence without any of them is background). After "the leaders held talks", a sentence such as "on
	// defence, they agreed to..." (in Japanese often with no subject at
	// all) reports the talks even though it names neither country.
	{ent: entTalks, scope: scopeEN, names: []string{
		"held talks", "hold talks", "holds talks", "holding talks", "talks with", "talks between",
		"summit", "phone talks", "telephone talks",
	}},
	{ent: entTalks, scope: scopeVI, names: []string{"hội đàm", "hội kiến", "điện đàm", "hội nghị cấp cao"}},
	{ent: entTalks, scope: scopeJA, names: []string{"会談", "首脳会議"}},
	{ent: entOutcome, scope: scopeEN, names: []string{
		"agreed", "agree", "agrees", "reaffirmed", "affirmed", "pledged", "vowed", "committed to",
		"proposed", "welcomed", "confirmed", "stressed", "underlined", "emphasised", "emphasized",
		"called for", "discussed", "exchanged views", "support", "supports", "supported", "coordinate",
		"attend", "attends", "attended", "attending", "took part", "take part", "taking part",
		"signed", "sign", "signing", "reiterated", "expressed", "shared", "to share", "share the", "share their",
		"share views", "share information", "share experience*", "share concern*", "shares the",
	}},
	{ent: entOutcome, scope: scopeVI, names: []string{
		"nhất trí", "thống nhất", "khẳng định", "cam kết", "đề nghị", "hoan nghênh", "nhấn mạnh",
		"thảo luận", "trao đổi", "ủng hộ", "đề xuất", "phối hợp", "tham dự", "dự Hội nghị", "tham gia",
		"ký kết", "ký thỏa thuận", "ký biên bản", "ký bản ghi nhớ", "chia sẻ", "bày tỏ",
	}},
	{ent: entOutcome, scope: scopeJA, names: []string{
		"一致", "合意", "確認", "表明", "歓迎", "要請", "求めた", "意見交換", "協議", "伝えた", "支持", "連携", "出席", "参加", "提案", "締結", "署名",
		"共有", "強調", "述べ", "意見を交換", "意見を交わ",
	}},

	// Ties between localities: with a locality of either country in a
	// sentence, they are local cooperation even when the partner is not
	// named there.
	{ent: entTie, scope: scopeEN, names: []string{
		"sister city", "sister cities", "sister-city", "friendship city", "friendship cities", "twin city",
		"twin cities", "twinning", "friendship agreement", "friendship and cooperation agreement",
		"friendship exchange agreement", "friendly cooperation agreement", "friendship ties",
		"local cooperation", "locality-to-locality", "Japanese localities", "Japanese prefectures",
		"Vietnamese localities", "Vietnamese provinces", "localities of the two countries",
		"ties between localities", "local-level cooperation", "cooperation between localities",
	}},
	{ent: entTie, scope: scopeVI, names: []string{
		"kết nghĩa", "thành phố kết nghĩa", "quan hệ hữu nghị hợp tác", "thỏa thuận hữu nghị",
		"thỏa thuận hợp tác hữu nghị", "hợp tác địa phương", "địa phương Nhật Bản", "tỉnh của Nhật Bản",
		"các địa phương của Nhật", "địa phương của Nhật Bản", "tỉnh, thành phố của Nhật Bản",
		"địa phương Việt Nam", "các tỉnh của Việt Nam", "giao lưu địa phương", "địa phương hai nước",
		"giữa các địa phương",
	}},
	{ent: entTie, scope: scopeJA, names: []string{
		"姉妹都市", "友好都市", "友好県", "友好交流協定", "友好協力協定", "姉妹提携", "友好提携",
		"地方間", "地方協力", "地方交流", "自治体間", "日本の自治体", "ベトナムの地方", "ベトナムの省",
		"地方自治体間", "両国の地方", "地方レベル",
	}},

	// Workers and manpower: a list of trades after them says where they
	// work, not fields of cooperation.
	{ent: entWorkforce, scope: scopeEN, names: []string{
		"workers", "workforce", "manpower", "labour", "labor", "interns", "trainees", "human resources",
	}},
	{ent: entWorkforce, scope: scopeVI, names: []string{"nhân lực", "lao động", "thực tập sinh", "người lao động"}},
	{ent: entWorkforce, scope: scopeJA, names: []string{"人材", "労働者", "人手", "実習生", "働き手"}},
}
