package classify

// nameGroups lists how the two countries, their places and people, the
// regional groupings and third countries are written in English,
// Vietnamese and Japanese. Latin spellings are written once with their
// diacritics: they are folded for text typed without them, so "Bình Dương"
// also finds "Binh Duong".
var nameGroups = []nameGroup{
	// Viet Nam.
	{ent: entVN, weight: 1, names: []string{"Vietnam", "Viet Nam", "Việt Nam", "Vietnamese", "ベトナム", "越南", "訪越", "在越", "駐越", "越側"}},
	{ent: entVN, weight: 1, scope: scopeVI, names: []string{"người Việt", "tiếng Việt", "Việt kiều", "nước ta", "phía Việt Nam"}},
	{ent: entVN, weight: 1, caseSens: true, names: []string{"VN"}},
	// The five centrally run cities are localities too: their people's
	// committees sign ties with Japanese prefectures and cities. They
	// also stand for where things happen ("a workshop in Ho Chi Minh
	// City"), so naming one beside a prefecture is not yet a tie.
	{ent: entVN, weight: 0.5, city: true, names: []string{
		"Hanoi", "Hà Nội", "Ho Chi Minh City", "HCM City", "HCMC", "TP.HCM", "TPHCM", "TP HCM", "TP. HCM",
		"thành phố Hồ Chí Minh", "Sài Gòn", "Saigon", "Đà Nẵng", "Hải Phòng", "Cần Thơ",
		"ハノイ", "ホーチミン", "ダナン", "ハイフォン", "カントー", "サイゴン",
	}},
	// The national hospitals stand for Viet Nam in its own press, which
	// rarely adds the country's name to them.
	{ent: entVN, weight: 0.5, names: []string{
		"Bạch Mai", "Bach Mai Hospital", "Chợ Rẫy", "Cho Ray Hospital", "バックマイ病院", "バクマイ病院", "チョーライ病院",
	}},
	{ent: entVN, weight: 0.5, names: []string{
		"Pham Minh Chinh", "Phạm Minh Chính", "Nguyễn Xuân Phúc", "Tô Lâm", "Nguyễn Phú Trọng",
		"Võ Văn Thưởng", "Lương Cường", "Vương Đình Huệ", "Trần Thanh Mẫn", "Bùi Thanh Sơn",
		"Trần Hồng Hà", "Nguyễn Tấn Dũng", "Trần Đại Quang", "Phan Văn Khải",
		"チン首相", "フック首相", "トゥオン国家主席", "クオン国家主席", "トー・ラム", "チョン書記長",
	}},
	{ent: entVN, weight: 0.5, local: true, names: []string{
		"Bình Dương", "Quảng Ninh", "Đồng Nai", "Bắc Ninh", "Bắc Giang", "Hải Dương", "Hưng Yên",
		"Vĩnh Phúc", "Thái Nguyên", "Phú Thọ", "Thanh Hóa", "Thanh Hoá", "Nghệ An", "Hà Tĩnh",
		"Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Thừa Thiên-Huế", "Quảng Nam", "Quảng Ngãi",
		"Bình Định", "Phú Yên", "Khánh Hòa", "Khánh Hoà", "Ninh Thuận", "Bình Thuận", "Lâm Đồng",
		"Đắk Lắk", "Gia Lai", "Kon Tum", "Bình Phước", "Tây Ninh", "Bà Rịa-Vũng Tàu", "Vũng Tàu",
		"Long An", "Tiền Giang", "Bến Tre", "Vĩnh Long", "Trà Vinh", "Đồng Tháp", "An Giang",
		"Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Nam Định", "Ninh Bình",
		"Thái Bình", "Hà Nam", "Lạng Sơn", "Cao Bằng", "Hà Giang", "Tuyên Quang", "Lào Cai",
		"Yên Bái", "Sơn La", "Điện Biên", "Lai Châu", "Bắc Kạn", "Hạ Long", "Hội An", "Nha Trang",
		"Đà Lạt", "Huế", "Quy Nhơn", "Phú Quốc",
		"ビンズオン", "クアンニン", "ドンナイ", "バクニン", "バクザン", "ハイズオン", "フンイエン",
		"ビンフック", "タインホア", "ゲアン", "クアンナム", "ビンディン", "カインホア", "ニャチャン",
		"ダラット", "ハロン", "ホイアン", "ロンアン", "ブンタウ", "ラムドン", "ラオカイ", "タイビン",
		"タイグエン", "ニンビン", "ナムディン", "ハティン", "クアンガイ", "ビントゥアン", "カマウ",
		"クアンチ", "ハナム", "フート", "タイニン", "ドンタップ", "アンザン", "ヴィンロン", "ビンロン",
		"ザライ", "ダクラク", "トゥエンクアン", "カオバン", "ランソン", "ディエンビエン", "ライチャウ",
		"ソンラ", "バリア・ブンタウ", "ビンフオック", "ティエンザン", "ベンチェー", "キエンザン", "ソクチャン",
		"Bà Rịa - Vũng Tàu", "Đắk Nông", "Hòa Bình", "Hoà Bình", "Thủ Đức",
	}},
	{ent: entVN, weight: 0.5, local: true, kanaBound: true, names: []string{"フエ"}},

	// Japan.
	{ent: entJP, weight: 1, names: []string{"Japan", "Japanese", "Nhật Bản", "日本", "我が国", "わが国", "我が方", "本邦", "訪日", "来日", "在日", "駐日", "ジャパン"}},
	{ent: entJP, weight: 1, scope: scopeVI, names: []string{"người Nhật", "tiếng Nhật", "phía Nhật", "xứ sở hoa anh đào"}},
	{ent: entJP, weight: 1, scope: scopeVI, caseSens: true, accentOnly: true, names: []string{"Nhật"}},
	{ent: entJP, weight: 0.5, scope: scopeVI, caseSens: true, foldOnly: true, names: []string{"Nhat"}},
	// Tokyo often stands for Japan's government; the other big cities
	// are localities, though, like Viet Nam's, often only venues.
	{ent: entJP, weight: 0.5, names: []string{"Tokyo", "Tô-ky-ô", "東京", "都内"}},
	{ent: entJP, weight: 0.5, city: true, names: []string{
		"Tokyo Metropolitan", "Tokyo metropolis", "東京都", "Osaka", "Yokohama", "Nagoya", "Kyoto", "Kobe",
		"Sapporo", "Sendai", "Hiroshima", "Kawasaki city", "Chiba city", "Hamamatsu", "Kumamoto city",
		"Niigata city", "Okayama city", "Shizuoka city", "Kanazawa", "Matsuyama", "Takamatsu",
		"大阪", "横浜", "名古屋", "京都", "神戸", "札幌", "仙台", "広島", "福岡市", "北九州市", "川崎市",
		"浜松市", "熊本市", "新潟市", "岡山市", "静岡市", "金沢市", "松山市", "高松市", "千葉市",
		"さいたま市",
	}},
	{ent: entJP, weight: 0.5, local: true, names: []string{
		"Hokkaido", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata", "Fukushima", "Ibaraki",
		"Tochigi", "Gunma", "Saitama", "Chiba", "Kanagawa", "Niigata", "Toyama", "Ishikawa",
		"Fukui", "Yamanashi", "Nagano", "Gifu", "Shizuoka", "Aichi", "Mie prefecture", "Shiga",
		"Hyogo", "Hyōgo", "Nara", "Wakayama", "Tottori", "Shimane", "Okayama", "Yamaguchi",
		"Tokushima", "Kagawa", "Ehime", "Kochi", "Fukuoka", "Saga prefecture", "Nagasaki",
		"Kumamoto", "Oita", "Miyazaki", "Kagoshima", "Okinawa", "Kitakyushu",
		"北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
		"群馬県", "埼玉県", "千葉県", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県",
		"長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
		"奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県",
		"愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県",
		"沖縄県", "北九州",
	}},
	{ent: entJP, weight: 0.5, names: []string{
		"Shinzo Abe", "Abe Shinzo", "Kishida", "Ishiba", "Takaichi", "Suga Yoshihide", "Yoshihide Suga",
		"Sin-dô A-bê", "A-bê", "Emperor Naruhito", "安倍", "岸田", "石破", "高市", "菅義偉", "天皇",
		"JICA", "JETRO", "JBIC", "Japan Foundation", "Keidanren", "Komeito", "AOTS", "JCCI",
		"国際協力機構", "ジェトロ", "日本貿易振興機構", "国際交流基金", "経団連", "自衛隊", "海上保安庁",
		"自民党", "公明党", "邦人", "日系", "円借款",
		"Toyota", "Honda", "Sumitomo", "Mitsubishi", "Mitsui", "Marubeni", "Itochu", "Sojitz",
		"Fujitsu", "Hitachi", "Toshiba", "Panasonic", "Nissan", "Renova", "Obayashi",
		"トヨタ", "住友", "三菱", "三井", "丸紅", "伊藤忠", "双日", "日立", "東芝",
	}},
	{ent: entJP, weight: 0.5, names: []string{
		// Japanese companies and institutions that the Japanese press names
		// without saying "Japan".
		"Ajinomoto", "Renesas", "Sony", "Canon", "Aeon", "Uniqlo", "Fast Retailing", "SoftBank",
		"Kyocera", "Murata", "Denso", "Bridgestone", "Nippon Steel", "Idemitsu", "JERA", "Takashimaya",
		"Yamaha", "Mitsubishi UFJ", "Mizuho", "SMBC", "Tokushukai", "Kajima", "Shimizu Corporation",
		"味の素", "ルネサス", "ソニー", "キヤノン", "パナソニック", "富士通", "ホンダ", "日産", "スズキ",
		"イオン", "ユニクロ", "ファーストリテイリング", "ソフトバンク", "村田製作所", "京セラ", "デンソー",
		"ブリヂストン", "日本製鉄", "出光", "東京電力", "関西電力", "高島屋", "豊田通商", "大林組",
		"清水建設", "鹿島建設", "大成建設", "三井住友", "みずほ", "国立国際医療研究センター", "NCGM",
		"出入国在留管理庁", "入管庁", "海上自衛隊", "陸上自衛隊", "航空自衛隊", "防衛省", "経済産業省",
		"経産省", "文部科学省", "厚生労働省", "国土交通省", "農林水産省", "総務省", "法務省",
		"衆院", "参院", "衆議院", "参議院", "官邸",
	}},
	{ent: entJP, weight: 0.5, caseSens: true, names: []string{"NEC", "AEON", "NTT", "KDDI", "JAXA", "MEXT", "TITP"}},
	// Japan's own schemes for foreign workers: naming them places the
	// story in Japan.
	{ent: entJP, weight: 0.5, names: []string{
		"技能実習", "特定技能", "育成就労", "在留資格", "Technical Intern Training Program*",
		"specified skilled worker*", "kỹ năng đặc định", "thực tập sinh kỹ năng",
	}},
	{ent: entJP, weight: 0.5, scope: scopeEN, names: []string{"Abe", "yen"}},

	// Both countries at once.
	{ent: entPair, weight: 1, names: []string{
		"日越", "越日", "日ベトナム", "日・ベトナム", "越・日", "日・越",
		"Việt-Nhật", "Nhật-Việt", "Việt Nhật", "Vietnam-Japan", "Japan-Vietnam",
	}},
	{ent: entPair, weight: 1, caseSens: true, names: []string{"VJU", "VJCC", "VJEPA", "JVEPA"}},

	// Regional groupings and the Japan-led frameworks with them.
	{ent: entRegion, weight: 1, names: []string{"Mekong", "Mê Công", "Mê-kông", "ASEAN", "メコン", "東南アジア諸国連合"}},
	{ent: entRegion, weight: 1, scope: scopeJA, withJapan: true, names: []string{"日ASEAN", "日・ASEAN", "日メコン", "日・メコン"}},

	// Bilateral cues: they say the story is about two parties.
	{ent: entCue, weight: 1, scope: scopeEN, names: []string{
		"two countries", "both countries", "bilateral", "both sides", "two sides", "two nations",
		"both nations", "two governments", "two peoples", "both peoples", "two leaders",
		"two prime ministers", "two ministers", "two ministries", "two foreign ministers", "two defence ministers",
		"two defense ministers", "both leaders", "both ministers", "two presidents", "two parliaments",
	}},
	{ent: entCue, weight: 1, scope: scopeVI, names: []string{
		"hai nước", "song phương", "hai bên", "hai quốc gia", "hai dân tộc", "hai chính phủ",
		"hai nhà lãnh đạo", "hai thủ tướng", "hai phía", "hai Bộ", "hai Ngoại trưởng", "hai Quốc hội",
	}},
	{ent: entCue, weight: 1, scope: scopeJA, names: []string{
		"両国", "二国間", "双方", "両政府", "両首脳", "両首相", "両大臣", "両国民", "両省", "両外相", "両防衛相",
		"両国防相", "両議長", "両機関", "両県省", "両市",
	}},

	// Longer names that hide a shorter one inside them.
	{ent: entNeutral, names: []string{
		"South China Sea", "East China Sea", "biển Hoa Đông", "Indo-Pacific", "Ấn Độ-Thái Bình Dương",
		"Ấn Độ Dương-Thái Bình Dương", "Thái Bình Dương", "インド太平洋", "Korean Peninsula",
		"bán đảo Triều Tiên", "朝鮮半島", "US$", "cập nhật", "chủ nhật", "Nhat la", "Nhat dinh",
		"Nhat tri", "Mỹ phẩm", "Mỹ thuật", "Mỹ Tho", "Mỹ Đình", "Mỹ Sơn",
		"Lao động", "Indian Ocean", "Ấn Độ Dương",
		// The delta is a Vietnamese region, not the Mekong–Japan framework.
		"Mekong Delta", "Mekong delta", "メコンデルタ", "メコン・デルタ",
	}},
}

