package search

import (
	"strings"
	"testing"
	"time"
)

func TestParseGDELT(t *testing.T) {
	tests := []struct {
		file    string
		n       int
		errPart string // "" for no error
		first   string // URL of the first record
	}{
		{"gdelt/ok.json", 2, "", "https://baohaiphong.example/kinh-te/cang-lach-huyen-don-doan-doanh-nghiep-nhat-ban-123.html"},
		{"gdelt/empty-object.json", 0, "", ""},
		{"gdelt/empty.json", 0, "", ""},
		{"gdelt/plain-error.txt", 0, "phrase that was too short", ""},
		{"gdelt/rate-limited.txt", 0, "one every 5 seconds", ""},
		{"gdelt/control-chars.json", 1, "", "https://quangninh-news.example/xa-hoi/thuc-tap-sinh-nhat-ban.html"},
		{"gdelt/quote-truncated.json", 2, "malformed gdelt answer", "https://chubu-shimbun.example/article/20260303/1.html"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			arts, err := parseGDELT(readTestdata(t, tt.file))
			if tt.errPart == "" && err != nil || tt.errPart != "" && (err == nil || !strings.Contains(err.Error(), tt.errPart)) {
				t.Fatalf("err=%v, want %q", err, tt.errPart)
			}
			if len(arts) != tt.n {
				t.Fatalf("%d records, want %d: %+v", len(arts), tt.n, arts)
			}
			if tt.n > 0 && arts[0].URL != tt.first {
				t.Errorf("first URL %q, want %q", arts[0].URL, tt.first)
			}
		})
	}
}

func TestParseGDELTFields(t *testing.T) {
	arts, err := parseGDELT(readTestdata(t, "gdelt/ok.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := arts[1]
	if a.Title != "関西の部品メーカー、ベトナム北部に新工場" || a.Domain != "kansai-keizai.example" || a.Language != "Japanese" {
		t.Errorf("record %+v", a)
	}
	if got, want := parseSeenDate(a.SeenDate), time.Date(2026, 3, 5, 9, 45, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("seendate %v, want %v", got, want)
	}
}

func TestGDELTURL(t *testing.T) {
	end := time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		q    string
		lang string
		w    window
		want string
	}{
		{"Lookback", "Vietnam Japan", "vi", window{end.Add(-24 * time.Hour), end, true},
			"query=Vietnam%20Japan%20sourcelang%3Avietnamese&mode=artlist&format=json&maxrecords=250&sort=datedesc&timespan=24h"},
		{"Gap", "日越", "ja", window{end.Add(-90*time.Minute - time.Second), end, true},
			"query=%E6%97%A5%E8%B6%8A%20sourcelang%3Ajapanese&mode=artlist&format=json&maxrecords=250&sort=datedesc&timespan=91min"},
		{"Short", "Vietnam Japan", "en", window{end.Add(-time.Minute), end, true}, "sourcelang%3Aenglish&mode=artlist&format=json&maxrecords=250&sort=datedesc&timespan=15min"},
		{"Half", "(Vietnam OR Viet Nam) Japan", "en", window{end.Add(-12 * time.Hour), end, false},
			"query=%28Vietnam%20OR%20Viet%20Nam%29%20Japan%20sourcelang%3Aenglish&mode=artlist&format=json&maxrecords=250&sort=datedesc&startdatetime=20260305000000&enddatetime=20260305120000"},
		{"OwnFilter", "Vietnam OR Japan sourcecountry:VM", "en", window{end.Add(-2 * time.Hour), end, true},
			"query=%28Vietnam%20OR%20Japan%20sourcecountry%3AVM%29%20sourcelang%3Aenglish&"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := gdeltURL("http://api.test", crawlerQuery(tt.q, tt.lang), tt.w)
			if !strings.HasPrefix(got, "http://api.test/api/v2/doc/doc?") || !strings.Contains(got, tt.want) {
				t.Errorf("gdeltURL=%s\nwant it to contain %s", got, tt.want)
			}
		})
	}
}

func FuzzParseGDELT(f *testing.F) {
	for _, name := range []string{"ok.json", "empty-object.json", "plain-error.txt", "control-chars.json", "quote-truncated.json"} {
		f.Add(readTestdata(f, "gdelt/"+name))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		arts, err := parseGDELT(body)
		if len(arts) > maxGDELTRecords {
			t.Fatalf("%d records, more than %d", len(arts), maxGDELTRecords)
		}
		if err == nil {
			return
		}
		if msg := err.Error(); len(msg) > 1000 {
			t.Fatalf("error message of %d bytes", len(msg))
		}
	})
}
