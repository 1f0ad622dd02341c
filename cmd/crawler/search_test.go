package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/search/searchtest"
)

// harbourPages are the articles of a small publisher no source names; the
// texts are written for this test.
var harbourPages = map[string]struct{ lang, title, body string }{
	"/news/berth-loan.html": {"en", "Japanese lenders back a new container berth in Hai Phong", `
<p>HAI PHONG — Three Japanese banks agreed on Tuesday to lend Viet Nam's northern port operator the money for a fourth container berth, the operator said, in a deal signed during a visit by a delegation from Nagoya.</p>
<p>The loan, arranged with support from the Japan Bank for International Cooperation, covers dredging, cranes and a rail spur that will link the berth to industrial parks where Japanese electronics makers assemble phones and printers.</p>
<p>Officials from both countries said the project would cut waiting times for ships bound for Japan and help Vietnamese exporters of seafood and furniture reach buyers in Osaka and Tokyo more cheaply.</p>
<p>Work is due to start next spring and the berth should open in two years, when the port expects to handle a fifth more containers than today.</p>`},
	"/news/hop-tac-dao-tao.html": {"vi", "Hải Phòng và Nagoya hợp tác đào tạo kỹ sư cảng biển", `
<p>Sáng 4/3, thành phố Hải Phòng và cảng Nagoya của Nhật Bản đã ký biên bản ghi nhớ về hợp tác đào tạo nguồn nhân lực ngành cảng biển trong giai đoạn năm năm tới.</p>
<p>Theo thỏa thuận, mỗi năm phía Nhật Bản sẽ tiếp nhận hai mươi kỹ sư Việt Nam sang thực tập vận hành cần cẩu, quản lý kho bãi và điều phối tàu, đồng thời cử chuyên gia sang giảng dạy tại trường cao đẳng hàng hải của thành phố.</p>
<p>Lãnh đạo hai bên cho biết chương trình sẽ góp phần nâng cao năng lực của cảng Lạch Huyện, nơi nhiều doanh nghiệp Nhật Bản đang thuê kho để xuất khẩu linh kiện điện tử.</p>`},
	"/members/briefing.html": {"en", "Members' briefing on Japan–Viet Nam shipping", `
<p>This page is for subscribers only and must never be fetched by a polite crawler, since robots.txt forbids the members section.</p>
<p>It would otherwise tell of shipping lines between Japan and Viet Nam.</p>`},
}

// harbourSite serves harbourPages, a feed listing the Vietnamese one, and a
// robots.txt forbidding /members/. It records the paths asked for.
type harbourSite struct {
	*httptest.Server
	mu    sync.Mutex
	paths []string
}

