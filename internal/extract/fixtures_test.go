package extract

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// Run "go test -run TestCharsetFixtures -update" after changing a fixture
// below to rewrite the encoded files in testdata/charset.
var update = flag.Bool("update", false, "rewrite generated testdata files")

// charsetFixture is a page in a legacy encoding. Its UTF-8 source is kept
// here, so the encoded bytes in testdata/charset can be regenerated and
// decoding can be checked against the exact original.
type charsetFixture struct {
	file string
	enc  encoding.Encoding
	src  func(t testing.TB) string // UTF-8 page, charset declaration included
}

const (
	textJA = "日本とベトナムの経済協力が新しい段階に入った。港湾、鉄道、人材育成の分野で合意が相次いでいる。"
	textVI = "Việt Nam và Nhật Bản ký kết thỏa thuận hợp tác về đào tạo nguồn nhân lực, cảng biển và đường sắt tốc độ cao."
	textFR = "Le café « Déjà Vu » à Nîmes sert des crêpes — 5 € la pièce, “naïve” façon."
	textPT = "São Paulo recebe a exposição de açaí e pão de queijo; a entrada é grátis."
)

func page(decl, title, text string) string {
	return "<!DOCTYPE html>\n<html>\n<head>\n" + decl + "\n<title>" + title + "</title>\n</head>\n<body>\n<p>" + text + "</p>\n</body>\n</html>\n"
}

// padding pushes a declaration past the 1024 bytes browsers prescan.
var padding = "<!-- " + strings.Repeat("layout build banner; ", 70) + "-->\n<script>var cfg = {};</script>"

func fixed(s string) func(testing.TB) string { return func(testing.TB) string { return s } }

var charsetFixtures = []charsetFixture{
	{"sjis-meta.html", japanese.ShiftJIS, fixed(page(`<meta charset="Shift_JIS">`, "経済協力", textJA))},
	{"eucjp-http-equiv.html", japanese.EUCJP, fixed(page(`<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">`, "経済協力", textJA))},
	{"eucjp-xml-decl.html", japanese.EUCJP, fixed(`<?xml version="1.0" encoding="EUC-JP"?>` + "\n" + page("", "経済協力", textJA))},
	{"sjis-undeclared.html", japanese.ShiftJIS, fixed(page("", "経済協力のニュース", strings.Repeat(textJA, 4)))},
	{"sjis-late-meta.html", japanese.ShiftJIS, fixed(page(padding+`<meta charset="shift_jis">`, "経済協力", textJA))},
	{"win1258-meta.html", charmap.Windows1258, fixed(page(`<meta charset="windows-1258">`, "Hợp tác Việt – Nhật", textVI))},
	{"win1252-late-meta.html", charmap.Windows1252, fixed(page(padding+`<meta http-equiv="content-type" content="text/html; charset=windows-1252">`, "Café", textFR))},
	{"latin1-undeclared.html", charmap.ISO8859_1, fixed(page("", "Exposição", textPT))},
	{"utf16le-bom.html", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), fixed(page(`<meta charset="utf-16">`, "経済協力", textJA))},
	{"ja-local-sjis.html", japanese.ShiftJIS, func(t testing.TB) string {
		b, err := os.ReadFile(filepath.Join("testdata", "articles", "ja-local.html"))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Replace(string(b), `charset="utf-8"`, `charset="Shift_JIS"`, 1)
	}},
}

// encodeFixture encodes src. windows-1258 has few precomposed Vietnamese
// letters, so text is first put in the form the code page expects: base
// letters with their shape marks composed and tone marks left combining.
func encodeFixture(t testing.TB, f charsetFixture) []byte {
	t.Helper()
	src := f.src(t)
	if f.enc == charmap.Windows1258 {
		src = cp1258Form(src)
	}
	b, err := f.enc.NewEncoder().Bytes([]byte(src))
	if err != nil {
		t.Fatalf("encode %s: %v", f.file, err)
	}
	return b
}

func cp1258Form(s string) string {
	var out strings.Builder
	for _, r := range s {
		d := norm.NFD.String(string(r))
		var base, tones strings.Builder
		for _, c := range d {
			switch c {
			case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
				tones.WriteRune(c)
			default:
				base.WriteRune(c)
			}
		}
		out.WriteString(norm.NFC.String(base.String()))
		out.WriteString(tones.String())
	}
	return out.String()
}

func loadCharsetFixture(t testing.TB, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "charset", file))
	if err != nil {
		t.Fatalf("read fixture (run go test -run TestCharsetFixtures -update): %v", err)
	}
	return b
}

// TestCharsetFixtures keeps the encoded files in step with their sources.
func TestCharsetFixtures(t *testing.T) {
	for _, f := range charsetFixtures {
		t.Run(f.file, func(t *testing.T) {
			want := encodeFixture(t, f)
			path := filepath.Join("testdata", "charset", f.file)
			if *update {
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := loadCharsetFixture(t, f.file); !bytes.Equal(got, want) {
				t.Fatalf("%s is stale; run go test -run TestCharsetFixtures -update", path)
			}
		})
	}
}
