package store

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"English", "Japan's ODA, 2025: Ha Noi!", []string{"japan", "s", "oda", "2025", "ha", "noi"}},
		{"Vietnamese keeps diacritics", "HÀ NỘI — Đối tác", []string{"hà", "nội", "đối", "tác"}},
		{"Vietnamese decomposed", "Ha\u0300 N\u00f4\u0323i", []string{"hà", "nội"}},
		{"Japanese by character", "日越の協力", []string{"日", "越", "の", "協", "力"}},
		{"full-width folded", "ＪＩＣＡは１２日", []string{"jica", "は", "12", "日"}},
		{"katakana with long vowel", "サプライチェーン", []string{"サ", "プ", "ラ", "イ", "チ", "ェ", "ー", "ン"}},
		{"half-width kana folded", "ｶﾀｶﾅ", []string{"カ", "タ", "カ", "ナ"}},
		{"empty", " — ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tokenize(tt.text); !slices.Equal(got, tt.want) {
				t.Fatalf("tokenize(%q)=%q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestFingerprint(t *testing.T) {
	tests := []struct {
		name, text    string
		wantShingles  int
		wantSameAsRef bool // same hash as the reference sentence
	}{
		{"reference", "the two ministers signed a loan agreement in ha noi", 8, true},
		{"case and punctuation ignored", "The two ministers signed a loan agreement, in Ha Noi.", 8, true},
		{"word order matters", "the two ministers signed a loan agreement in noi ha", 8, false},
		{"shorter than a shingle", "loan", 1, false},
		{"Japanese, 4-character shingles", "日越両国は協力覚書に署名した", 11, false},
	}
	ref := fingerprintText(tests[0].text)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fp := fingerprintText(tt.text)
			if got := len(fp.shingles); got != tt.wantShingles {
				t.Errorf("shingles=%d, want %d", got, tt.wantShingles)
			}
			if got := fp.hash == ref.hash; got != tt.wantSameAsRef {
				t.Errorf("same hash as reference=%v, want %v", got, tt.wantSameAsRef)
			}
		})
	}
}

// TestSimhashMatchesNaive checks the lane-packed counting against the
// textbook bit-by-bit loop, across the 255-feature flush boundary.
func TestSimhashMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 254, 255, 256, 600, 2000} {
		features := make([]uint64, n)
		for i := range features {
			features[i] = r.Uint64()
		}
		var v [64]int
		for _, f := range features {
			for i := range v {
				v[i] += int(f>>i&1)*2 - 1
			}
		}
		var want uint64
		for i, x := range v {
			if x > 0 {
				want |= 1 << i
			}
		}
		if got := simhash(features); got != want {
			t.Errorf("simhash of %d features=%016x, want %016x", n, got, want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		name        string
		a, b        []uint64
		wantJaccard float64
	}{
		{"identical", []uint64{1, 2, 3}, []uint64{1, 2, 3}, 1},
		{"half", []uint64{1, 2, 3}, []uint64{2, 3, 4}, 0.5},
		{"disjoint", []uint64{1}, []uint64{2}, 0},
		{"empty", nil, []uint64{2}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jaccard(tt.a, tt.b); got != tt.wantJaccard {
				t.Fatalf("jaccard=%v, want %v", got, tt.wantJaccard)
			}
		})
	}
	titles := []struct {
		a, b string
		want float64
	}{
		{"Da Nang and Sakai sign friendship agreement", "Da Nang, Sakai sign friendship agreement", 12.0 / 13},
		{"日越首脳会談", "日越首脳が会談", 8.0 / 11},
		{"", "anything", 0},
	}
	for _, tt := range titles {
		if got := titleSimilarity(tt.a, tt.b); got != tt.want {
			t.Errorf("titleSimilarity(%q, %q)=%v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
