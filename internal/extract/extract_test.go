package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func readArticle(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type articleCase struct {
	name        string
	body        func(t testing.TB) []byte
	contentType string
	pageURL     string
	want        Article // Text is not compared; see contains and excludes
	contains    []string
	excludes    []string
}

func fromArticle(name string) func(testing.TB) []byte {
	return func(t testing.TB) []byte { return readArticle(t, name) }
}

func fromCharset(name string) func(testing.TB) []byte {
	return func(t testing.TB) []byte { return loadCharsetFixture(t, name) }
}

// withReplace edits a fixture on the fly, for variants of one page.
func withReplace(name, old, repl string) func(testing.TB) []byte {
	return func(t testing.TB) []byte {
		return []byte(strings.ReplaceAll(string(readArticle(t, name)), old, repl))
	}
}

var articleCases = []articleCase{
	{
		name: "EnglishNewsArticle", body: fromArticle("en-port.html"),
		contentType: "text/html; charset=utf-8", pageURL: "https://harbourledger.example/business/2026/11/hai-phong-osaka-ports?utm_source=feed",
		want: Article{
			Title: "Hai Phong and Osaka sign port partnership", Author: "Clara Whitfield, Tran Minh Duc",
			Lang: "en", SiteName: "Harbour Ledger", Charset: "utf-8",
			Description: "The two port authorities agreed to share data on container traffic and to train crane operators together.",
			Published:   mustTime("2026-11-12T13:15:00+07:00"),
			Canonical:   "https://harbourledger.example/business/2026/11/hai-phong-osaka-ports",
		},
		contains: []string{"signed a five-year partnership on Thursday", "Trade links growing", "Neither side disclosed the cost"},
		excludes: []string{"Subscribe today", "Cheap freight", "Related stories", "Rice exporters", "Great news for the logistics",
			"portwatcher", "Share on Facebook", "All rights reserved", "Privacy policy", "Home"},
	},
	{
		name: "EnglishSplitBody", body: fromArticle("en-split.html"), pageURL: "https://mekongdispatch.example/food/coffee-kobe",
		want: Article{
			Title: "Why a coffee cooperative in the Central Highlands now ships to Kobe", Author: "Hannah Okafor",
			Lang: "en", Charset: "utf-8", Published: mustTime("2026-10-03T09:00:00+07:00"),
			SiteName:    "mekongdispatch.example", // no name on the page: the host
			Description: "A cooperative of smallholders found a buyer in western Japan by changing how it dries its beans.",
		},
		contains: []string{"Three years ago the growers", "a rule that took a season to enforce", "The buyer in Kobe blends the beans", "cup and grade coffee themselves"},
		excludes: []string{"Save on hotels", "Most popular", "Ten street foods", "Pepper farmers", "Lovely story", "Sign up for the morning briefing"},
	},
	{
		name: "VietnameseNoJSONLD", body: fromArticle("vi-labor.html"),
		want: Article{
			Title: "Nhật Bản mở thêm chương trình đào tạo cho lao động Việt Nam", Author: "Lan Hương",
			Lang: "vi", SiteName: "Báo Tin Nhanh", Charset: "utf-8", Published: mustTime("2026-11-12T08:30:00+07:00"),
			Description: "Ba tỉnh miền Trung sẽ có trung tâm dạy tiếng Nhật và kỹ năng điều dưỡng cho người lao động trước khi sang làm việc.",
			Canonical:   "https://baotinnhanh.example/thoi-su/nhat-ban-dao-tao-lao-dong-viet-nam-48213.html",
		},
		contains: []string{"Theo thỏa thuận ký sáng nay tại Đà Nẵng", "lập đường dây nóng song ngữ"},
		excludes: []string{"Tin liên quan", "Giá vé máy bay", "Chương trình rất thiết thực", "Minh Tuấn", "Xem nhiều", "Mưa lớn", "Giấy phép", "Thời sự"},
	},
	{
		name: "VietnameseWrongLangAttr", body: withReplace("vi-labor.html", `lang="vi"`, `lang="en"`),
		want: Article{
			Title: "Nhật Bản mở thêm chương trình đào tạo cho lao động Việt Nam", Author: "Lan Hương",
			Lang: "vi", SiteName: "Báo Tin Nhanh", Charset: "utf-8", Published: mustTime("2026-11-12T08:30:00+07:00"),
			Description: "Ba tỉnh miền Trung sẽ có trung tâm dạy tiếng Nhật và kỹ năng điều dưỡng cho người lao động trước khi sang làm việc.",
			Canonical:   "https://baotinnhanh.example/thoi-su/nhat-ban-dao-tao-lao-dong-viet-nam-48213.html",
		},
		contains: []string{"Theo thỏa thuận"},
	},
	{
		name: "JapaneseJSONLDUnixMillis", body: fromArticle("ja-trainees.html"),
		want: Article{
			Title: "ベトナム人材の受け入れ、地方の中小企業で拡大　新制度を前に準備進む", Author: "佐藤 美咲",
			Lang: "ja", SiteName: "東西経済新聞", Charset: "utf-8", Published: mustTime("2026-11-12T08:30:00+09:00"),
			Description: "地方の中小企業でベトナムからの人材受け入れが広がっている。",
			Canonical:   "https://tozai-keizai.example/articles/20261112-vn-jinzai",
		},
		contains: []string{"地方の中小企業で、ベトナムからの人材受け入れが広がっている。", "と指摘している。"},
		excludes: []string{"関連記事", "円安", "アクセスランキング", "新型スマートフォン", "うちの会社でも", "ログイン", "Copyright"},
	},
	{
		name: "VietnameseJavaScriptShell", body: fromArticle("vi-jsshell.html"),
		want: Article{
			Title: "Đường bay thẳng Đà Nẵng – Fukuoka sẽ mở từ tháng Ba", Author: "Bích Ngọc",
			Lang: "vi", SiteName: "Du Lịch Mới", Charset: "utf-8", Published: mustTime("2026-11-12T08:30:00+07:00"),
		},
		contains: []string{"bốn chuyến mỗi tuần", "tăng nhanh nhờ du lịch và lao động.\n\nGiá vé khuyến mãi"},
		excludes: []string{"JavaScript"},
	},
	{
		name: "JapaneseShiftJISVisibleDate", body: fromCharset("ja-local-sjis.html"), pageURL: "https://minato-nippo.example/news/1234",
		want: Article{
			Title: "港町の日本語教室、ベトナム出身の住民が講師に", Lang: "ja", Charset: "shift_jis",
			SiteName:    "minato-nippo.example",
			Published:   mustTime("2026-11-12T08:30:00+09:00"),
			Description: "市内の日本語教室で、ベトナム出身の住民が講師として活躍している。",
		},
		contains: []string{"日本語教室で、ベトナム出身の住民が講師として教壇に立っている。", "講座も始めた。"},
		excludes: []string{"秋祭り", "ツイート", "市営プール", "お問い合わせ"},
	},
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestExtractArticles(t *testing.T) {
	for _, tt := range articleCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Extract(tt.body(t), tt.contentType, tt.pageURL)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			checkMeta(t, got, &tt.want)
			for _, s := range tt.contains {
				if !strings.Contains(got.Text, s) {
					t.Errorf("Text lacks %q\ntext: %s", s, got.Text)
				}
			}
			for _, s := range tt.excludes {
				if strings.Contains(got.Text, s) {
					t.Errorf("Text contains boilerplate %q\ntext: %s", s, got.Text)
				}
			}
			checkClean(t, got)
		})
	}
}