// thirdGroups lists other countries. Each is a third party when a story
// pairs it with Viet Nam or Japan. English spellings are also looked for in
// Japanese pages, which quote them.
var thirdGroups = []nameGroup{
	third("KR", scopeEN, "Korea", "Korean", "Koreans", "RoK", "Seoul"),
	third("KR", scopeVI, "Hàn Quốc", "người Hàn", "Seoul", "Xơ-un"),
	third("KR", scopeJA, "韓国", "ソウル", "韓"),
	third("KP", scopeAll, "North Korea", "DPRK", "Triều Tiên", "北朝鮮"),
	third("CN", scopeEN, "China", "Chinese", "Beijing", "PRC"),
	third("CN", scopeVI, "Trung Quốc", "Bắc Kinh"),
	third("CN", scopeJA, "中国", "北京"),
	third("PH", scopeAll, "Philippines", "Philippine", "Filipino", "Manila", "Phi-líp-pin", "Philippin", "フィリピン", "マニラ"),
	third("US", scopeEN, "United States", "U.S.", "USA", "American", "Americans", "Washington", "Trump", "Biden"),
	third("US", scopeVI, "Hoa Kỳ", "Washington", "Trump"),
	third("US", scopeJA, "米国", "アメリカ", "米政府", "訪米", "トランプ", "ワシントン"),
	third("TH", scopeEN, "Thailand", "Thai", "Bangkok"),
	third("TH", scopeVI, "Thái Lan", "Bangkok", "Băng Cốc"),
	third("TH", scopeJA, "バンコク"),
	third("ID", scopeAll, "Indonesia", "Indonesian", "Jakarta", "In-đô-nê-xi-a", "インドネシア", "ジャカルタ"),
	third("IN", scopeEN, "India", "Indian", "New Delhi", "Modi"),
	third("IN", scopeVI, "Ấn Độ", "New Delhi", "Modi"),
	third("IN", scopeJA, "モディ"),
	third("LA", scopeEN, "Laos", "Lao PDR", "Lao", "Vientiane"),
	third("LA", scopeVI, "Viêng Chăn"),
	third("LA", scopeJA, "ラオス"),
	third("KH", scopeAll, "Cambodia", "Cambodian", "Phnom Penh", "Campuchia", "Phnôm Pênh", "カンボジア"),
	third("AU", scopeAll, "Australia", "Australian", "Canberra", "Ô-xtrây-li-a", "オーストラリア", "豪州"),
	third("MM", scopeAll, "Myanmar", "ミャンマー"),
	third("MY", scopeAll, "Malaysia", "Malaysian", "Kuala Lumpur", "マレーシア"),
	third("SG", scopeAll, "Singapore", "Singaporean", "Xin-ga-po", "シンガポール"),
	third("BN", scopeAll, "Brunei", "ブルネイ"),
	third("TW", scopeAll, "Taiwan", "Đài Loan", "台湾"),
	third("RU", scopeAll, "Russia", "Russian", "Liên bang Nga", "nước Nga", "ロシア"),
	third("EU", scopeAll, "European Union", "Liên minh châu Âu", "欧州連合", "欧州"),
	third("UK", scopeAll, "United Kingdom", "Britain", "British", "Vương quốc Anh", "英国", "イギリス"),
	third("FR", scopeEN, "France", "French", "フランス"),
	third("DE", scopeAll, "Germany", "German", "CHLB Đức", "nước Đức", "ドイツ"),
	third("NZ", scopeAll, "New Zealand", "ニュージーランド"),
	third("CA", scopeAll, "Canada", "Canadian", "カナダ"),
	third("MN", scopeAll, "Mongolia", "Mông Cổ", "モンゴル"),
	third("BD", scopeAll, "Bangladesh", "バングラデシュ"),
	third("BR", scopeAll, "Brazil", "ブラジル"),
	withJapan("KR", "日韓", "日・韓"),
	withJapan("CN", "日中関係", "日中首脳", "日中両国", "日・中"),
	withJapan("US", "日米", "日・米"),
	withJapan("TH", "日タイ", "日・タイ"),
	withJapan("IN", "日印", "日・印", "日・インド"),
	withJapan("AU", "日豪", "日・豪"),
	withJapan("PH", "日比関係", "日比両国", "日比首脳", "日・比", "日・フィリピン", "日フィリピン"),
	withJapan("ID", "日・インドネシア", "日インドネシア", "日尼"),
	withJapan("RU", "日露", "日ロ"),
	withJapan("UK", "日英関係", "日英首脳"),
	withJapan("FR", "日仏"),
	withJapan("DE", "日独"),
	withJapan("KH", "日・カンボジア", "日カンボジア"),
	withJapan("LA", "日・ラオス", "日ラオス"),
	withJapan("MM", "日・ミャンマー", "日ミャンマー"),
	withJapan("MY", "日・マレーシア", "日マレーシア"),
	withJapan("SG", "日・シンガポール", "日シンガポール"),
	withJapan("MN", "日・モンゴル", "日モンゴル"),
	{ent: entThird, third: "US", weight: 1, caseSens: true, names: []string{"US"}},
	{ent: entThird, third: "EU", weight: 1, caseSens: true, names: []string{"EU"}},
	{ent: entThird, third: "UK", weight: 1, caseSens: true, scope: scopeEN, names: []string{"UK"}},
	{ent: entThird, third: "US", weight: 1, caseSens: true, accentOnly: true, scope: scopeVI, names: []string{"Mỹ"}},
	{ent: entThird, third: "LA", weight: 1, caseSens: true, accentOnly: true, scope: scopeVI, names: []string{"Lào"}},
	{ent: entThird, third: "AU", weight: 1, caseSens: true, accentOnly: true, scope: scopeVI, names: []string{"Úc"}},
	{ent: entThird, third: "FR", weight: 1, caseSens: true, accentOnly: true, scope: scopeVI, names: []string{"Pháp"}},
	{ent: entThird, third: "TH", weight: 1, kanaBound: true, scope: scopeJA, names: []string{"タイ"}},
	{ent: entThird, third: "IN", weight: 1, kanaBound: true, scope: scopeJA, names: []string{"インド"}},
}

func withJapan(code string, names ...string) nameGroup {
	return nameGroup{ent: entThird, third: code, weight: 1, scope: scopeJA, withJapan: true, kanaBound: true, names: names}
}

func third(code string, sc scope, names ...string) nameGroup {
	return nameGroup{ent: entThird, third: code, weight: 1, scope: sc, names: names}
}
