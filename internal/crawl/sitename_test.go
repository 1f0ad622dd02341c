package crawl

import "testing"

func TestSiteName(t *testing.T) {
	tests := []struct{ extracted, listed, page, want string }{
		{"Harbour Times", "Harbour Times Online", "https://harbour.example/a", "Harbour Times"},
		{"", "Harbour Times", "https://harbour.example/a", "Harbour Times"},
		{"www.harbour.example", "Harbour Times", "https://harbour.example/a", "Harbour Times"},
		{"127.0.0.1:8080", "Harbour Times", "http://127.0.0.1:8080/a", "Harbour Times"},
		{"harbour.example", "", "https://harbour.example/a", "harbour.example"},
		{"", "", "https://harbour.example/a", ""},
	}
	for _, tt := range tests {
		if got := siteName(tt.extracted, tt.listed, tt.page); got != tt.want {
			t.Errorf("siteName(%q, %q, %q)=%q, want %q", tt.extracted, tt.listed, tt.page, got, tt.want)
		}
	}
}
