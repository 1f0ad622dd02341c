package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
)

func TestDiscoverSitemapIndex(t *testing.T) {
	srv := newSite(t)
	srv.file(t, "/sitemap.xml", "sitemap-index.xml", "application/xml")
	srv.file(t, "/sitemaps/2026-05.xml", "sitemap-2026-05.xml", "application/xml")
	srv.file(t, "/sitemaps/2026-06.xml", "sitemap-2026-06.xml", "text/xml; charset=utf-8")
	c := newTestClient(t, Options{}, nil)

	l, err := c.Discover(context.Background(), crawler.Source{Name: "hht", Kind: crawler.KindSitemap, URL: srv.URL + "/sitemap.xml"})
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	// Children are read newest lastmod first; the duplicate bac-ninh entry
	// (with and without utm_source) is listed once.
	want := []Item{
		{URL: "https://hht.example/world/2026/06/12/da-nang-drainage-grant.html", Published: date("2026-06-12T01:30:00Z")},
		{URL: "https://hht.example/world/2026/06/11/bac-ninh-chip-training.html", Published: date("2026-06-11T00:00:00Z")},
		{URL: "https://hht.example/world/2026/05/28/osaka-expo-vietnam-day.html", Published: date("2026-05-28T20:00:00Z")},
	}
	compareItems(t, l.Items, want, false)
	if got, want := l.Requests, 4; got != want {
		t.Errorf("Requests=%d, want %d (index and three children)", got, want)
	}
	if len(l.Errors) != 1 || !errors.Is(l.Errors[0], ErrNotFound) {
		t.Errorf("Errors=%v, want one not-found error for the missing child", l.Errors)
	}
	if l.NotModified {
		t.Error("NotModified=true on a first fetch")
	}
}

func TestDiscoverNewsSitemap(t *testing.T) {
	srv := newSite(t)
	srv.file(t, "/news-sitemap.xml", "news-sitemap.xml", "application/xml")
	c := newTestClient(t, Options{}, nil)
	l, err := c.Discover(context.Background(), crawler.Source{Kind: crawler.KindSitemap, URL: srv.URL + "/news-sitemap.xml"})
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	want := []Item{
		{URL: "https://baocang.example/2026/06/hop-tac-ban-dan.html", Title: "Việt Nam – Nhật Bản hợp tác đào tạo nhân lực bán dẫn", Published: date("2026-06-11T01:00:00Z"), Lang: "vi"},
		{URL: "https://baocang.example/2026/06/oda-metro.html", Title: "Tuyến metro số 1 nhận thêm vốn ODA", Published: date("2026-06-10T00:00:00Z"), Lang: "vi"},
		{URL: "https://baocang.example/ja/2026/06/kumamoto.html", Title: "熊本県とベトナム中部の自治体が交流協定", Published: date("2026-06-09T06:30:00Z"), Lang: "ja"},
	}
	compareItems(t, l.Items, want, false)
}

func gzipFile(tb testing.TB, name string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(mustRead(tb, name))
	zw.Close()
	return buf.Bytes()
}

func TestDiscoverGzipSitemap(t *testing.T) {
	gz := gzipFile(t, "sitemap-archive.xml")
	plain := mustRead(t, "sitemap-archive.xml")
	tests := []struct {
		name        string
		path        string
		body        []byte
		contentType string
	}{
		{"XMLGzAsGzip", "/a/sitemap.xml.gz", gz, "application/x-gzip"},
		{"XMLGzAsOctetStream", "/b/sitemap.xml.gz", gz, "application/octet-stream"},
		{"GzipContentTypeOtherName", "/c/sitemap", gz, "application/gzip"},
		{"XMLGzServedPlain", "/d/sitemap.xml.gz", plain, "application/xml"},
	}
	want := []string{
		"https://hht.example/archive/2019/05/first-direct-flight.html",
		"https://hht.example/archive/2023/09/comprehensive-strategic-partnership.html",
		"https://hht.example/archive/2024/02/technical-intern-reform.html",
	}
	srv := newSite(t)
	c := newTestClient(t, Options{}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.handle(tt.path, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.Write(tt.body)
			})
			l, err := c.Discover(context.Background(), crawler.Source{Kind: crawler.KindSitemap, URL: srv.URL + tt.path})
			if err != nil {
				t.Fatalf("Discover: %v", err)
			}
			if got := itemURLs(l.Items); !slices.Equal(got, want) {
				t.Fatalf("items %q, want %q", got, want)
			}
		})
	}
}

