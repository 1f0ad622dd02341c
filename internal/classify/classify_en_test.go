package classify

import (
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// The articles below are written for these tests; names and figures are
// invented.

var englishArticles = []article{
	{
		name:  "summit with enumeration",
		title: "Viet Nam and Japan leaders hold talks in Tokyo",
		text: "Prime Minister Pham Minh Chinh held talks with his Japanese counterpart in Tokyo on Tuesday.\n" +
			"The two leaders agreed to deepen the Comprehensive Strategic Partnership and to keep up high-level visits.\n" +
			"They pledged closer cooperation in trade, investment, labour and people-to-people exchange.\n" +
			"Both sides stressed the importance of peace and stability in the East Sea and respect for international law.",
		relevant: true, primary: crawler.PillarPolitical,
		pillars: []string{crawler.PillarEconomy, crawler.PillarLabour, crawler.PillarCulture, crawler.PillarRegional},
	},
	{
		name:  "defence dialogue is not political trust",
		title: "Vietnam, Japan hold ninth defence policy dialogue",
		text: "The ninth Vietnam-Japan defence policy dialogue took place in Hanoi on Monday, co-chaired by the deputy defence ministers of the two countries.\n" +
			"They reviewed defence cooperation, including training of naval officers, coast guard exchanges and UN peacekeeping.\n" +
			"The Japanese side said it valued the talks and hoped to visit again next year.",
		relevant: true, primary: crawler.PillarDefence,
		not: []string{crawler.PillarPolitical},
	},
	{
		name:  "defence with relationship as a whole",
		title: "Japan and Vietnam hold first 2+2 dialogue",
		text: "Foreign and defence ministers of Japan and Vietnam met in Tokyo for their first 2+2 dialogue.\n" +
			"They agreed that strategic trust between the two countries had never been higher and discussed maritime security and defence equipment transfers.",
		relevant: true, primary: crawler.PillarDefence,
		pillars: []string{crawler.PillarPolitical},
		differs: "in the labelled articles, cues of the relationship as a whole come with political trust too rarely for the model to add it to defence talks",
	},
	{
		name:  "yen loan for a metro line",
		title: "JICA signs yen loan for Ho Chi Minh City metro",
		text: "The Japan International Cooperation Agency (JICA) and Vietnam's Ministry of Finance signed a loan agreement worth 40 billion yen on Friday.\n" +
			"The ODA loan will finance the second metro line in Ho Chi Minh City, including stations and a depot.\n" +
			"Japan has been Vietnam's largest provider of official development assistance for two decades.",
		relevant: true, primary: crawler.PillarDevelopment,
		not: []string{crawler.PillarPolitical, crawler.PillarEconomy},
	},
	{
		name:  "leader receives a sectoral visitor",
		title: "Deputy PM receives JBIC governor",
		text: "Deputy Prime Minister Tran Hong Ha received the governor of the Japan Bank for International Cooperation (JBIC) in Hanoi on Wednesday.\n" +
			"Ha said Vietnam counted on Japanese support for its energy transition, offshore wind and LNG power projects under the Asia Zero Emission Community.\n" +
			"He praised the growing strategic partnership between the two countries.\n" +
			"The JBIC governor said the bank was ready to finance renewable energy and grid upgrades in Vietnam.",
		relevant: true, primary: crawler.PillarGreen,
		not: []string{crawler.PillarPolitical},
	},
	{
		name:  "food security is trade, not defence",
		title: "Vietnam and Japan to work together on food security",
		text: "Agriculture ministers of Vietnam and Japan agreed on Thursday to strengthen food security and agricultural trade between the two countries.\n" +
			"Japan will open its market to more Vietnamese fruit exports, while Japanese investors will build cold-storage facilities in the Mekong Delta.",
		relevant: true, primary: crawler.PillarEconomy,
		not: []string{crawler.PillarDefence},
	},
	{
		name:  "Mekong-Japan meeting is regional only",
		title: "Vietnam co-chairs Mekong-Japan foreign ministers' meeting",
		text: "Foreign ministers of Cambodia, Laos, Myanmar, Thailand, Vietnam and Japan met online for the Mekong-Japan Ministerial Meeting.\n" +
			"Vietnamese Foreign Minister Bui Thanh Son, who co-chaired the meeting, called for cooperation on water resources, health and digital transformation in the sub-region.\n" +
			"Japan pledged further support for infrastructure and human resources in Mekong countries.",
		relevant: true, primary: crawler.PillarRegional,
		pillars: []string{crawler.PillarRegional}, exactly: true,
	},
	{
		name:  "province and prefecture",
		title: "Binh Duong and Yamaguchi prefecture renew friendship pact",
		text: "A delegation of Binh Duong province led by the provincial Party secretary visited Yamaguchi prefecture on June 5.\n" +
			"The governor of Yamaguchi and the provincial leaders agreed to expand ties between the two localities in education and tourism.\n" +
			"They spoke of political trust at the local level built over ten years.",
		relevant: true, primary: crawler.PillarLocal,
		not: []string{crawler.PillarPolitical},
	},
	{
		name:  "festival marking the anniversary",
		title: "Japan festival in Hanoi celebrates 50 years of diplomatic relations",
		text: "A three-day Japan festival opened in Hanoi on Saturday to celebrate the 50th anniversary of diplomatic relations between Vietnam and Japan.\n" +
			"Visitors enjoyed taiko drums, tea ceremony demonstrations and Japanese food, while Vietnamese artists performed folk music.",
		relevant: true, primary: crawler.PillarCulture,
		pillars: []string{crawler.PillarPolitical},
	},
	{
		name:  "anniversary in the background",
		title: "Japanese shoe maker opens third factory in Dong Nai",
		text: "A Japanese footwear company opened its third factory in Dong Nai province on Monday, raising its investment in Vietnam to 300 million USD.\n" +
			"The plant will export most of its output to Japan and Europe.\n" +
			"The company first came to Vietnam in 1998, years after the two countries marked the 25th anniversary of diplomatic relations.",
		relevant: true, primary: crawler.PillarEconomy,
		not: []string{crawler.PillarPolitical},
	},
	{
		name:  "satellite and digital cooperation",
		title: "Vietnam's earth observation satellite built with Japanese help",
		text: "Vietnam's radar satellite, built by a Japanese company, will be launched next year, the Vietnam National Space Center said.\n" +
			"Vietnamese engineers trained in Japan on satellite design, and the two sides plan further research in space technology and artificial intelligence.",
		relevant: true, primary: crawler.PillarScience,
	},
	{
		name:  "semiconductor engineers",
		title: "Japan and Vietnam to train semiconductor engineers",
		text: "Japanese chipmakers and Vietnamese universities signed agreements to train 5,000 semiconductor engineers by 2030.\n" +
			"Students will take chip design courses in Hanoi and internships at factories in Kumamoto.",
		relevant: true, primary: crawler.PillarSemiconductors,
		pillars: []string{crawler.PillarEducation},
		differs: "the contract lists training chip engineers under semiconductors, and the learned decision adds no education for it",
	},
	{
		name:  "interns",
		title: "More Vietnamese technical interns head to Japan",
		text: "The number of Vietnamese technical intern trainees in Japan rose to 200,000 last year, the largest group among foreign workers there.\n" +
			"Labour officials of the two countries agreed to cut brokerage fees and protect workers' rights under the new employment scheme.",
		relevant: true, primary: crawler.PillarLabour,
		not: []string{crawler.PillarEducation},
	},
	{
		name:  "hospital cooperation",
		title: "Vietnamese and Japanese hospitals team up on cancer care",
		text: "A Japanese university hospital and Hanoi's oncology hospital signed a cooperation agreement on cancer treatment on Friday.\n" +
			"Japanese doctors will train Vietnamese medical staff in radiotherapy, and the two hospitals will share patient data under strict rules.",
		relevant: true, primary: crawler.PillarHealth,
	},

	// Hard negatives.
	{
		name:  "Viet Nam with Korea",
		title: "Vietnam, RoK sign labour agreement",
		text: "Vietnam's labour minister and South Korea's employment minister signed an agreement in Seoul on sending Vietnamese workers under the Employment Permit System.\n" +
			"Korea will accept 10,000 more Vietnamese workers next year, the two ministers said.",
		relevant: false,
	},
	{
		name:  "Japan with the Philippines, Vietnam in a list",
		title: "Japan and the Philippines sign coast guard pact",
		text: "Japan and the Philippines signed a pact on Monday to strengthen cooperation between their coast guards.\n" +
			"Japan will provide five more patrol vessels to Manila.\n" +
			"The Philippines, Vietnam, Malaysia and Brunei all have claims in the South China Sea.",
		relevant: false,
	},
	{
		name:     "Japan only",
		title:    "Bank of Japan keeps rates on hold",
		text:     "The Bank of Japan kept its policy rate unchanged on Thursday and said inflation in Japan would slow next year.",
		relevant: false,
	},
	{
		name:     "Vietnam only",
		title:    "Floods hit central Vietnam",
		text:     "Heavy rain caused floods in Quang Nam and Quang Ngai provinces, cutting roads and damaging 2,000 houses, the disaster agency said.",
		relevant: false,
	},
	{
		name:  "Japan named in passing in a list of markets",
		title: "Vietnam's exports rise 12 percent",
		text: "Vietnam's exports rose 12 percent in the first quarter, the statistics office said.\n" +
			"The United States, China, the EU, Japan and South Korea remained the largest markets.",
		relevant: false,
	},
	{
		name:  "ASEAN-Japan summit, Vietnam only listed",
		title: "ASEAN-Japan commemorative summit opens in Tokyo",
		text: "Leaders of Japan and ASEAN met in Tokyo on Saturday for a summit marking 50 years of ties.\n" +
			"Leaders of Indonesia, Malaysia, the Philippines, Singapore, Thailand, Vietnam, Cambodia, Laos, Myanmar and Brunei attended.\n" +
			"Japan announced a new fund for maritime security and green energy in Southeast Asia.",
		relevant: false,
	},
	{
		name:  "Vietnam with China, Japan in one sentence",
		title: "Vietnam and China boost rail links",
		text: "Vietnam and China agreed on Monday to speed up a cross-border railway linking Lao Cai and Kunming.\n" +
			"China is Vietnam's largest trading partner, and Chinese firms are bidding for several rail projects.\n" +
			"Vietnam has also borrowed from Japan for urban railways in Hanoi.\n" +
			"The two sides will set up a joint working group on the railway this year.",
		relevant: false,
	},
	{
		name:  "Japan with Indonesia",
		title: "JICA lends Indonesia more for Jakarta MRT",
		text: "JICA signed a new loan with Indonesia for the next phase of the Jakarta MRT.\n" +
			"The Japanese agency has financed the line since 2006.",
		relevant: false,
	},
}

func TestClassifyEnglish(t *testing.T) {
	c := mustShipped(t)
	for _, a := range englishArticles {
		t.Run(a.name, func(t *testing.T) { a.check(t, c) })
	}
}
