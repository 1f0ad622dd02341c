package classify

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalizeTerm(t *testing.T) {
	tests := []struct {
		in   string
		f    form
		want string // lowercase key
	}{
		{"Việt Nam", formFold, "viet nam"},
		{norm.NFD.String("Việt Nam"), formFold, "viet nam"},
		{"Việt Nam", formLow, "việt nam"},
		{"ĐÀ NẴNG", formFold, "da nang"},
		{"Viet Nam – Japan", formFold, "viet nam-japan"},
		{"Việt Nam - Nhật Bản", formLow, "việt nam-nhật bản"},
		{"  two\u00a0 countries ", formFold, "two countries"},
		{"ＪＩＣＡ", formFold, "jica"},
		{"hoà bình", formLow, "hòa bình"},
		{"sức khoẻ", formLow, "sức khỏe"},
		{"hoàn thành", formLow, "hoàn thành"},
		{"日越関係", formFold, "日越関係"},
	}
	for _, tt := range tests {
		if _, got := normalizeTerm(tt.in, tt.f); got != tt.want {
			t.Errorf("normalizeTerm(%q, %d)=%q, want %q", tt.in, tt.f, got, tt.want)
		}
	}
}

func TestHasVietnameseMarks(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Việt Nam và Nhật Bản ký kết hiệp định hợp tác", true},
		{"Viet Nam va Nhat Ban ky ket hiep dinh hop tac", false},
		{"Viet Nam va Nhat Ban ky ket hiep dinh hop tac dao tao nguon nhan luc tai Hà Nội", false},
	}
	for _, tt := range tests {
		if got := hasVietnameseMarks(tt.in); got != tt.want {
			t.Errorf("hasVietnameseMarks(%q)=%v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"english", "Mr. Ito arrived in Hanoi. He met the U.S. envoy! Talks went well.",
			[]string{"Mr. Ito arrived in Hanoi.", "He met the U.S. envoy!", "Talks went well."}},
		{"lost space", "They cooperate in defence.Vinh said so.", []string{"They cooperate in defence.", "Vinh said so."}},
		{"decimal and abbreviation", "Growth was 6.5 percent, said Gen. Lich.", []string{"Growth was 6.5 percent, said Gen. Lich."}},
		{"vietnamese", "Tại TP.HCM, hai bên ký kết. Đây là bước tiến mới.", []string{"Tại TP.HCM, hai bên ký kết.", "Đây là bước tiến mới."}},
		{"japanese", "両国は合意した。「協力を強化する」と述べた。\n次の段落です", []string{"両国は合意した。", "「協力を強化する」と述べた。", "次の段落です"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			splitSentences(tt.in, func(s string, _, off int) {
				if tt.in[off:off+len(s)] != s {
					t.Errorf("sentence %q at offset %d, text there is %q", s, off, tt.in[off:off+len(s)])
				}
				got = append(got, s)
			})
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestURLSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.vn/news/vietnam-japan-sign-labour-deal-4814701.html", "vietnam japan sign labour deal"},
		{"https://example.vn/thoi-su/viet-nam-nhat-ban-hop-tac-post1063108.vnp", "viet nam nhat ban hop tac"},
		{"https://example.go.jp/press/release/press4_003276.html", ""},
		{"not a url at all %zz", ""},
	}
	for _, tt := range tests {
		if got := urlSlug(tt.in); got != tt.want {
			t.Errorf("urlSlug(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAutomaton(t *testing.T) {
	a := newAutomaton([]string{"he", "she", "his", "hers", "日越", "越"})
	type hit struct{ id, start, end int }
	var got []hit
	a.scan([]byte("ushers 日越"), func(id, start, end int) { got = append(got, hit{id, start, end}) })
	sort.Slice(got, func(i, j int) bool {
		if got[i].end != got[j].end {
			return got[i].end < got[j].end
		}
		return got[i].id < got[j].id
	})
	want := []hit{{0, 2, 4}, {1, 1, 4}, {3, 2, 6}, {4, 7, 13}, {5, 10, 13}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestNameBoundaries(t *testing.T) {
	c := mustShipped(t)
	tests := []struct {
		name, lang, text string
		vn, jp           bool
		third            string
	}{
		{"Japanese is Japan", "en", "Japanese firms", false, true, ""},
		{"Nhật capital", "vi", "Doanh nghiệp Nhật đầu tư", false, true, ""},
		{"cập nhật is not Japan", "vi", "Chúng tôi cập nhật tin tức ngày Chủ nhật", false, false, ""},
		{"nhất is not Japan", "vi", "Đây là dự án lớn nhất", false, false, ""},
		{"lao động is not Laos", "vi", "Hợp tác lao động", false, false, ""},
		{"Lào is Laos", "vi", "Thủ tướng thăm Lào", false, false, "LA"},
		{"South China Sea is not China", "en", "tensions in the South China Sea", false, false, ""},
		{"タイトル is not Thailand", "ja", "記事のタイトル", false, false, ""},
		{"タイ is Thailand", "ja", "タイの首相", false, false, "TH"},
		{"インド太平洋 is not India", "ja", "自由で開かれたインド太平洋", false, false, ""},
		{"日越 is both", "ja", "日越関係", true, true, ""},
		{"US in capitals only", "en", "let us meet the US envoy", false, false, "US"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := c.runUntil(Input{Text: tt.text, Lang: tt.lang}, "countries")
			var s sentCountries
			for _, x := range d.sc {
				s.vn += x.vn
				s.jp += x.jp
				for k, w := range x.third {
					s.addThird(k, w)
				}
			}
			if (s.vn > 0) != tt.vn || (s.jp > 0) != tt.jp {
				t.Errorf("vn=%v jp=%v, want vn=%v jp=%v", s.vn, s.jp, tt.vn, tt.jp)
			}
			var thirds []string
			for k := range s.third {
				thirds = append(thirds, k)
			}
			if tt.third == "" && len(thirds) > 0 || tt.third != "" && !slices.Equal(thirds, []string{tt.third}) {
				t.Errorf("third countries %v, want %q", thirds, tt.third)
			}
		})
	}
}

func TestEvidenceTrimmed(t *testing.T) {
	long := "Viet Nam and Japan agreed to cooperate. "
	for range 20 {
		long += "The ministers discussed many details of the plan at length and in depth, "
	}
	long += "including a new yen loan for a metro line."
	at := runeLen(long) - 10
	got := trimAround(long, at, maxEvidenceRunes)
	if n := runeLen(got); n > maxEvidenceRunes+2 {
		t.Errorf("trimmed to %d runes, want at most %d", n, maxEvidenceRunes+2)
	}
	if !strings.HasPrefix(got, "…") || !strings.Contains(got, "metro line") {
		t.Errorf("trimmed %q, want a leading ellipsis and the end of the sentence", got)
	}
	cut, from := cutRunes(long, at, maxSpanRunes)
	if []rune(long)[from] != []rune(cut)[0] || !strings.Contains(long, cut) {
		t.Errorf("cutRunes gave %q at rune %d, not a part of the sentence there", cut, from)
	}
}

// A sentence without full stops is cut into pieces, so the rules never
// work on more than maxSentenceRunes at a time.
func TestLongSentenceCut(t *testing.T) {
	text := strings.Repeat("word ", 1000) + strings.Repeat("語", 2000)
	n := 0
	splitSentences(text, func(s string, _, off int) {
		n++
		if runeLen(s) > maxSentenceRunes {
			t.Errorf("sentence of %d runes, want at most %d", runeLen(s), maxSentenceRunes)
		}
		if text[off:off+len(s)] != s {
			t.Errorf("sentence at offset %d is not the text there", off)
		}
	})
	if want := (5000 + 2000) / maxSentenceRunes; n < want {
		t.Errorf("%d sentences, want at least %d", n, want)
	}
}
