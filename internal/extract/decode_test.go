package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/unicode/norm"
)

func fixtureByName(t *testing.T, file string) charsetFixture {
	t.Helper()
	for _, f := range charsetFixtures {
		if f.file == file {
			return f
		}
	}
	t.Fatalf("no fixture %s", file)
	return charsetFixture{}
}

func TestDecodeFixtures(t *testing.T) {
	tests := []struct {
		name        string
		file        string
		contentType string
		wantCharset string
	}{
		{"ShiftJISMeta", "sjis-meta.html", "", "shift_jis"},
		{"ShiftJISMetaAfter1024", "sjis-late-meta.html", "text/html", "shift_jis"},
		{"ShiftJISUndeclared", "sjis-undeclared.html", "", "shift_jis"},
		{"ShiftJISHeader", "sjis-undeclared.html", "text/html; charset=Shift_JIS", "shift_jis"},
		{"EUCJPHttpEquiv", "eucjp-http-equiv.html", "", "euc-jp"},
		{"EUCJPXMLDeclaration", "eucjp-xml-decl.html", "", "euc-jp"},
		{"Windows1258", "win1258-meta.html", "", "windows-1258"},
		{"Windows1252MetaAfter1024", "win1252-late-meta.html", "", "windows-1252"},
		{"ISO88591Header", "latin1-undeclared.html", "text/html; charset=ISO-8859-1", "windows-1252"},
		{"ISO88591Undeclared", "latin1-undeclared.html", "", "windows-1252"},
		{"UTF16BOM", "utf16le-bom.html", "text/html; charset=utf-8", "utf-16le"},
		// Conflicts between the header and the page.
		{"GenericHeaderYieldsToMeta", "sjis-meta.html", "text/html; charset=windows-1252", "shift_jis"},
		{"UTF8HeaderOnEUCJPBytes", "eucjp-http-equiv.html", "text/html; charset=utf-8", "euc-jp"},
		{"SpecificHeaderWins", "sjis-undeclared.html", "text/html; charset=shift_jis", "shift_jis"},
		{"ShiftJISUnderLatin1Header", "sjis-undeclared.html", "text/html; charset=ISO-8859-1", "shift_jis"},
		{"ShiftJISUnderUTF8Header", "sjis-undeclared.html", "text/html; charset=utf-8", "shift_jis"},
		{"MalformedHeader", "eucjp-http-equiv.html", "text/html; charset=euc-jp;;", "euc-jp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixtureByName(t, tt.file)
			got, cs, err := Decode(loadCharsetFixture(t, tt.file), tt.contentType)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if cs != tt.wantCharset {
				t.Errorf("charset=%q, want %q", cs, tt.wantCharset)
			}
			if want := norm.NFC.String(f.src(t)); string(got) != want {
				t.Errorf("decoded page differs from source:\n got %.200q\nwant %.200q", got, want)
			}
		})
	}
}

func TestDecodeWindows1258IsNFC(t *testing.T) {
	got, _, err := Decode(loadCharsetFixture(t, "win1258-meta.html"), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range string(got) {
		if unicode.Is(unicode.Mn, r) {
			t.Fatalf("combining mark %U left in output", r)
		}
	}
	if !strings.Contains(string(got), "Việt Nam") {
		t.Errorf("precomposed %q missing from %q", "Việt Nam", got)
	}
}

func TestDecodeConflicts(t *testing.T) {
	vi := []byte(page(`<meta charset="utf-8">`, "Tin", textVI))
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(page(`<meta charset="euc-jp">`, "t", textJA)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantCharset string
		wantText    string
	}{
		{"UTF8BodyUnderLatin1Header", vi, "text/html; charset=iso-8859-1", "utf-8", "Việt Nam"},
		{"UTF8BodyUnderShiftJISHeader", vi, "text/html; charset=shift_jis", "utf-8", "Việt Nam"},
		{"HeaderBeatsWrongMeta", sjis, "text/html; charset=Shift_JIS", "shift_jis", "経済協力"},
		{"ASCIIWithHeader", []byte("<p>plain text</p>"), "text/html; charset=euc-jp", "euc-jp", "plain text"},
		{"ASCIIUndeclared", []byte("<p>plain text</p>"), "", "utf-8", "plain text"},
		{"UnknownLabel", []byte("<meta charset=klingon><p>plain</p>"), "text/html; charset=x-unknown", "utf-8", "plain"},
		{"ReplacementLabelIgnored", vi, "text/html; charset=iso-2022-kr", "utf-8", "Việt Nam"},
		{"UTF8BOM", append([]byte("\xEF\xBB\xBF"), vi...), "text/html; charset=windows-1252", "utf-8", "Việt Nam"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs, err := Decode(tt.body, tt.contentType)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if cs != tt.wantCharset {
				t.Errorf("charset=%q, want %q", cs, tt.wantCharset)
			}
			if !strings.Contains(string(got), tt.wantText) {
				t.Errorf("output %.120q lacks %q", got, tt.wantText)
			}
			if strings.HasPrefix(string(got), "\uFEFF") {
				t.Errorf("byte order mark left in output")
			}
		})
	}
}

func TestDecodeGarbage(t *testing.T) {
	inputs := map[string][]byte{
		"Empty":          nil,
		"InvalidUTF8":    {0xff, 0xfe, 0xfd, 0x80, 0x81, '<', 'p', '>', 0xc3},
		"TruncatedSJIS":  {'<', 'p', '>', 0x93, 0xfa, 0x96},
		"NULs":           make([]byte, 64),
		"LoneUTF16BOM":   {0xfe, 0xff, 0x00},
		"MetaOnlyNoBody": []byte(`<meta charset="shift_jis"><meta charset=`),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			got, _, err := Decode(in, "text/html; charset=\"")
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if !utf8.Valid(got) {
				t.Errorf("output is not valid UTF-8: %q", got)
			}
		})
	}
}
