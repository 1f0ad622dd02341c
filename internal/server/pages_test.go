package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// titlesIn returns the fixture names whose titles a list page shows.
func titlesIn(body string) []string {
	var out []string
	for name, a := range webArticles() {
		if strings.Contains(body, escapeHTML(a.Title)) {
			out = append(out, name)
		}
	}
	return sortStrings(out)
}

func TestListPage(t *testing.T) {
	e := newWebEnv(t, "")
	tests := []struct {
		name, query string
		want        []string
		code        int
	}{
		{"newest relevant", "", []string{"chip", "hostile", "kaigo", "metro"}, 200},
		{"all", "?all=1", []string{"chip", "hostile", "kaigo", "metro", "weather"}, 200},
		{"pillar, any of an article's", "?pillar=" + crawler.PillarEconomy, []string{"chip"}, 200},
		{"pillar not primary", "?pillar=" + crawler.PillarHealth, []string{"kaigo"}, 200},
		{"lang", "?lang=vi", []string{"metro"}, 200},
		{"source", "?source=shinbun-ja", []string{"kaigo"}, 200},
		{"from", "?from=2026-03-13", []string{"chip", "metro"}, 200},
		{"to, inclusive", "?to=2026-03-12", []string{"hostile", "kaigo"}, 200},
		{"search vi with diacritics", "?q=" + urlq("Hồ Chí Minh"), []string{"metro"}, 200},
		{"search vi without diacritics", "?q=" + urlq("ho chi minh"), []string{"metro"}, 200},
		{"search ja", "?q=" + urlq("介護福祉士"), []string{"kaigo"}, 200},
		{"search en", "?q=kumamoto", []string{"chip"}, 200},
		{"search and pillar", "?q=" + urlq("ベトナム") + "&pillar=" + crawler.PillarLabour, []string{"kaigo"}, 200},
		{"nothing", "?q=osaka", nil, 200},
		{"unknown pillar", "?pillar=nope", nil, 400},
		{"bad date", "?from=yesterday", nil, 400},
		{"bad lang", "?lang=english", nil, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.get(t, "/"+tt.query)
			if resp.StatusCode != tt.code {
				t.Fatalf("GET /%s = %d, want %d", tt.query, resp.StatusCode, tt.code)
			}
			if got := titlesIn(body); !equalStrings(got, tt.want) {
				t.Errorf("shows %v, want %v", got, tt.want)
			}
		})
	}
}

func TestListPage_CountsAndChips(t *testing.T) {
	e := newWebEnv(t, "")
	_, body := e.get(t, "/?lang=en")
	// The English relevant articles: chip (economy, semiconductors) and
	// hostile (culture); the tabs count them without the pillar filter.
	for _, want := range []string{
		`All pillars <b>2</b>`, `Economy, trade and investment <b>1</b>`, `Semiconductors <b>1</b>`,
		`Culture, tourism and people-to-people exchange <b>1</b>`, `<strong>2</strong> articles`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "Labour cooperation <b>") {
		t.Error("a pillar with no article for the filter has a tab")
	}
	// Primary first: semiconductors before economy on the chip card.
	i, j := strings.Index(body, `chip p5 primary">Semiconductors`), strings.Index(body, `chip p2">Economy`)
	if i < 0 || j < 0 || i > j {
		t.Errorf("chips of the chip story: primary at %d, economy at %d; want primary first", i, j)
	}
	// Dates in the configured zone (Asia/Ho_Chi_Minh, UTC+7).
	if !strings.Contains(body, "Sat 14 Mar 2026, 09:30") {
		t.Error("date not shown in the configured time zone")
	}
	if !strings.Contains(body, `lang="vi"`) && !strings.Contains(body, `lang="en"`) {
		t.Error("titles carry no lang attribute")
	}
}

func TestListPage_Pagination(t *testing.T) {
	e := newWebEnv(t, "")
	_, body := e.get(t, "/?limit=2")
	older := regexp.MustCompile(`href="(/\?[^"]*cursor=[^"]+)" rel="next"`).FindStringSubmatch(body)
	if older == nil {
		t.Fatalf("first page of 2 has no Older link")
	}
	first := titlesIn(body)
	_, body2 := e.get(t, strings.ReplaceAll(older[1], "&amp;", "&"))
	second := titlesIn(body2)
	if len(first) != 2 || len(second) != 2 || overlap(first, second) {
		t.Errorf("pages %v then %v, want two distinct pairs", first, second)
	}
	if !strings.Contains(body2, "← Newest") {
		t.Error("second page has no link back to the newest")
	}
	resp, body3 := e.get(t, "/?cursor=forged!")
	if resp.StatusCode != 200 || !strings.Contains(body3, "out of date") || len(titlesIn(body3)) != 4 {
		t.Errorf("forged cursor: %d; want the first page with a notice", resp.StatusCode)
	}
}

func TestArticlePage(t *testing.T) {
	e := newWebEnv(t, "")
	tests := []struct {
		name string
		want []string
	}{
		// Spans recorded by the classifier mark exactly their phrases.
		{"chip", []string{`<mark class="p5" title="Semiconductors">semiconductor</mark>`,
			`<mark class="p2" title="Economy, trade and investment">investment</mark>`,
			"Mostly about Semiconductors.", "Also about Economy, trade and investment.", "relevance 0.91, high",
			`href="https://news.example/en/chip-training"`, "Example Wire"}},
		// Without spans, the taxonomy's phrases found in the evidence.
		{"metro", []string{`<mark class="p3" title="Development aid and infrastructure">ODA</mark>`,
			`<mark class="p3" title="Development aid and infrastructure">hiệp định vay</mark>`, "Marked: the taxonomy"}},
		{"kaigo", []string{`<mark class="p12" title="Health">介護</mark>`, `lang="ja"`}},
		{"weather", []string{"Not kept: judged not about Viet Nam–Japan relations"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.get(t, "/articles/"+e.ids[tt.name])
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %s", w)
				}
			}
		})
	}
	if resp, body := e.get(t, "/articles/ffffffffffff"); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "No article has the ID") {
		t.Errorf("unknown article: %d", resp.StatusCode)
	}
	// A six-character prefix is enough, as on the command line.
	if resp, _ := e.get(t, "/articles/"+e.ids["chip"][:6]); resp.StatusCode != 200 {
		t.Errorf("ID prefix: %d", resp.StatusCode)
	}
}

func TestSourcesPage(t *testing.T) {
	e := newWebEnv(t, "")
	resp, body := e.get(t, "/sources")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, w := range []string{`<span class="status ok">ok</span>`, `<span class="status failing">failing</span>`,
		`<span class="status never">never</span>`, "status 503", "shinbun-ja"} {
		if !strings.Contains(body, w) {
			t.Errorf("sources page lacks %s", w)
		}
	}
	if strings.Contains(body, "user:pw") {
		t.Error("a source URL's credentials are shown")
	}
}

func TestStaticAndNotFound(t *testing.T) {
	e := newWebEnv(t, "")
	resp, body := e.get(t, "/static/style.css")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || !strings.Contains(body, ".card") {
		t.Errorf("stylesheet: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, p := range []string{"/static/other.css", "/nope", "/feeds/pillar/nope.atom", "/feeds/lang/english.atom", "/feeds/pillar/labour.rss"} {
		if resp, _ := e.get(t, p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, resp.StatusCode)
		}
	}
	if resp, _ := e.do(t, http.MethodPost, "/api/articles", nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/articles = %d, want 405: the API only reads", resp.StatusCode)
	}
}