func checkMeta(t *testing.T, got, want *Article) {
	t.Helper()
	fields := []struct{ name, got, want string }{
		{"Title", got.Title, want.Title}, {"Author", got.Author, want.Author},
		{"Lang", got.Lang, want.Lang}, {"SiteName", got.SiteName, want.SiteName},
		{"Description", got.Description, want.Description}, {"Canonical", got.Canonical, want.Canonical},
		{"Charset", got.Charset, want.Charset},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("%s=%q, want %q", f.name, f.got, f.want)
		}
	}
	if g, w := got.Published.Format(time.RFC3339), want.Published.Format(time.RFC3339); g != w {
		t.Errorf("Published=%s, want %s", g, w)
	}
}

// checkClean asserts the output invariants: NFC everywhere, paragraphs
// separated by exactly one blank line, no stray whitespace.
func checkClean(t *testing.T, a *Article) {
	t.Helper()
	for name, s := range map[string]string{"Title": a.Title, "Author": a.Author, "Text": a.Text, "Description": a.Description} {
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("%s is not NFC", name)
		}
		if s != strings.TrimSpace(s) {
			t.Errorf("%s has surrounding whitespace", name)
		}
	}
	if strings.Contains(a.Text, "\n\n\n") {
		t.Errorf("Text has more than one blank line between paragraphs")
	}
	for _, p := range strings.Split(a.Text, "\n\n") {
		if p != strings.TrimSpace(p) || p == "" {
			t.Errorf("paragraph %q is empty or padded", p)
		}
	}
}

