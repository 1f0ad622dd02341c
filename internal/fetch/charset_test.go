package fetch

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vnjp-monitor/crawler"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/unicode/norm"
)

func TestFetchPagesCharset(t *testing.T) {
	cp1252 := mustRead(t, "page-cp1252.html")
	utf8Page := []byte(`<html><head><meta charset="windows-1252"></head><body><p>Hợp tác Việt – Nhật</p></body></html>`)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string
	}{
		{"MetaOnly", cp1252, "text/html", "“Le Japon” investit € 3 milliards au Viêt Nam."},
		{"HeaderAndMeta", cp1252, "text/html; charset=windows-1252", "“Le Japon” investit € 3 milliards au Viêt Nam."},
		{"HeaderSaysUTF8ButIsNot", cp1252, "text/html; charset=utf-8", "“Le Japon” investit € 3 milliards au Viêt Nam."},
		{"HeaderSaysLatin1MetaSays1252", cp1252, "text/html; charset=iso-8859-1", "“Le Japon” investit € 3 milliards au Viêt Nam."},
		{"UTF8UnderWrongLabels", utf8Page, "text/html; charset=iso-8859-1", "Hợp tác Việt – Nhật"},
		{"UTF8Plain", utf8Page, "text/html", "Hợp tác Việt – Nhật"},
	}
	srv := newSite(t)
	c := newTestClient(t, Options{}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.handle("/"+tt.name, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.Write(tt.body)
			})
			u := srv.URL + "/" + tt.name
			pages, errs := fetchAll(c, context.Background(), u)
			p := pages[u]
			if p == nil {
				t.Fatalf("no page: %v", errs[u])
			}
			if !bytes.Contains(p.UTF8(), []byte(tt.want)) {
				t.Fatalf("body %q does not contain %q", p.UTF8(), tt.want)
			}
			if p.ContentType != tt.contentType {
				t.Errorf("ContentType=%q, want the header as sent, %q", p.ContentType, tt.contentType)
			}
		})
	}
}

func TestXMLToUTF8(t *testing.T) {
	tests := []struct {
		name, in, contentType, want string
	}{
		{"NoDecl", "<a>x</a>", "", "<a>x</a>"},
		{"UTF8Decl", `<?xml version="1.0" encoding="utf-8"?><a>é</a>`, "", `<?xml version="1.0" encoding="utf-8"?><a>é</a>`},
		{"Latin1Rewritten", "<?xml version='1.0' encoding='ISO-8859-1'?><a>\xe9</a>", "", `<?xml version='1.0' encoding="UTF-8"?><a>é</a>`},
		{"BOMStripped", "\xef\xbb\xbf<a>é</a>", "", "<a>é</a>"},
		{"UndeclaredCP1252", "<a>\x93q\x94</a>", "", "<a>“q”</a>"},
		{"HeaderLabelUsed", "<a>\xe9</a>", "text/xml; charset=iso-8859-15", "<a>é</a>"},
		{"UTF16LE", "\xff\xfe<\x00a\x00>\x00\xe9\x00<\x00/\x00a\x00>\x00", "", "<a>é</a>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(xmlToUTF8([]byte(tt.in), tt.contentType)); got != tt.want {
				t.Fatalf("xmlToUTF8=%q, want %q", got, tt.want)
			}
		})
	}
}

