package lang

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"English", "The two ministers agreed to expand trade and investment between the countries.", "en"},
		{"Vietnamese NFC", "Hai bộ trưởng nhất trí mở rộng hợp tác thương mại và đầu tư giữa hai nước.", "vi"},
		{"Vietnamese NFD", "Hai bô\u0323 trươ\u0309ng nhâ\u0301t tri\u0301 mơ\u0309 rô\u0323ng hơ\u0323p ta\u0301c.", "vi"},
		{"Vietnamese without diacritics", "Hai bo truong nhat tri mo rong hop tac cua hai nuoc va cac doanh nghiep trong khu vuc voi nhau", "vi"},
		{"Japanese", "日本とベトナムの両政府は、経済協力を拡大することで合意した。", "ja"},
		{"Japanese mostly kanji", "日越両国首脳会談で経済安全保障協力を確認した。", "ja"},
		{"Chinese", "越南与日本两国领导人举行会谈", "zh"},
		{"Korean", "한국과 베트남은 경제 협력을 강화하기로 했다", "ko"},
		{"Russian", "Вьетнам и Япония договорились о сотрудничестве", "ru"},
		{"empty", "  12 34 ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text); got != tt.want {
				t.Fatalf("Detect(%q)=%q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func BenchmarkDetect(b *testing.B) {
	text := "Hai bộ trưởng nhất trí mở rộng hợp tác thương mại và đầu tư giữa hai nước. "
	for b.Loop() {
		Detect(text)
	}
}