func TestExtractNoText(t *testing.T) {
	tests := []struct {
		name      string
		body      []byte
		wantTitle string
	}{
		{"IndexPage", readArticle(t, "index.html"), "Section: Business"},
		{"Empty", nil, ""},
		{"OnlyHead", []byte("<html><head><title>Loading…</title></head><body><script>app()</script></body></html>"), "Loading…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Extract(tt.body, "", "")
			if !errors.Is(err, ErrNoText) {
				t.Fatalf("err=%v, want ErrNoText", err)
			}
			if got == nil {
				t.Fatal("nil Article with ErrNoText; metadata should still be returned")
			}
			if got.Text != "" {
				t.Errorf("Text=%q, want empty", got.Text)
			}
			if got.Title != tt.wantTitle {
				t.Errorf("Title=%q, want %q", got.Title, tt.wantTitle)
			}
		})
	}
}

func TestExtractWindows1258(t *testing.T) {
	got, err := Extract(loadCharsetFixture(t, "win1258-meta.html"), "", "")
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if got.Charset != "windows-1258" || got.Lang != "vi" {
		t.Errorf("Charset=%q Lang=%q, want windows-1258 vi", got.Charset, got.Lang)
	}
	if want := norm.NFC.String(textVI); got.Text != want {
		t.Errorf("Text=%q, want %q", got.Text, want)
	}
	if got.Title != "Hợp tác Việt – Nhật" {
		t.Errorf("Title=%q", got.Title)
	}
}

func TestExtractBrokenHTML(t *testing.T) {
	para := "<p>" + strings.Repeat("The ministry said the talks would continue next week in Tokyo. ", 6)
	inputs := map[string]string{
		"Unclosed":        "<html><body><div><div><article>" + para + para,
		"StrayEndTags":    "</div></p></body>" + para + "</html></span></table>" + para,
		"TableSoup":       "<table><tr><td>" + para + "<td><table><tr>" + para,
		"DeepNesting":     strings.Repeat("<div><span>", 200) + para + para,
		"BinaryNoise":     "\x00\x01<p>\xff\xfe" + para + "\x00",
		"BadJSONLD":       `<script type="application/ld+json">{"@type":"NewsArticle","headline":` + "</script>" + para + para,
		"ScriptInTitle":   "<title><script>x</script>T</title>" + para + para,
		"HugeAttribute":   `<div class="` + strings.Repeat("a", 100000) + `">` + para + para + "</div>",
		"MetaWithoutBody": `<meta property="article:published_time"><meta name="author"><link rel="canonical" href="::">` + para + para,
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			a, err := Extract([]byte(in), "", "::not a url")
			if err != nil && !errors.Is(err, ErrNoText) {
				t.Fatalf("Extract: %v", err)
			}
			if a == nil {
				t.Fatal("nil Article")
			}
		})
	}
	// The HTML parser refuses documents nested deeper than 512 elements;
	// that must be an error, not a panic.
	if _, err := Extract([]byte(strings.Repeat("<div>", 5000)+para), "", ""); err == nil {
		t.Errorf("Extract of 5000 nested divs: no error")
	}
}

func TestExtractConcurrent(t *testing.T) {
	body := readArticle(t, "en-port.html")
	want, err := Extract(body, "", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("group", func(t *testing.T) {
		for i := 0; i < 4; i++ {
			t.Run("worker", func(t *testing.T) {
				t.Parallel()
				got, err := Extract(body, "", "")
				if err != nil {
					t.Fatal(err)
				}
				if got.Text != want.Text || got.Title != want.Title {
					t.Error("concurrent Extract gave a different result")
				}
			})
		}
	})
}
