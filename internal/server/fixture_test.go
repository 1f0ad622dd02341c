package server_test

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/daemon"
	"github.com/vnjp-monitor/crawler/internal/server"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// webDay is the date of the newest web fixture article.
var webDay = time.Date(2026, 3, 14, 2, 30, 0, 0, time.UTC)

// webArticles are written for these tests: one story in each language,
// one not relevant, and one whose crawled page was hostile.
func webArticles() map[string]*crawler.Article {
	chipText := "Kumamoto, March 14: A semiconductor maker from Kumamoto will train 200 Vietnamese engineers a year under a programme agreed with a university in Da Nang.\n\n" +
		"The two sides also discussed investment in a packaging plant near Hanoi."
	chip := &crawler.Article{
		URL: "https://news.example/en/chip-training", Title: "Kumamoto chip firm to train Vietnamese engineers",
		Lang: "en", Source: "wire-en", SiteName: "Example Wire", Published: webDay, Text: chipText,
		Classification: crawler.Classification{Relevant: true, Relevance: 0.91,
			Pillars: []string{crawler.PillarEconomy, crawler.PillarSemiconductors}, Primary: crawler.PillarSemiconductors,
			Evidence: map[string][]string{crawler.PillarSemiconductors: {"A semiconductor maker from Kumamoto will train 200 Vietnamese engineers a year"}},
			Spans: map[string][]crawler.EvidenceSpan{
				crawler.PillarSemiconductors: {{Sentence: "A semiconductor maker from Kumamoto will train 200 Vietnamese engineers a year", Offset: strings.Index(chipText, "A semiconductor"),
					Marks: []crawler.Mark{{Start: 2, End: 15}}}},
				crawler.PillarEconomy: {{Sentence: "The two sides also discussed investment in a packaging plant near Hanoi.", Offset: strings.Index(chipText, "The two"),
					Marks: []crawler.Mark{{Start: 29, End: 39}}}},
			}}}
	// Offsets are in runes; the English text is ASCII, so bytes will do.
	metro := &crawler.Article{
		URL: "https://bao.example/vi/metro-so-2", Title: "Nhật Bản tiếp tục hỗ trợ tuyến metro số 2 ở Thành phố Hồ Chí Minh",
		Lang: "vi", Source: "bao-vi", Published: webDay.Add(-24 * time.Hour),
		Text: "Hai bên đã ký hiệp định vay vốn ODA cho giai đoạn tiếp theo của tuyến metro.\n\nDự án dự kiến hoàn thành trong năm năm tới.",
		Classification: crawler.Classification{Relevant: true, Relevance: 0.84,
			Pillars: []string{crawler.PillarDevelopment}, Primary: crawler.PillarDevelopment,
			Evidence: map[string][]string{crawler.PillarDevelopment: {"Hai bên đã ký hiệp định vay vốn ODA cho giai đoạn tiếp theo của tuyến metro."}}}}
	kaigo := &crawler.Article{
		URL: "https://shinbun.example/ja/kaigo", Title: "ベトナム人介護人材、横浜で研修開始",
		Lang: "ja", Source: "shinbun-ja", Published: webDay.Add(-48 * time.Hour),
		Text: "ベトナムから来日した介護福祉士候補者が横浜市の施設で研修を始めた。\n\n日越両政府は受け入れ拡大で合意している。",
		Classification: crawler.Classification{Relevant: true, Relevance: 0.77,
			Pillars: []string{crawler.PillarLabour, crawler.PillarHealth}, Primary: crawler.PillarLabour,
			Evidence: map[string][]string{crawler.PillarHealth: {"ベトナムから来日した介護福祉士候補者が横浜市の施設で研修を始めた。"}}}}
	weather := &crawler.Article{
		URL: "https://news.example/en/weather", Title: "Storm expected along the central coast",
		Lang: "en", Source: "wire-en", Published: webDay.Add(-72 * time.Hour),
		Text:           "Forecasters warned fishermen to stay in port this weekend.",
		Classification: crawler.Classification{Relevance: 0.05}}
	hostile := &crawler.Article{
		URL: "javascript:alert(1)//https://evil.example/", Title: `<script>alert("title")</script> Viet Nam and Japan sign culture pact`,
		Lang: "en", Source: "wire-en", Published: webDay.Add(-96 * time.Hour),
		Text: `Culture week opens. <img src=x onerror=alert(2)> <a href="javascript:alert(3)">click</a> </p><script>alert(4)</script>`,
		Classification: crawler.Classification{Relevant: true, Relevance: 0.6,
			Pillars: []string{crawler.PillarCulture}, Primary: crawler.PillarCulture,
			Evidence: map[string][]string{crawler.PillarCulture: {`<script>alert(5)</script> culture week`}}}}
	return map[string]*crawler.Article{"chip": chip, "metro": metro, "kaigo": kaigo, "weather": weather, "hostile": hostile}
}

// webEnv is a real server over a real bbolt file holding webArticles.
type webEnv struct {
	srv  *server.Server
	base string
	ids  map[string]string // fixture name -> stored ID
	cfg  *config.Config
	st   *store.Store
	hc   *http.Client
}

// newWebEnv stores the fixtures and starts a server on loopback; token
// sets http.token.
func newWebEnv(t *testing.T, token string) *webEnv {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "web.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := &webEnv{ids: map[string]string{}, st: st}
	for name, a := range webArticles() {
		id, _, err := st.Put(a)
		if err != nil {
			t.Fatal(err)
		}
		e.ids[name] = id
	}
	mustPutState(t, st)
	e.cfg = config.Default()
	e.cfg.HTTP.Token = token
	e.cfg.Sources = []crawler.Source{
		{Name: "wire-en", Kind: crawler.KindRSS, URL: "https://user:pw@news.example/feed.xml", Language: "en"},
		{Name: "bao-vi", Kind: crawler.KindHTML, URL: "https://bao.example/tin/", Language: "vi"},
		{Name: "shinbun-ja", Kind: crawler.KindSitemap, URL: "https://shinbun.example/sitemap.xml", Language: "ja"},
	}
	e.srv = server.New("127.0.0.1:0", daemon.StoreReader(st), nil, nil, nil)
	e.srv.SetConfig(e.cfg)
	if err := e.srv.Start(); err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	e.hc = &http.Client{Transport: tr, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	e.base = "http://" + e.srv.Addr()
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := e.srv.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
		if err := st.Check(); err != nil {
			t.Errorf("store Check: %v", err)
		}
		st.Close()
	})
	return e
}

func mustPutState(t *testing.T, st *store.Store) {
	t.Helper()
	for _, s := range []crawler.SourceState{
		{Name: "wire-en", LastAttempt: time.Now(), LastSuccess: time.Now(), LastNew: time.Now(), Articles: 3},
		{Name: "bao-vi", LastAttempt: webDay, ConsecutiveFailures: 3, LastError: "fetch https://bao.example/tin/: status 503"},
	} {
		if err := st.PutSourceState(s); err != nil {
			t.Fatal(err)
		}
	}
}

// get fetches path with optional header pairs and returns the response
// and its body.
func (e *webEnv) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	return e.do(t, http.MethodGet, path, nil, header...)
}

func (e *webEnv) do(t *testing.T, method, path string, body io.Reader, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := e.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}
