package extract

import (
	"strings"
	"testing"
	"time"
)

// articlePage wraps body paragraphs in a page with a headline.
func articlePage(lang, body string) []byte {
	return []byte(`<!DOCTYPE html><html lang="` + lang + `"><head><meta charset="utf-8"><title>Port deal</title></head><body>` +
		`<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Hai Phong and Osaka sign a port partnership</h1>` +
		body + `</article><footer>© Harbour Ledger</footer></body></html>`)
}

const (
	para1 = `<p>The two port authorities signed a five-year partnership on Thursday, agreeing to share data on container traffic and to train crane operators together.</p>`
	para2 = `<p>Officials said the first exchange of staff would take place in the spring, with a dozen technicians from each side spending a month at the other port.</p>`
	para3 = `<p>Neither side disclosed the cost of the programme, which will be reviewed after two years by a joint committee of both authorities.</p>`
)

func TestCleanPageBlocks(t *testing.T) {
	tests := []struct {
		name     string
		page     []byte
		contains []string
		excludes []string
	}{
		{"AdvertisementLabelAndPromotion",
			articlePage("en", para1+`<div class="slot"><p>ADVERTISEMENT</p><p><a href="https://ads.example.net/1">Save 40% on flights to Tokyo this winter</a></p></div>`+para2),
			[]string{"five-year partnership", "first exchange of staff"}, []string{"ADVERTISEMENT", "Save 40%"}},
		{"LoneAdLabelThenLinkLine",
			articlePage("en", para1+`<p>Advertisement</p><p><a href="https://ads.example.net/2">Cheap freight quotes in one click</a></p>`+para2),
			[]string{"first exchange of staff"}, []string{"Advertisement", "Cheap freight"}},
		{"ReadMoreTeaser",
			articlePage("en", para1+`<p>Read more: <a href="/2026/rice">Rice exporters look to new markets in Japan</a></p>`+para2),
			[]string{"five-year partnership", "first exchange"}, []string{"Rice exporters"}},
		{"VietnameseTeaser",
			articlePage("vi", `<p>Hai bên ký thỏa thuận hợp tác năm năm về chia sẻ dữ liệu container và đào tạo công nhân vận hành cần cẩu.</p>`+
				`<p>Xem thêm: <a href="/a.html">Xuất khẩu gạo sang Nhật Bản tăng mạnh</a></p><p>Đợt trao đổi cán bộ đầu tiên sẽ diễn ra vào mùa xuân năm sau tại hai cảng.</p>`),
			[]string{"chia sẻ dữ liệu", "mùa xuân"}, []string{"Xuất khẩu gạo"}},
		{"RepeatedPromotion",
			articlePage("en", para1+`<div><a href="https://shop.example/x">Subscribe to the Ledger weekly and save</a></div>`+para2+
				`<div><a href="https://shop.example/x">Subscribe to the Ledger weekly and save</a></div>`+para3),
			[]string{"five-year", "first exchange", "Neither side"}, []string{"Ledger weekly"}},
		{"RelatedListByHeading",
			articlePage("ja", `<p>両港湾当局は木曜日、コンテナ輸送のデータを共有し、クレーン運転士を共同で育成する5年間の協定に署名した。</p>`+
				`<div><h3>関連記事</h3><ul><li><a href="/1">コメの輸出、日本向けが好調</a></li><li><a href="/2">港湾使用料、来年から値上げ</a></li></ul></div>`+
				`<p>最初の職員の交流は春に行われ、双方の技術者がそれぞれ1カ月間相手の港で研修を受ける予定だ。</p>`),
			[]string{"協定に署名した", "研修を受ける"}, []string{"コメの輸出", "関連記事"}},
		{"BulletedRelatedHeading",
			articlePage("ja", `<p>両港湾当局は木曜日、コンテナ輸送のデータを共有し、クレーン運転士を共同で育成する5年間の協定に署名した。</p>`+
				`<p>▼関連記事<br><a href="/1">コメの輸出、日本向けが好調</a></p>`+
				`<p>最初の職員の交流は春に行われ、双方の技術者がそれぞれ1カ月間相手の港で研修を受ける予定だ。</p>`),
			[]string{"協定に署名した", "研修を受ける"}, []string{"コメの輸出", "関連記事"}},
		{"PageNumbers",
			articlePage("en", para1+para2+`<div class="article-pagination"><a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=2">Next page</a></div>`+para3),
			[]string{"first exchange", "Neither side"}, []string{"Next page"}},
		{"RubyReadings",
			articlePage("ja", `<p><ruby>日本<rt>にっぽん</rt></ruby>と<ruby><rb>港</rb><rp>(</rp><rt>みなと</rt><rp>)</rp></ruby>の<ruby>協力<rt>きょうりょく</rt></ruby>が<ruby>始<rt>はじ</rt></ruby>まりました。<ruby>技術者<rt>ぎじゅつしゃ</rt></ruby>が<ruby>一緒<rt>いっしょ</rt></ruby>に<ruby>勉強<rt>べんきょう</rt></ruby>します。来年から新しい研修が始まります。</p>`),
			[]string{"日本と港の協力が始まりました。技術者が一緒に勉強します。"}, []string{"にっぽん", "みなと", "("}},
		{"PaywallTeaserKept",
			articlePage("ja", `<p>両港湾当局は木曜日、コンテナ輸送のデータを共有し、クレーン運転士を共同で育成する5年間の協定に署名した。関係者によると、交流は春から始まる。</p>`+
				`<div class="wall"><p>この記事は有料記事です。残り1203文字</p><p><a href="/subscribe">続きを読む</a></p></div>`),
			[]string{"協定に署名した"}, []string{"有料記事", "続きを読む"}},
		{"CaptionAndCredit",
			articlePage("en", para1+`<figure><img src="x.jpg"><figcaption>Cranes at the Lach Huyen terminal. Photo: Harbour Ledger</figcaption></figure>`+para2+`<p>© 2026 Harbour Ledger. All rights reserved.</p>`),
			[]string{"first exchange"}, []string{"Cranes at", "All rights reserved"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(tt.page, "", "https://example.com/a")
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.contains {
				if !strings.Contains(a.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, a.Text)
				}
			}
			for _, s := range tt.excludes {
				if strings.Contains(a.Text, s) {
					t.Errorf("text has %q:\n%s", s, a.Text)
				}
			}
		})
	}
}