func TestDiscoverGzipBombRefused(t *testing.T) {
	// 64 KiB of compressed zeros inflates far past the 1 MiB cap.
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(`<?xml version="1.0"?><urlset>`))
	zw.Write(make([]byte, 8<<20))
	zw.Close()
	srv := newSite(t)
	srv.handle("/bomb.xml.gz", func(w http.ResponseWriter, r *http.Request) { w.Write(buf.Bytes()) })
	c := newTestClient(t, Options{MaxBodyBytes: 1 << 20}, nil)
	_, err := c.Discover(context.Background(), crawler.Source{Kind: crawler.KindSitemap, URL: srv.URL + "/bomb.xml.gz"})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Discover error %v, want ErrTooLarge", err)
	}
}

func TestSitemapLimits(t *testing.T) {
	srv := newSite(t)
	// /idx/0 is an index of /idx/1, which indexes /idx/2, ... forever; each
	// index also lists one leaf urlset.
	srv.handle("/idx/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/idx/%d", &n)
		fmt.Fprintf(w, `<sitemapindex><sitemap><loc>/idx/%d</loc><lastmod>2026-06-01</lastmod></sitemap><sitemap><loc>/leaf/%d</loc></sitemap></sitemapindex>`, n+1, n)
	})
	srv.handle("/leaf/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<urlset><url><loc>https://hht.example%s.html</loc></url></urlset>`, r.URL.Path)
	})
	tests := []struct {
		name        string
		maxSitemaps int
		wantItems   int
		wantReqs    int
	}{
		// Depth: indexes at depths 0..3 are read, the one at depth 3 is not
		// followed; leaves hang off depths 0..2.
		{"DepthCap", 50, 3, 1 + 3 + 3},
		// Budget: breadth-first, the newest (dated) index first, then the
		// root's leaf.
		{"ChildBudget", 2, 1, 3},
		{"ChildBudgetOne", 1, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTestClient(t, Options{MaxSitemaps: tt.maxSitemaps}, nil)
			l, err := c.Discover(context.Background(), crawler.Source{Kind: crawler.KindSitemap, URL: srv.URL + "/idx/0"})
			if err != nil {
				t.Fatalf("Discover: %v", err)
			}
			if got := len(l.Items); got != tt.wantItems {
				t.Errorf("items=%d %q, want %d", got, itemURLs(l.Items), tt.wantItems)
			}
			if got := l.Requests; got != tt.wantReqs {
				t.Errorf("Requests=%d, want %d", got, tt.wantReqs)
			}
			if len(l.Errors) == 0 {
				t.Error("no error reported for the skipped children")
			}
		})
	}
}

func TestParseSitemapRejectsOtherXML(t *testing.T) {
	if _, err := parseSitemap(mustRead(t, "rss2.xml"), "application/xml", 0); err == nil {
		t.Fatal("parseSitemap(rss) succeeded")
	}
}

func TestParseW3CTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026-06-12T08:30:00+07:00", date("2026-06-12T01:30:00Z")},
		{"2026-06-12T08:30:00.123Z", time.Date(2026, 6, 12, 8, 30, 0, 123e6, time.UTC)},
		{"2026-06-12T08:30+07:00", date("2026-06-12T01:30:00Z")},
		{"2026-06-12T08:30:00", date("2026-06-12T08:30:00Z")},
		{"2026-06-12 08:30:00", date("2026-06-12T08:30:00Z")},
		{"2026-06-12", date("2026-06-12T00:00:00Z")},
		{"2026-06", date("2026-06-01T00:00:00Z")},
		{" 2026 ", date("2026-01-01T00:00:00Z")},
		{"", time.Time{}},
		{"yesterday", time.Time{}},
	}
	for _, tt := range tests {
		if got := parseW3CTime(tt.in); !got.Equal(tt.want) {
			t.Errorf("parseW3CTime(%q)=%v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseSitemapKeepsNewestUnderCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	// 50 URLs with days in scrambled order, and two undated ones.
	for i := range 50 {
		day := (i*17)%50 + 1
		lastmod := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, day).Format(time.RFC3339)
		fmt.Fprintf(&b, "<url><loc>https://hht.example/a/%d</loc><lastmod>%s</lastmod></url>", day, lastmod)
	}
	b.WriteString("<url><loc>https://hht.example/undated/1</loc></url><url><loc>https://hht.example/undated/2</loc></url></urlset>")
	all, err := parseSitemap([]byte(b.String()), "application/xml", 0)
	if err != nil || len(all.URLs) != 52 || all.Dropped != 0 {
		t.Fatalf("without a cap: %d URLs, %d dropped, %v", len(all.URLs), all.Dropped, err)
	}
	doc, err := parseSitemap([]byte(b.String()), "application/xml", 5)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range doc.URLs {
		got = append(got, u.Loc)
	}
	want := []string{"https://hht.example/a/50", "https://hht.example/a/49", "https://hht.example/a/48", "https://hht.example/a/47", "https://hht.example/a/46"}
	if !slices.Equal(got, want) || doc.Dropped != 47 {
		t.Errorf("cap 5 kept %q and dropped %d; want the five newest %q and 47 dropped", got, doc.Dropped, want)
	}
}
