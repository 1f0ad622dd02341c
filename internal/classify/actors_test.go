package classify

import (
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// actorArticles pin down that Japanese companies acting in a story about
// another field, and the partnership agreement under which nurses and
// caregivers go to Japan, are not evidence of economy, trade and
// investment; and that a story about business still is. Written for these
// tests; names and figures are invented.
var actorArticles = []article{
	{
		name:  "Japanese firms in a climate project are not business",
		lang:  "en",
		title: "Japanese firms help Vietnamese farmers cut rice emissions",
		text: "Two Japanese companies are helping farmers in Soc Trang province cut methane emissions from rice fields under the Joint Crediting Mechanism.\n" +
			"The firms provide water sensors, and the emission cuts become carbon credits shared by Japan and Viet Nam.",
		relevant: true, primary: crawler.PillarGreen,
		not: []string{crawler.PillarEconomy},
	},
	{
		name:  "doanh nghiệp Nhật Bản đào tạo kỹ sư bán dẫn",
		lang:  "vi",
		title: "Doanh nghiệp Nhật Bản đào tạo kỹ sư bán dẫn cho Việt Nam",
		text: "Ba doanh nghiệp Nhật Bản ký thỏa thuận với một trường đại học ở Đà Nẵng để đào tạo 300 kỹ sư thiết kế vi mạch.\n" +
			"Các doanh nghiệp Nhật sẽ cử chuyên gia giảng dạy và nhận sinh viên sang Nhật thực tập.",
		relevant: true, primary: crawler.PillarSemiconductors,
		pillars: []string{crawler.PillarSemiconductors, crawler.PillarEducation},
		not:     []string{crawler.PillarEconomy},
	},
	{
		name:  "日本企業が人手不足でベトナム人を雇用",
		lang:  "ja",
		title: "人手不足の日本企業、ベトナム人特定技能外国人の採用拡大",
		text: "建設や外食の日本企業が、特定技能の在留資格を持つベトナム人の採用を増やしている。\n" +
			"ベトナム人は特定技能外国人の約半数を占める。",
		relevant: true, primary: crawler.PillarLabour,
		not: []string{crawler.PillarEconomy},
	},
	{
		name:  "EPA caregivers are labour and health, not trade",
		lang:  "vi",
		title: "Ứng viên hộ lý sang Nhật Bản theo Hiệp định Đối tác kinh tế",
		text: "150 ứng viên hộ lý Việt Nam lên đường sang Nhật Bản làm việc theo Hiệp định Đối tác kinh tế Việt Nam - Nhật Bản.\n" +
			"Các ứng viên sẽ làm việc tại cơ sở chăm sóc người cao tuổi và ôn thi chứng chỉ quốc gia.",
		relevant: true, primary: crawler.PillarLabour,
		pillars: []string{crawler.PillarLabour, crawler.PillarHealth},
		not:     []string{crawler.PillarEconomy},
		differs: "the rules on the workers' agreement and on workers first changed no labelled article and went; the agreement counts for trade and health leads",
	},
	{
		name:  "経済連携協定に基づく看護師候補者",
		lang:  "ja",
		title: "ベトナム人看護師候補者が成田空港に到着",
		text: "日越経済連携協定に基づき、ベトナム人看護師候補者120人が成田空港に到着した。\n" +
			"候補者は全国の病院で働きながら国家試験を目指す。",
		relevant: true, primary: crawler.PillarLabour,
		not:     []string{crawler.PillarEconomy, crawler.PillarDevelopment},
		differs: "the rules on the workers' agreement and on workers first changed no labelled article and went; the agreement counts for trade and health leads",
	},
	{
		name:  "Japanese companies investing are still business",
		lang:  "en",
		title: "Japanese companies plan to expand investment in Vietnam",
		text: "More than half of Japanese companies in Viet Nam plan to expand their business there, a JETRO survey found.\n" +
			"Japanese firms cited the growing market and exports from Vietnamese factories.",
		relevant: true, primary: crawler.PillarEconomy,
	},
}

func TestActorArticles(t *testing.T) {
	c := mustShipped(t)
	for _, a := range actorArticles {
		t.Run(a.name, func(t *testing.T) { a.check(t, c) })
	}
}
