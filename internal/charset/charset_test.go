package charset

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

const textJA = "日本とベトナムの経済協力が新しい段階に入った。港湾、鉄道、人材育成の分野で合意が相次いでいる。"

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	late := "<!-- " + strings.Repeat("banner ", 200) + "-->"
	tests := []struct {
		name, page, contentType, wantName string
		enc                               encoding.Encoding
	}{
		{"ShiftJISUndeclared", "<html><body><p>" + strings.Repeat(textJA, 3) + "</p></body></html>", "text/html", "shift_jis", japanese.ShiftJIS},
		{"ShiftJISLateMeta", "<html><head>" + late + `<meta charset="shift_jis"></head><body><p>` + textJA + "</p></body></html>", "", "shift_jis", japanese.ShiftJIS},
		{"EUCJPUnderLatin1Header", `<html><head><meta charset="euc-jp"></head><body><p>` + textJA + "</p></body></html>", "text/html; charset=iso-8859-1", "euc-jp", japanese.EUCJP},
		{"UTF8UnderWrongHeader", "<p>" + textJA + "</p>", "text/html; charset=shift_jis", "utf-8", encoding.Nop},
		{"Windows1252Undeclared", "<p>Café « déjà » 5 €</p>", "", "windows-1252", charmap.Windows1252},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, name, err := Decode(encode(t, tt.enc, tt.page), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if name != tt.wantName {
				t.Errorf("charset %q, want %q", name, tt.wantName)
			}
			if string(out) != tt.page {
				t.Errorf("decoded %.80q, want %.80q", out, tt.page)
			}
		})
	}
}

func TestDecodeXML(t *testing.T) {
	tests := []struct {
		name, doc, contentType string
		enc                    encoding.Encoding
		want                   string
	}{
		{"DeclaredEUCJP", `<?xml version="1.0" encoding="EUC-JP"?><rss><title>` + textJA + `</title></rss>`, "", japanese.EUCJP,
			`<?xml version="1.0" encoding="UTF-8"?><rss><title>` + textJA + `</title></rss>`},
		{"HeaderOnly", `<rss><title>` + textJA + `</title></rss>`, "application/rss+xml; charset=shift_jis", japanese.ShiftJIS,
			`<rss><title>` + textJA + `</title></rss>`},
		{"UTF8KeepsDeclaration", `<?xml version="1.0" encoding="utf-8"?><a>é</a>`, "text/xml; charset=iso-8859-1", encoding.Nop,
			`<?xml version="1.0" encoding="utf-8"?><a>é</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(DecodeXML(encode(t, tt.enc, tt.doc), tt.contentType)); got != tt.want {
				t.Errorf("DecodeXML = %.100q, want %.100q", got, tt.want)
			}
		})
	}
}
