package extract

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestCleanTitle(t *testing.T) {
	sites := []string{"Harbour Ledger", "vnexpress", "NHKニュース"}
	tests := []struct {
		name, in, want string
	}{
		{"PipeSuffix", "Port deal signed | Harbour Ledger", "Port deal signed"},
		{"DashSuffixHost", "Giá vàng tăng mạnh - VnExpress", "Giá vàng tăng mạnh"},
		{"ExtendedSiteName", "Giá vàng tăng mạnh - VnExpress Kinh doanh", "Giá vàng tăng mạnh"},
		{"SitePrefix", "Harbour Ledger | Port deal signed", "Port deal signed"},
		{"DashInHeadlineKept", "Viet Nam - Japan ties deepen", "Viet Nam - Japan ties deepen"},
		{"PlaceLikeSiteKept", "Vietnam - talks resume | Harbour Ledger", "Vietnam - talks resume"},
		{"UnknownShortPipe", "Section: Business | Some Paper", "Section: Business"},
		{"LongPipeTailKept", "Milan Design Week | Anastassiades light installation for FLOS", "Milan Design Week | Anastassiades light installation for FLOS"},
		{"JapanesePipe", "港町の日本語教室｜みなと日報", "港町の日本語教室"},
		{"SectionThenSite", "ベトナムと経済連携 | NHK | 国際", "ベトナムと経済連携"},
		{"ShortenedSiteName", "ベトナムと経済連携 - NHK", "ベトナムと経済連携"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanTitle(tt.in, sites); got != tt.want {
				t.Fatalf("cleanTitle(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHostLabels(t *testing.T) {
	if got, want := hostLabels("https://www3.nhk.or.jp/news/a.html"), []string{"nhk"}; !reflect.DeepEqual(got, want) {
		t.Errorf("hostLabels=%q, want %q", got, want)
	}
	if got, want := hostLabels("https://e.vnexpress.net/news"), []string{"vnexpress"}; !reflect.DeepEqual(got, want) {
		t.Errorf("hostLabels=%q, want %q", got, want)
	}
}

func TestChooseLang(t *testing.T) {
	const (
		en = "The port authorities signed a partnership on Thursday to share data."
		vi = "Việt Nam và Nhật Bản ký kết thỏa thuận hợp tác về đào tạo nguồn nhân lực."
		ja = "地方の中小企業で、ベトナムからの人材受け入れが広がっている。"
	)
	tests := []struct {
		name     string
		text     string
		declared []string
		want     string
	}{
		{"DeclaredMatches", en, []string{"en-US"}, "en"},
		{"DeclaredRegion", vi, []string{"vi-VN"}, "vi"},
		{"LocaleUnderscore", ja, []string{"", "", "ja_JP"}, "ja"},
		{"CountryCodeAlias", ja, []string{"jp"}, "ja"},
		{"WrongAttrOnJapanese", ja, []string{"en"}, "ja"},
		{"WrongAttrOnVietnamese", vi, []string{"en"}, "vi"},
		{"ViAttrOnEnglish", en, []string{"vi"}, "en"},
		{"SecondDeclarationUsed", ja, []string{"en", "ja"}, "ja"},
		{"OtherLatinTrusted", "Le port a signé un accord jeudi.", []string{"fr"}, "fr"},
		{"NoDeclaration", vi, nil, "vi"},
		{"Garbage", en, []string{"x-klingon", "12"}, "en"},
		{"NoText", "", []string{"ko"}, "ko"},
		{"UncheckableScript", "Η συμφωνία υπογράφηκε την Πέμπτη στο λιμάνι.", []string{"el"}, "el"},
		{"HintRefinesLatin", strings.Repeat("O porto assinou um acordo de cooperação na quinta-feira. ", 8), nil, "pt"},
		{"HintIgnoredWhenShort", "O porto assinou um acordo.", nil, "en"},
		{"DeclaredEnglishTrusted", strings.Repeat("The port signed a cooperation agreement on Thursday with its partner. ", 8), []string{"en"}, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := chooseLang(tt.text, tt.declared...); got != tt.want {
				t.Fatalf("chooseLang = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCleanAuthors(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"ByPrefix", []string{"By Clara Whitfield"}, []string{"Clara Whitfield"}},
		{"Semicolons", []string{"Lisa Kaczke; Trevor Mitchell"}, []string{"Lisa Kaczke", "Trevor Mitchell"}},
		{"Credentials", []string{"Rachael Link; MS; RD"}, []string{"Rachael Link"}},
		{"GluedDate", []string{"Carrie Arnold November 15, 2026"}, []string{"Carrie Arnold"}},
		{"ProfileURL", []string{"https://www.facebook.com/someone"}, nil},
		{"Handle", []string{"@harbourledger"}, nil},
		{"Vietnamese", []string{"Theo Lan Hương"}, []string{"Lan Hương"}},
		{"Japanese", []string{"佐藤 美咲"}, []string{"佐藤 美咲"}},
		{"Entities", []string{"Tr&#7847;n Minh"}, []string{"Trần Minh"}},
		{"Duplicates", []string{"Lan", "lan"}, []string{"Lan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanAuthors(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("cleanAuthors(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseJSONLD(t *testing.T) {
	tests := []struct {
		name   string
		blocks []string
		want   ldInfo
	}{
		{
			"GraphWithWebsite",
			[]string{`{"@graph":[{"@type":"WebSite","name":"Harbour Ledger"},{"@type":["NewsArticle"],"headline":"Deal &amp; more","datePublished":"2026-11-12","author":{"name":"A B"},"publisher":{"name":"HL"},"inLanguage":"en"}]}`},
			ldInfo{headline: "Deal & more", published: "2026-11-12", authors: []string{"A B"}, publisher: "HL", language: "en", siteName: "Harbour Ledger"},
		},
		{
			"FirstArticleWins",
			[]string{`[{"@type":"http://schema.org/ReportageNewsArticle","headline":"Main","datePublished":1794439800000},{"@type":"NewsArticle","headline":"Teaser"}]`},
			ldInfo{headline: "Main", published: "1794439800000"},
		},
		{
			"RawNewlinesAndTrailingComma",
			[]string{"{\"@type\":\"BlogPosting\",\"headline\":\"Line one\nline two\",\"author\":[\"Lan\",{\"name\":\"Minh\"}],}"},
			ldInfo{headline: "Line one line two", authors: []string{"Lan", "Minh"}},
		},
		{
			"WebPageDateOnly",
			[]string{`{"@type":"WebPage","datePublished":"2026-11-01T00:00:00Z"}`, `not json at all`},
			ldInfo{pagePublished: "2026-11-01T00:00:00Z"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseJSONLD(tt.blocks); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("parseJSONLD = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadPageLead(t *testing.T) {
	lead := "ĐNĐT - Sáng 6/3, thành phố tổ chức hội nghị giới thiệu cơ hội đầu tư cho hơn 80 doanh nghiệp Nhật Bản."
	tests := []struct {
		name, page, want string
	}{
		{"TeaserNextToHeadline", `<div class="detail"><div class="title"><h1>Đà Nẵng mời gọi đầu tư</h1></div><div class="teaser"><strong>` + lead + `</strong></div><div class="content"><p>Thân bài.</p></div></div>`, lead},
		{"SapoNextToHeadline", `<div><h1>Đà Nẵng mời gọi đầu tư</h1><h2 class="sapo">` + lead + `</h2></div>`, lead},
		{"TeaserListFarAwayIgnored", `<div><h1>Đà Nẵng mời gọi đầu tư</h1></div><div><div><div><ul><li class="teaser">` + lead + `</li></ul></div></div></div>`, ""},
		{"TeaserWithoutProseIgnored", `<div><h1>Đà Nẵng mời gọi đầu tư</h1><div class="teaser"><a href="/a">Xem video</a></div></div>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + tt.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := readPage(doc).lead; got != tt.want {
				t.Fatalf("lead = %q, want %q", got, tt.want)
			}
		})
	}
}
