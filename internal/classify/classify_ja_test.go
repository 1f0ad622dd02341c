package classify

import (
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// Japanese articles written for these tests; names and figures are
// invented.
var japaneseArticles = []article{
	{
		name:  "日越首脳会談",
		title: "日越首脳会談 包括的戦略的パートナーシップの深化で一致",
		text: "総理大臣は、来日中のベトナムの首相と首脳会談を行いました。" +
			"両首脳は、経済、安全保障、人的交流の3つの分野で協力を強化することで一致しました。" +
			"また、南シナ海を含む地域情勢についても意見を交換しました。",
		relevant: true, primary: crawler.PillarPolitical,
		pillars: []string{crawler.PillarEconomy, crawler.PillarDefence, crawler.PillarCulture, crawler.PillarRegional},
	},
	{
		name:  "円借款",
		title: "ベトナムに対する円借款の書簡の交換",
		text: "ハノイにおいて、日本国政府とベトナム政府との間で、総額300億円を限度とする円借款に関する書簡の交換が行われました。" +
			"対象は南部の高速道路建設計画と上水道整備計画です。",
		relevant: true, primary: crawler.PillarDevelopment,
	},
	{
		name:  "巡視船",
		title: "海上保安庁の巡視船がダナンに寄港",
		text: "海上保安庁の巡視船が、ベトナム中部のダナン港に寄港しました。" +
			"滞在中、ベトナム海上警察との合同訓練を行い、捜索救助の技術を共有しました。",
		relevant: true, primary: crawler.PillarDefence,
		not: []string{crawler.PillarDevelopment},
	},
	{
		name:  "技能実習生",
		title: "",
		text: "日本で働くベトナム人技能実習生は20万人を超え、国別で最も多くなっています。" +
			"受け入れ企業は、特定技能への移行や日本語の支援など、働きやすい環境づくりが求められています。",
		relevant: true, primary: crawler.PillarLabour,
	},
	{
		name:  "ベトナムフェスティバル",
		title: "代々木公園でベトナムフェスティバル開幕",
		text: "東京の代々木公園で、ベトナムの料理や音楽を楽しめるベトナムフェスティバルが始まりました。" +
			"会場には約100のブースが並び、多くの来場者が伝統芸能の公演を楽しみました。",
		relevant: true, primary: crawler.PillarCulture,
	},
	{
		name:     "半導体人材",
		title:    "日越大学、半導体人材の育成で協力",
		text:     "日越大学と日本の半導体メーカーは、ベトナムの学生を対象とした半導体設計の講座を開設することで合意しました。",
		relevant: true, primary: crawler.PillarSemiconductors,
		pillars: []string{crawler.PillarEducation},
	},
	{
		name:  "日本・メコン外相会議",
		title: "日本・メコン外相会議を開催",
		text: "日本とメコン地域5か国の外相会議が開かれ、ベトナムの外相が共同議長を務めました。" +
			"カンボジア、ラオス、ミャンマー、タイの外相も出席し、保健やデジタル分野での地域協力を話し合いました。",
		relevant: true, primary: crawler.PillarRegional,
		pillars: []string{crawler.PillarRegional}, exactly: true,
	},
	{
		name:  "県と省の友好協力",
		title: "福岡県とビンズオン省が友好交流協定を締結",
		text: "福岡県の知事とベトナム南部ビンズオン省の人民委員会委員長は、友好交流協定に署名しました。" +
			"両県省は、経済や教育、観光の分野で自治体間の交流を進めます。",
		relevant: true, primary: crawler.PillarLocal,
		not: []string{crawler.PillarPolitical},
	},
	{
		name:  "医療協力",
		title: "日越、医療協力で覚書",
		text: "日本の厚生労働省とベトナム保健省は、医療分野の協力覚書に署名しました。" +
			"日本はベトナムの病院に医療機器を供与し、看護師の育成を支援します。",
		relevant: true, primary: crawler.PillarHealth,
	},
	{
		name:  "洋上風力",
		title: "日本企業、ベトナムで洋上風力発電を計画",
		text: "日本の商社は、ベトナム中部沖で洋上風力発電所を開発する計画を発表しました。" +
			"ベトナム政府の脱炭素の目標に沿い、再生可能エネルギーの拡大に協力します。",
		relevant: true, primary: crawler.PillarGreen,
	},
	{
		name:  "タイトルはタイではない",
		title: "",
		text: "ベトナムと日本の企業が投資協定に署名しました。協定のタイトルは「未来への架け橋」です。" +
			"日本企業はベトナム北部に新しい工場を建設します。",
		relevant: true, primary: crawler.PillarEconomy,
	},

	// Hard negatives.
	{
		name:  "日・インドネシア首脳会談",
		title: "日・インドネシア首脳会談",
		text: "総理大臣は、インドネシアの大統領と首脳会談を行いました。" +
			"両首脳は、ジャカルタの都市高速鉄道や海上保安分野での協力を確認しました。",
		relevant: false,
	},
	{
		name:     "国内政治",
		title:    "衆議院解散へ",
		text:     "首相は記者会見で、来週衆議院を解散する考えを表明しました。日本の経済対策が争点になります。",
		relevant: false,
	},
	{
		name:  "日タイ鉄道、ベトナムは列挙のみ",
		title: "日タイ、高速鉄道で協力",
		text: "日本とタイは、バンコクとチェンマイを結ぶ高速鉄道の整備で協力することで合意しました。" +
			"将来はラオス、カンボジア、ベトナムへの接続も検討されています。",
		relevant: false,
	},
}

func TestClassifyJapanese(t *testing.T) {
	c := mustShipped(t)
	for _, a := range japaneseArticles {
		t.Run(a.name, func(t *testing.T) { a.check(t, c) })
	}
}
