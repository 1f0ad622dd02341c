package classify

import (
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// roundArticles pin down the general rules on sides, chips, localities,
// disasters and anniversaries, each in English, Vietnamese and Japanese.
// Written for these tests; names and figures are invented.
var roundArticles = []article{
	// One side named in a numbered outcome of bilateral talks.
	{
		name: "en: the Japanese side in an outcome", lang: "en",
		title: "Viet Nam and Japan hold vice-ministerial talks in Hanoi",
		text: "Deputy foreign ministers of Viet Nam and Japan held talks in Hanoi on Tuesday.\n" +
			"First, the Japanese side pledged new ODA loans for the coastal expressway.\n" +
			"Second, the Vietnamese side asked for help on the urban railway.",
		relevant: true, primary: crawler.PillarPolitical, pillars: []string{crawler.PillarDevelopment},
	},
	{
		name: "vi: phía Nhật Bản in an outcome", lang: "vi",
		title: "Việt Nam và Nhật Bản hội đàm cấp thứ trưởng",
		text: "Thứ trưởng Ngoại giao Việt Nam và Nhật Bản hội đàm tại Hà Nội ngày 3/4.\n" +
			"Thứ nhất, phía Nhật Bản cam kết vốn vay ODA cho tuyến đường cao tốc ven biển.\n" +
			"Thứ hai, phía Việt Nam đề nghị hỗ trợ tuyến metro số 2.",
		relevant: true, primary: crawler.PillarPolitical, pillars: []string{crawler.PillarDevelopment},
	},
	{
		name: "ja: 日本側 in an outcome", lang: "ja",
		title: "日越外務次官がハノイで会談",
		text: "日本とベトナムの外務次官はハノイで協議を行った。\n" +
			"第一に、日本側は沿岸高速道路への円借款を表明した。\n" +
			"第二に、ベトナム側は都市鉄道2号線への支援を求めた。",
		relevant: true, primary: crawler.PillarPolitical, pillars: []string{crawler.PillarDevelopment},
	},

	// A pure chip story is not science and technology.
	{
		name: "en: high-tech chip plant is semiconductors only", lang: "en",
		title: "Japanese chipmaker opens plant in Viet Nam",
		text: "A Japanese chipmaker opened a semiconductor packaging plant in Bac Ninh, Viet Nam, on Monday.\n" +
			"The high-tech plant will invest in semiconductor research and development and new chip technology.\n" +
			"The Japanese firm said its chips will be exported to Japan.",
		relevant: true, primary: crawler.PillarSemiconductors,
		not: []string{crawler.PillarScience},
	},
	{
		name: "vi: nhà máy chip công nghệ cao là bán dẫn", lang: "vi",
		title: "Doanh nghiệp Nhật Bản khánh thành nhà máy bán dẫn tại Việt Nam",
		text: "Một doanh nghiệp Nhật Bản khánh thành nhà máy đóng gói chip bán dẫn tại Bắc Ninh.\n" +
			"Nhà máy công nghệ cao này sẽ nghiên cứu công nghệ chip bán dẫn thế hệ mới.\n" +
			"Sản phẩm chip sẽ xuất khẩu sang Nhật Bản.",
		relevant: true, primary: crawler.PillarSemiconductors,
		not: []string{crawler.PillarScience},
	},
	{
		name: "ja: 半導体工場の技術は科学技術ではない", lang: "ja",
		title: "日本の半導体メーカー、ベトナムに新工場",
		text: "日本の半導体メーカーはベトナム北部バクニン省で半導体の後工程工場を稼働させた。\n" +
			"工場では先端技術を使い、半導体の研究開発も行う。\n" +
			"製品は日本に輸出される。",
		relevant: true, primary: crawler.PillarSemiconductors,
		not: []string{crawler.PillarScience},
	},
	{
		name: "en: chips beside AI keep both", lang: "en",
		title: "Viet Nam and Japan agree to cooperate on semiconductors and AI",
		text: "Viet Nam and Japan agreed to cooperate on semiconductors, artificial intelligence and digital transformation.\n" +
			"The two countries will set up a joint research centre for AI.",
		relevant: true, primary: crawler.PillarScience, pillars: []string{crawler.PillarSemiconductors, crawler.PillarScience},
	},

	// Local cooperation needs a locality pair or a tie between localities.
	{
		name: "en: people's committee alone is not local", lang: "en",
		title: "JICA signs loan for Hanoi drainage project",
		text: "JICA and the Government of Viet Nam signed a loan agreement for a drainage project in Hanoi on Friday.\n" +
			"Officials of the Ministry of Finance and the city People's Committee witnessed the signing.\n" +
			"Japan is Viet Nam's largest ODA partner, and local authorities will manage the works.",
		relevant: true, primary: crawler.PillarDevelopment,
		not:     []string{crawler.PillarLocal},
		differs: "\"local authorities\" is a strong phrase of local cooperation, and the model keeps it beside a city's committee",
	},
	{
		name: "vi: ủy ban nhân dân thành phố không phải hợp tác địa phương", lang: "vi",
		title: "JICA ký khoản vay cho dự án thoát nước tại Cần Thơ",
		text: "JICA và Chính phủ Việt Nam ký hiệp định vay cho dự án thoát nước tại Cần Thơ.\n" +
			"Đại diện UBND thành phố cho biết chính quyền địa phương sẽ quản lý dự án.\n" +
			"Nhật Bản là đối tác ODA lớn nhất của Việt Nam.",
		relevant: true, primary: crawler.PillarDevelopment,
		not: []string{crawler.PillarLocal},
	},
	{
		name: "ja: 人民委員会だけでは地方協力ではない", lang: "ja",
		title: "JICA、ダナンの排水事業で円借款契約",
		text: "JICAはベトナム政府とダナンの排水事業に関する円借款契約に署名した。\n" +
			"市人民委員会の幹部も式典に出席した。\n" +
			"日本はベトナムにとって最大のODA供与国である。",
		relevant: true, primary: crawler.PillarDevelopment,
		not: []string{crawler.PillarLocal},
	},
	{
		name: "en: city pair with a friendship agreement is local", lang: "en",
		title: "Hai Phong and Kitakyushu renew friendship agreement",
		text: "Hai Phong and Kitakyushu renewed their friendship agreement on Monday, with Viet Nam and Japan's envoys present.\n" +
			"The two cities will cooperate on port management and wastewater treatment.",
		relevant: true, primary: crawler.PillarLocal,
	},
	{
		name: "vi: thỏa thuận hữu nghị Đà Nẵng và Yokohama", lang: "vi",
		title: "Đà Nẵng và Yokohama ký thỏa thuận hữu nghị",
		text: "Thành phố Đà Nẵng của Việt Nam và thành phố Yokohama của Nhật Bản ký thỏa thuận hữu nghị.\n" +
			"Hai thành phố sẽ hợp tác về du lịch và đào tạo nhân lực.",
		relevant: true, primary: crawler.PillarLocal,
	},
	{
		name: "ja: 友好都市の北九州市とハイフォン", lang: "ja",
		title: "北九州市とハイフォン市が友好都市協定を更新",
		text: "北九州市とベトナムのハイフォン市は友好都市協定を更新した。\n" +
			"両市は港湾管理や水処理で協力する。",
		relevant: true, primary: crawler.PillarLocal,
	},

	// Disaster relief stays development (or defence).
	{
		name: "en: flood relief is development", lang: "en",
		title: "Japan sends flood relief to central Viet Nam",
		text: "Japan provided emergency relief goods and a grant of $2 million to Viet Nam after floods and landslides in the central provinces.\n" +
			"JICA delivered tents and water purifiers to flood victims.\n" +
			"The Japanese ambassador said Japan stood with the people hit by the disaster.",
		relevant: true, primary: crawler.PillarDevelopment,
		not: []string{crawler.PillarGreen},
	},
	{
		name: "vi: cứu trợ lũ lụt là phát triển", lang: "vi",
		title: "Nhật Bản viện trợ khẩn cấp cho miền Trung Việt Nam bị lũ lụt",
		text: "Chính phủ Nhật Bản viện trợ hàng cứu trợ và khoản viện trợ không hoàn lại 2 triệu USD cho Việt Nam sau lũ lụt.\n" +
			"JICA đã chuyển lều bạt và máy lọc nước tới người dân vùng thiên tai.",
		relevant: true, primary: crawler.PillarDevelopment,
		not: []string{crawler.PillarGreen},
	},
	{
		name: "ja: 洪水の緊急援助は開発", lang: "ja",
		title: "日本、ベトナム中部の洪水被災地に緊急援助",
		text: "日本政府はベトナム中部の洪水被害を受け、緊急援助物資と200万ドルの無償資金協力を供与した。\n" +
			"JICAはテントと浄水器を被災地に届けた。",
		relevant: true, primary: crawler.PillarDevelopment,
		not: []string{crawler.PillarGreen},
	},

	// An anniversary marked by an event: the event's pillar is primary.
	{
		name: "en: anniversary concert is culture first", lang: "en",
		title: "Concert in Tokyo celebrates anniversary of Viet Nam-Japan diplomatic relations",
		text: "A concert to celebrate the anniversary of diplomatic relations between Viet Nam and Japan drew 1,500 people in Tokyo.\n" +
			"Vietnamese and Japanese musicians performed folk music and pop songs at the festival.",
		relevant: true, primary: crawler.PillarCulture, pillars: []string{crawler.PillarPolitical},
	},
	{
		name: "vi: trận giao hữu kỷ niệm là văn hóa thể thao", lang: "vi",
		title: "Trận bóng đá giao hữu kỷ niệm quan hệ ngoại giao Việt Nam - Nhật Bản",
		text: "Trận bóng đá giao hữu nhân dịp kỷ niệm thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản diễn ra tại Hà Nội.\n" +
			"Hơn 3.000 khán giả cổ vũ cầu thủ trẻ hai nước, sau trận đấu là chương trình giao lưu văn hóa.",
		relevant: true, primary: crawler.PillarCulture, pillars: []string{crawler.PillarPolitical},
	},
	{
		name: "ja: 国交樹立記念の音楽祭は文化が主", lang: "ja",
		title: "日越外交関係樹立記念の音楽祭、ハノイで開催",
		text: "日越外交関係樹立を記念する音楽祭がハノイで開かれ、約3千人が来場した。\n" +
			"日本とベトナムの歌手が公演し、伝統音楽も披露された。",
		relevant: true, primary: crawler.PillarCulture, pillars: []string{crawler.PillarPolitical},
	},
}

func TestRoundRules(t *testing.T) {
	c := mustShipped(t)
	for _, a := range roundArticles {
		t.Run(a.name, func(t *testing.T) { a.check(t, c) })
	}
}
