package fetch

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
)

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestDiscoverFeed(t *testing.T) {
	srv := newSite(t)
	srv.file(t, "/rss/world.xml", "rss2.xml", "application/rss+xml; charset=utf-8")
	srv.file(t, "/rss1.rdf", "rss1.rdf", "application/rdf+xml")
	srv.file(t, "/atom.xml", "atom.xml", "application/atom+xml")
	tests := []struct {
		name      string
		path      string
		want      []Item
		wantErrs  int // non-fatal errors (items without a usable link)
		summaries bool
	}{
		{
			name: "RSS2", path: "/rss/world.xml", wantErrs: 1, summaries: true,
			want: []Item{
				{URL: "https://hht.example/world/2026/06/12/da-nang-drainage-grant.html", Title: "Viet Nam and Japan sign grant for Da Nang flood drainage", Published: date("2026-06-12T01:30:00Z"), Author: "Nguyen Thi Lan", Summary: "The two governments exchanged notes on a grant for drainage works.", Lang: "en"},
				{URL: srv.URL + "/world/2026/06/11/bac-ninh-chip-training.html", Title: "Semiconductor training centre opens in Bac Ninh", Published: date("2026-06-11T09:05:00Z"), Author: "Tran Van Minh", Summary: "Engineers will train on equipment donated by a Japanese firm.", Lang: "en"},
				{URL: "https://hht.example/vi/2026/06/10/lao-dong-ky-nang.html", Title: "Bài tiếng Việt về lao động kỹ năng đặc định", Published: date("2026-06-10T00:00:00Z"), Summary: "Số lao động Việt Nam sang Nhật theo diện kỹ năng đặc định tăng.", Lang: "vi"},
				{URL: "https://hht.example/world/2026/06/09/guid-only.html", Title: "Item with only a permalink guid", Lang: "en"},
			},
		},
		{
			name: "RSS1", path: "/rss1.rdf",
			want: []Item{
				{URL: "https://ports.example/2026/lach-huyen-berth.html", Title: "New berth at Lach Huyen handles first Osaka service", Published: date("2026-06-08T03:15:00Z"), Author: "Le Quoc Huy", Lang: "en"},
				{URL: "https://ports.example/2026/cai-mep-cranes.html", Title: "Cai Mep terminal adds cranes", Published: date("2026-06-07T03:00:00Z"), Lang: "en"},
			},
		},
		{
			name: "Atom", path: "/atom.xml", summaries: true,
			want: []Item{
				{URL: "https://tokyo-asia.example/news/1001", Title: "日越首脳、半導体人材で協力確認", Published: date("2026-06-12T01:00:00Z"), Author: "佐藤 花子", Summary: "両国は人材育成の覚書に署名した。", Lang: "ja"},
				{URL: srv.URL + "/news/1002", Title: "ベトナム人技能実習生の受け入れ制度を見直し", Published: date("2026-06-11T00:00:00Z"), Summary: "新制度「育成就労」への移行について。", Lang: "ja"},
			},
		},
	}
	c := newTestClient(t, Options{}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := c.Discover(context.Background(), crawler.Source{Name: tt.name, Kind: crawler.KindRSS, URL: srv.URL + tt.path})
			if err != nil {
				t.Fatalf("Discover: %v", err)
			}
			if got, want := l.Requests, 1; got != want {
				t.Errorf("Requests=%d, want %d", got, want)
			}
			if got, want := len(l.Errors), tt.wantErrs; got != want {
				t.Errorf("len(Errors)=%d, want %d: %v", got, want, l.Errors)
			}
			compareItems(t, l.Items, tt.want, tt.summaries)
		})
	}
}

func compareItems(t *testing.T, got, want []Item, summaries bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d items %q, want %d %q", len(got), itemURLs(got), len(want), itemURLs(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !summaries {
			g.Summary, w.Summary = "", ""
		}
		if !g.Published.Equal(w.Published) {
			t.Errorf("item %d Published=%v, want %v", i, g.Published, w.Published)
		}
		g.Published, w.Published = time.Time{}, time.Time{}
		if g != w {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func TestDiscoverFeedCharsets(t *testing.T) {
	tests := []struct {
		name        string
		file        string
		contentType string
		wantTitle   string
	}{
		{"Latin1DeclaredEverywhere", "rss-latin1.xml", "application/rss+xml; charset=ISO-8859-1", "Coopération économique : le Japon, premier partenaire du Viêt Nam"},
		{"Latin1DeclaredInProlog", "rss-latin1.xml", "text/xml", "Coopération économique : le Japon, premier partenaire du Viêt Nam"},
		{"Latin1HeaderSaysUTF8", "rss-latin1.xml", "application/xml; charset=utf-8", "Coopération économique : le Japon, premier partenaire du Viêt Nam"},
		{"Windows1252InProlog", "rss-cp1252.xml", "text/xml", "Japan’s “green” loan: €2 billion for Vietnamese wind farms"},
		{"Windows1252HeaderSaysLatin1", "rss-cp1252.xml", "application/rss+xml; charset=iso-8859-1", "Japan’s “green” loan: €2 billion for Vietnamese wind farms"},
		{"UTF8MislabelledLatin1", "rss-mislabelled.xml", "application/rss+xml; charset=ISO-8859-1", "Việt Nam – Nhật Bản hợp tác đào tạo nhân lực bán dẫn"},
		{"UTF8MislabelledNoHeader", "rss-mislabelled.xml", "", "Việt Nam – Nhật Bản hợp tác đào tạo nhân lực bán dẫn"},
	}
	srv := newSite(t)
	c := newTestClient(t, Options{}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.file(t, "/"+tt.name, tt.file, tt.contentType)
			l, err := c.Discover(context.Background(), crawler.Source{Kind: crawler.KindRSS, URL: srv.URL + "/" + tt.name})
			if err != nil {
				t.Fatalf("Discover: %v", err)
			}
			if len(l.Items) != 1 {
				t.Fatalf("got %d items, want 1", len(l.Items))
			}
			if got := l.Items[0].Title; got != tt.wantTitle {
				t.Fatalf("Title=%q, want %q", got, tt.wantTitle)
			}
		})
	}
}

func TestDiscoverFeedNotAFeed(t *testing.T) {
	srv := newSite(t)
	srv.file(t, "/feed", "listing-1.html", "text/html")
	c := newTestClient(t, Options{}, nil)
	_, err := c.Discover(context.Background(), crawler.Source{Name: "bad", Kind: crawler.KindRSS, URL: srv.URL + "/feed"})
	if err == nil || !strings.Contains(err.Error(), "parse feed") {
		t.Fatalf("Discover error %v, want a parse error", err)
	}
}

func TestDiscoverUnknownKind(t *testing.T) {
	c := newTestClient(t, Options{}, nil)
	if _, err := c.Discover(context.Background(), crawler.Source{Kind: "gopher", URL: "http://127.0.0.1:1/"}); err == nil {
		t.Fatal("Discover with unknown kind: nil error")
	}
}