// TestCollyEnvIgnored sets the COLLY_* variables colly reads when a
// collector is built and checks that none of them changes behaviour.
func TestCollyEnvIgnored(t *testing.T) {
	srv := errorSite(t)
	c := newTestClient(t, Options{}, nil) // clears COLLY_* first
	cache := t.TempDir()
	for k, v := range map[string]string{
		"COLLY_USER_AGENT":       "overridden-by-env",
		"COLLY_MAX_BODY_SIZE":    "10",
		"COLLY_FOLLOW_REDIRECTS": "no",
		"COLLY_CACHE_DIR":        cache,
		"COLLY_ALLOWED_DOMAINS":  "example.org",
		"COLLY_MAX_REQUESTS":     "1",
		"COLLY_DETECT_CHARSET":   "yes",
	} {
		t.Setenv(k, v)
	}
	for range 2 {
		u := srv.URL + "/moved"
		pages, errs := fetchAll(c, context.Background(), u)
		p := pages[u]
		if p == nil {
			t.Fatalf("no page: %v", errs[u])
		}
		if len(p.UTF8()) != 1000 || !strings.HasSuffix(p.FinalURL, "/ok?from=moved") {
			t.Fatalf("len(Body)=%d FinalURL=%q: environment changed the fetch", len(p.UTF8()), p.FinalURL)
		}
	}
	if got := srv.header("/moved").Get("User-Agent"); got != testUA {
		t.Errorf("User-Agent=%q, want %q", got, testUA)
	}
	if entries, _ := os.ReadDir(filepath.Clean(cache)); len(entries) != 0 {
		t.Errorf("colly cache dir used: %d entries", len(entries))
	}
}

func TestHTMLToUTF8MetaOnly(t *testing.T) {
	tests := []struct {
		name string
		enc  encoding.Encoding
		meta string
		text string
		nfd  bool // windows-1258 encodes tones as combining marks
	}{
		{"Shift_JIS", japanese.ShiftJIS, "Shift_JIS", "香川県とダナン市の友好協定", false},
		{"EUC-JP", japanese.EUCJP, "EUC-JP", "日越の研究機関が衛星で協力", false},
		{"windows-1258", charmap.Windows1258, "windows-1258", "Đà Lạt và Bà Rịa", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head><meta charset="` + tt.meta + `"><title>x</title></head><body><p>` + tt.text + `</p></body></html>`
			if tt.nfd {
				page = norm.NFD.String(page)
			}
			raw, err := tt.enc.NewEncoder().Bytes([]byte(page))
			if err != nil {
				t.Fatal(err)
			}
			got := string(htmlToUTF8(raw, "text/html"))
			if !strings.Contains(norm.NFC.String(got), tt.text) {
				t.Fatalf("decoded body %q does not contain %q", got, tt.text)
			}
		})
	}
}

// TestDiscoverHTMLLegacyCharset: a Japanese listing page in Shift_JIS
// without a declared charset, or declaring it past the first kilobyte,
// is read as extract reads articles, so its headlines are not garbled.
func TestDiscoverHTMLLegacyCharset(t *testing.T) {
	headlines := []string{"香川県とダナン市が友好協定を締結", "日越の研究機関が衛星データで協力"}
	banner := "<!-- " + strings.Repeat("サイト共通ヘッダー ", 80) + "-->"
	tests := []struct{ name, head string }{
		{"Undeclared", ""},
		{"LateMeta", banner + `<meta charset="Shift_JIS">`},
	}
	srv := newSite(t)
	c := newTestClient(t, Options{}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head>" + tt.head + "<title>国際ニュース一覧</title></head><body><ul>"
			for i, h := range headlines {
				page += fmt.Sprintf(`<li><a href="/%s/news/2026/06/1%d/item.html">%s</a></li>`, tt.name, i+1, h)
			}
			page += "</ul><p>" + strings.Repeat("地域の話題を毎日お届けします。", 20) + "</p></body></html>"
			raw, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(page))
			if err != nil {
				t.Fatal(err)
			}
			srv.handle("/"+tt.name+"/", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html") // no charset
				w.Write(raw)
			})
			src := crawler.Source{Kind: crawler.KindHTML, URL: srv.URL + "/" + tt.name + "/", ArticleRegexp: regexp.MustCompile(`/news/`)}
			l, err := c.Discover(context.Background(), src)
			if err != nil {
				t.Fatalf("Discover: %v", err)
			}
			if len(l.Items) != len(headlines) {
				t.Fatalf("items %+v, want %d", l.Items, len(headlines))
			}
			for i, it := range l.Items {
				if it.Title != headlines[i] {
					t.Errorf("title %q, want %q", it.Title, headlines[i])
				}
			}
		})
	}
}
