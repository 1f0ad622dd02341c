package fold

import (
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Việt Nam", "viet nam"},
		{"ĐÀ NẴNG", "da nang"},
		{"Hồ Chí Minh", "ho chi minh"},
		{"Nhật Bản", "nhat ban"},
		{"Vie\u0323\u0302t Nam", "viet nam"}, // decomposed input
		{"Ｔｏｋｙｏ", "tokyo"},
		{"がんばろう日越", "がんばろう日越"}, // kana keep their voicing
		{"ガ\u3099", "ガ\u3099"}, // a combining mark after kana stays
		{"Müller façade", "muller facade"},
		{"ΑΘΗΝΑ", "αθηνα"},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRune_OneToOne checks that Rune keeps offsets: folding an NFC string
// rune by rune gives as many runes as it had.
func TestRune_OneToOne(t *testing.T) {
	s := "Thủ tướng Nhật Bản thăm Đà Nẵng; 日越協力"
	n := 0
	for _, r := range s {
		if Rune(r) == utf8.RuneError {
			t.Fatalf("Rune(%q) is invalid", r)
		}
		n++
	}
	if got := utf8.RuneCountInString(String(s)); got != n {
		t.Errorf("folded length %d, want %d", got, n)
	}
}
