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
