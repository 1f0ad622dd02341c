package server_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/browsertest"
)

// TestBrowser drives the real server with headless Chromium as an analyst
// would: filter on a pillar through the form, search in Japanese and in
// Vietnamese typed without accents, open an article and see its evidence
// marked. Screenshots at phone and desktop widths go to
// $VNJP_SCREENSHOTS when set, else to a temporary directory.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	ctx := browsertest.New(t, 90*time.Second)
	e := newWebEnv(t, "")
	shots := os.Getenv("VNJP_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	shoot := func(name string) {
		t.Helper()
		for _, w := range []int64{390, 1280} {
			path, err := browsertest.Screenshot(ctx, shots, name+"-"+map[int64]string{390: "phone", 1280: "desktop"}[w], w)
			if err != nil {
				t.Fatalf("screenshot %s: %v", name, err)
			}
			t.Logf("screenshot %s", path)
		}
	}
	arts := webArticles()

	do("open the list", chromedp.Navigate(e.base+"/"))
	shoot("list")

	// Filter by a pillar with the form.
	do("choose labour", chromedp.SetValue(chromedp.CSS(`select[name=pillar]`), crawler.PillarLabour),
		chromedp.Click(chromedp.CSS(`button.secondary`)))
	waitLocation(t, ctx, "pillar="+crawler.PillarLabour)
	if got := text("ol.cards"); !strings.Contains(got, arts["kaigo"].Title) || strings.Contains(got, arts["chip"].Title) || strings.Contains(got, arts["metro"].Title) {
		t.Errorf("filtered on labour, the list shows:\n%s", got)
	}
	// Then by the pillar tab, from the full list.
	do("back to all", chromedp.Navigate(e.base+"/"),
		chromedp.Click(chromedp.CSS(`nav.facets a.p3`)))
	waitLocation(t, ctx, "pillar="+crawler.PillarDevelopment)
	if got := text("ol.cards"); !strings.Contains(got, arts["metro"].Title) || strings.Contains(got, arts["kaigo"].Title) {
		t.Errorf("development tab shows:\n%s", got)
	}

	for _, s := range []struct{ query, want string }{
		{"介護福祉士", "kaigo"}, {"ho chi minh", "metro"}, {"Hồ Chí Minh", "metro"},
	} {
		do("search "+s.query, chromedp.Navigate(e.base+"/"),
			chromedp.SetValue(chromedp.ID("q"), s.query),
			chromedp.Submit(chromedp.ID("q")))
		waitLocation(t, ctx, "q=")
		got := text("ol.cards")
		for name, a := range arts {
			if shows := strings.Contains(got, a.Title); shows != (name == s.want) {
				t.Errorf("search %q: shows %s=%v", s.query, name, shows)
			}
		}
	}
	shoot("search")

	do("open an article", chromedp.Navigate(e.base+"/"),
		chromedp.Click(chromedp.CSS(`a[href="/articles/`+e.ids["chip"]+`"]`)))
	waitLocation(t, ctx, "/articles/")
	do("evidence visible", chromedp.WaitVisible(chromedp.CSS("section.text mark")))
	if got := text("section.text mark.p5"); got != "semiconductor" {
		t.Errorf("marked in the text: %q, want semiconductor", got)
	}
	if got := text("section.evidence"); !strings.Contains(got, "Semiconductors") || !strings.Contains(got, "Kumamoto will train") {
		t.Errorf("evidence section: %q", got)
	}
	shoot("article")
	do("open a Vietnamese article", chromedp.Navigate(e.base+"/articles/"+e.ids["metro"]),
		chromedp.WaitVisible(chromedp.CSS("section.text mark")))
	shoot("article-vi")
	do("open a Japanese article", chromedp.Navigate(e.base+"/articles/"+e.ids["kaigo"]),
		chromedp.WaitVisible(chromedp.CSS("section.text mark")))
	shoot("article-ja")
	do("open sources", chromedp.Navigate(e.base+"/sources"))
	shoot("sources")
}

// waitLocation waits until the page's URL contains part.
func waitLocation(t *testing.T, ctx context.Context, part string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && strings.Contains(loc, part) {
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("footer"))); err != nil {
				t.Fatal(err)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("page is %s, want one containing %q (%v)", loc, part, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