func newHarbourSite(t *testing.T) *harbourSite {
	h := &harbourSite{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.paths = append(h.paths, r.URL.Path)
		h.mu.Unlock()
		switch p, ok := harbourPages[r.URL.Path]; {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /members/\n")
		case r.URL.Path == "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title><link>%[1]s/</link>
<item><title>Hải Phòng và Nagoya hợp tác đào tạo kỹ sư cảng biển</title><link>%[1]s/news/hop-tac-dao-tao.html</link><pubDate>Wed, 04 Mar 2026 03:00:00 GMT</pubDate></item>
</channel></rss>`, h.URL)
		case ok:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html lang="%s"><head><title>%s</title></head><body><article><h1>%s</h1>%s</article></body></html>`,
				p.lang, p.title, p.title, p.body)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *harbourSite) requested(path string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Contains(h.paths, path)
}

// TestSearchSourcesCLI configures both providers with the keys of the
// documentation and runs `crawl --once`, `check` and `sources`.
func TestSearchSourcesCLI(t *testing.T) {
	site := newHarbourSite(t)
	gn, gd := searchtest.NewGoogleNews(), searchtest.NewGDELT()
	defer gn.Close()
	defer gd.Close()
	seen := time.Now().Add(-2 * time.Hour)
	outlet := func(path string, opaque bool) searchtest.Story {
		p := harbourPages[path]
		return searchtest.Story{URL: site.URL + path, Title: p.title, Outlet: "Harbour Times", OutletURL: site.URL,
			Published: seen, Opaque: opaque, Language: "English"}
	}
	gn.Add("Vietnam Japan", outlet("/news/berth-loan.html", true), outlet("/members/briefing.html", false))
	gn.Add("Việt Nam Nhật Bản", outlet("/news/hop-tac-dao-tao.html", false))
	gn.RateLimit(1)
	gd.Add("Vietnam Japan", "english", outlet("/news/berth-loan.html", false))
	gd.RateLimit(1) // GDELT refuses the first request of the run

	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	yaml := fmt.Sprintf(`database: %s
user_agent: vnjp-cli-test
crawl:
  per_host_delay: 0s
  timeout: 5s
sources:
  - name: Harbour feed
    kind: rss
    url: %s/feed.xml
  - name: News search
    kind: search
    provider: google-news
    endpoint: %s
    queries:
      - {q: "Vietnam Japan", lang: en}
      - {q: "Việt Nam Nhật Bản", lang: vi}
    schedule: "@every 30m"
  - name: GDELT
    kind: search
    provider: gdelt
    endpoint: %s
    queries:
      - {q: "Vietnam Japan", lang: en}
`, filepath.Join(dir, "cli.db"), site.URL, gn.URL(), gd.URL())
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "--config", cfg, "--log-level", "warn", "crawl", "--once")
	if code != exitOK || strings.Contains(out, "failed") {
		t.Fatalf("crawl --once exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "--config", cfg, "list", "--json", "--all")
	if code != exitOK {
		t.Fatalf("list: %d %s", code, errOut)
	}
	var stored []struct {
		ID     string
		URL    string
		URLs   []string
		Source string
	}
	for line := range strings.Lines(strings.TrimSpace(out)) {
		var rec struct {
			ID     string
			URL    string
			URLs   []string
			Source string
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		stored = append(stored, rec)
	}
	if len(stored) != 2 {
		t.Fatalf("stored %d stories, want 2:\n%s", len(stored), out)
	}
	for _, rec := range stored {
		for _, u := range rec.URLs {
			if !strings.HasPrefix(u, site.URL+"/news/") {
				t.Errorf("stored URL %s, want only publisher URLs", u)
			}
		}
	}
	for _, rec := range stored {
		if rec.Source == "Harbour feed" {
			continue
		}
		// The page names no site: the outlet the provider gave does.
		_, out, _ := runCLI(t, "", "--config", cfg, "show", "--json", rec.ID)
		var a struct {
			SiteName string `json:"site_name"`
		}
		if err := json.Unmarshal([]byte(out), &a); err != nil || a.SiteName != "Harbour Times" {
			t.Errorf("story found by %s: want the outlet as site name:\n%.400s", rec.Source, out)
		}
	}
	if site.requested("/members/briefing.html") {
		t.Error("robots-disallowed result fetched")
	}

	code, out, _ = runCLI(t, "", "--config", cfg, "check", "--source", "News search")
	for _, want := range []string{site.URL + "/news/berth-loan.html", site.URL + "/news/hop-tac-dao-tao.html", `"Việt Nam Nhật Bản" (vi): 1 results`} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("check exit %d lacks %q:\n%s", code, want, out)
		}
	}
	code, out, _ = runCLI(t, "", "--config", cfg, "sources")
	if code != exitOK || !strings.Contains(out, "SEARCH SOURCE") || !regexpMatch(`News search\s+Vietnam Japan\s+en\s+\S+ ago\s+2\s+2`, out) ||
		!regexpMatch(`GDELT\s+Vietnam Japan\s+en\s+\S+ ago\s+1\s+1`, out) || !strings.Contains(out, "1 resolved") {
		t.Errorf("sources exit %d, want per-query counts and the resolution:\n%s", code, out)
	}
}

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }
