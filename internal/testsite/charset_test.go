package testsite

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/unicode/norm"
)

func TestLegacyCharsetPages(t *testing.T) {
	s := mustStart(t)
	tests := []struct {
		slug, charset string
		enc           encoding.Encoding
	}{
		{"kagawa-ken-danang-shi-yuko-koryu-kyotei", CharsetShiftJIS, japanese.ShiftJIS},
		{"nichietsu-kenkyu-kikan-kogata-chikyu-kansoku-eisei", CharsetEUCJP, japanese.EUCJP},
		{"le-hoi-viet-nhat-lan-thu-11-tp-ho-chi-minh", CharsetWindows1258, charmap.Windows1258},
	}
	for _, tt := range tests {
		t.Run(tt.charset, func(t *testing.T) {
			st := storyAt(t, s, s.URL(tt.slug))
			if st.Charset != tt.charset {
				t.Fatalf("story charset %q, want %q", st.Charset, tt.charset)
			}
			r := get(t, s.URL(tt.slug))
			if got := r.header.Get("Content-Type"); got != "text/html" {
				t.Errorf("Content-Type = %q, want bare text/html", got)
			}
			if utf8.Valid(r.body) {
				t.Error("body is valid UTF-8, want legacy bytes")
			}
			meta := `<meta charset="` + tt.charset + `">`
			if i := bytes.Index(r.body, []byte(meta)); i < 0 || i > 1024 {
				t.Errorf("%s at byte %d, want within the first 1024", meta, i)
			}
			decoded, err := tt.enc.NewDecoder().Bytes(r.body)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			page := html.UnescapeString(norm.NFC.String(string(decoded)))
			for _, want := range []string{"<title>" + st.Title, st.Body[len(st.Body)-1]} {
				if !strings.Contains(page, want) {
					t.Errorf("decoded page lacks %q", want)
				}
			}
			// A crawler that sniffs the way browsers do finds the charset too.
			_, name, _ := charset.DetermineEncoding(r.body, r.header.Get("Content-Type"))
			if !strings.EqualFold(name, tt.charset) && !(tt.charset == CharsetShiftJIS && name == "shift_jis") {
				t.Errorf("DetermineEncoding = %q, want %q", name, tt.charset)
			}
		})
	}
}

func TestWindows1258Form(t *testing.T) {
	tests := map[string]string{
		"ệ":        "ê\u0323",
		"Ưở":       "Ư" + "ơ\u0309",
		"ặ":        "ă\u0323",
		"Hà Nội":   "Ha\u0300 Nô\u0323i",
		"đường":    "đươ\u0300ng",
		"plain":    "plain",
		"日本":       "日本",
		"Nguyễn Ý": "Nguyê\u0303n Y\u0301",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			got := windows1258Form(in)
			if got != want {
				t.Errorf("windows1258Form(%q) = %+q, want %+q", in, got, want)
			}
			if back := norm.NFC.String(got); back != in {
				t.Errorf("NFC round trip = %q, want %q", back, in)
			}
		})
	}
}

// TestLegacyStoriesEncodeCleanly checks that the text of legacy-charset
// stories needs no character references: only navigation may.
func TestLegacyStoriesEncodeCleanly(t *testing.T) {
	entries, err := loadEntries()
	if err != nil {
		t.Fatalf("loadEntries: %v", err)
	}
	for _, e := range entries {
		if e.Charset == "" {
			continue
		}
		text := e.Title + "\n" + strings.Join(e.Body, "\n") + "\n" + e.Author
		if strings.EqualFold(e.Charset, CharsetWindows1258) {
			text = windows1258Form(text)
		}
		if _, err := legacyEncoding(e.Charset).NewEncoder().String(text); err != nil {
			t.Errorf("%s: text not representable in %s: %v", e.Slug, e.Charset, err)
		}
	}
}