func TestClassMatcher(t *testing.T) {
	tests := []struct {
		value string
		want  bool
	}{
		{"relatedNews", true}, {"kbwscwl-relatedbox", true}, {"box-tinlienquanv2", true},
		{"p-article-ad", true}, {"cmsBodyPR", true}, {"most-read", true}, {"header", true},
		{"pr-4 mt-2", false}, {"article-body", false}, {"readability", false}, {"ad2", false},
		{"page-header", false}, {"shared-content", false}, {"sc-art10 yjSlinkDirectlink", false},
	}
	for _, tt := range tests {
		if got := boilerClasses.matches(tt.value); got != tt.want {
			t.Errorf("matches(%q) = %v, want %v", tt.value, got, tt.want)
		}
	}
}

func TestDateLine(t *testing.T) {
	for s, want := range map[string]bool{
		"2024年12月11日 12時05分 公開": true, "Thứ bảy, 7/3/2026, 08:47 (GMT+7)": true, "August 08, 2018": true,
		"3/9(木) 18:45配信": true, "09/03/2026 16:20": true,
		"Top 100 companies": false, "Vốn FDI tăng 30% trong 2 tháng": false, "12 killed in 2024 floods": false,
	} {
		if got := dateLine(s); got != want {
			t.Errorf("dateLine(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestPartialDates(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text, url string
		loc             *time.Location
		want            string
	}{
		{"YearFromURL", "12月4日 19時23分", "https://n.example.jp/news/html/20241204/k1.html", zoneJapan, "2024-12-04T19:23:00+09:00"},
		{"YearFromWeekday", "3/9(木) 18:45", "https://n.example.jp/articles/8f3a", zoneJapan, "2023-03-09T18:45:00+09:00"},
		{"LatestPastYear", "11月20日", "", zoneJapan, "2026-11-20T00:00:00+09:00"},
		{"FutureMeansLastYear", "12月24日 午後3時", "", zoneJapan, "2025-12-24T15:00:00+09:00"},
		{"ShortURLDate", "12月11日 12時05分", "https://t.example.jp/news/articles/2412/11/news087.html", zoneJapan, "2024-12-11T12:05:00+09:00"},
		{"VietnameseDayFirst", "08:47 7/3", "https://v.example.vn/a-20260307.htm", zoneVietnam, "2026-03-07T08:47:00+07:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := visibleDate([]string{tt.text}, tt.loc, parseURLDate(tt.url), now)
			if !ok || got.Format(time.RFC3339) != tt.want {
				t.Fatalf("got %v (%v), want %s", got, ok, tt.want)
			}
		})
	}
}

func TestPageZone(t *testing.T) {
	tests := []struct {
		lang, url string
		want      *time.Location
	}{
		{"en", "https://www.example.jp/news/1", zoneJapan},
		{"en", "https://e.example.vn/news/1", zoneVietnam},
		{"ja", "https://www.example.com/a", zoneJapan},
		{"vi", "", zoneVietnam},
		{"en", "https://www.example.com/a", nil},
	}
	for _, tt := range tests {
		if got := pageZone(tt.lang, tt.url); got != tt.want {
			t.Errorf("pageZone(%q, %q) = %v, want %v", tt.lang, tt.url, got, tt.want)
		}
	}
}

func TestTitleCredits(t *testing.T) {
	sites := []string{"Sora!ニュース"}
	m := &pageMeta{meta: map[string]string{"og:title": "ドリアン輸出解禁へ　検疫条件で合意（ひかり通信） - Sora!ニュース"}, h1: "ドリアン輸出解禁へ　検疫条件で合意"}
	if got := chooseTitle(m, &ldInfo{}, "", sites); got != m.h1 {
		t.Errorf("agency in brackets: %q, want %q", got, m.h1)
	}
	m = &pageMeta{meta: map[string]string{"og:title": "ハノイの都市鉄道が開業へ（写真＝ロイター）"}}
	if got, want := chooseTitle(m, &ldInfo{}, "", nil), "ハノイの都市鉄道が開業へ"; got != want {
		t.Errorf("photo credit: %q, want %q", got, want)
	}
	for _, tt := range []struct{ title, h1, want string }{
		{"[Emagazine] Kỹ sư trở về từ Nhật Bản - Báo Mẫu", "Kỹ sư trở về từ Nhật Bản", "Kỹ sư trở về từ Nhật Bản"},
		{"【動画】日越首脳が会談　経済協力を確認", "日越首脳が会談　経済協力を確認", "日越首脳が会談　経済協力を確認"},
		// The label is part of the page's own headline: kept.
		{"【速報】日越首脳が会談　経済協力を確認", "【速報】日越首脳が会談　経済協力を確認", "【速報】日越首脳が会談　経済協力を確認"},
		// Two labels, or text that is not a label, are not dropped.
		{"[Video] [Ảnh] Kỹ sư trở về từ Nhật Bản", "Kỹ sư trở về từ Nhật Bản", "[Video] [Ảnh] Kỹ sư trở về từ Nhật Bản"},
		{"Tin nóng Kỹ sư trở về từ Nhật Bản", "Kỹ sư trở về từ Nhật Bản", "Tin nóng Kỹ sư trở về từ Nhật Bản"},
	} {
		m = &pageMeta{meta: map[string]string{"og:title": tt.title}, h1: tt.h1}
		if got := chooseTitle(m, &ldInfo{}, "", []string{"Báo Mẫu"}); got != tt.want {
			t.Errorf("chooseTitle(%q, h1 %q) = %q, want %q", tt.title, tt.h1, got, tt.want)
		}
	}
}
