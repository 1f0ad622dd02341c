package daemon_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/vnjp-monitor/crawler/internal/daemon"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// TestWebAfterCrawl crawls the loopback site with a daemon, then reads the
// result as a user would: the page, the API filtered by each pillar, the
// per-pillar and all-articles feeds (which must list the same articles as
// the API), and the security headers of each.
func TestWebAfterCrawl(t *testing.T) {
	site, err := testsite.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	cfg := testConfig(t, site)
	cfg.Crawl.Schedule = "0 0 1 1 *" // the start-up crawl only
	d, err := daemon.Open(cfg, daemon.Options{Grace: 3 * time.Second, LockTimeout: 200 * time.Millisecond, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	waitFor(t, "every source crawled once", 60*time.Second, func() bool {
		states, err := d.Store().SourceStates()
		if err != nil || len(states) < len(cfg.Sources) {
			return false
		}
		for _, st := range states {
			if st.LastSuccess.IsZero() && st.LastError == "" {
				return false
			}
		}
		return true
	})
	base := "http://" + d.Addr()
	headers := func(resp *http.Response) {
		t.Helper()
		if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") ||
			resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s lacks the security headers: %v", resp.Request.URL.Path, resp.Header)
		}
	}

	resp, body := fetch(t, base+"/")
	headers(resp)
	if resp.StatusCode != 200 || strings.Count(body, `<li class="card">`) < 5 {
		t.Fatalf("list page: %d with %d cards", resp.StatusCode, strings.Count(body, `<li class="card">`))
	}
	all := apiIDs(t, base, "")
	byPillar := map[string][]string{}
	for _, p := range cfg.Pillars {
		ids := apiIDs(t, base, p.ID)
		if len(ids) == 0 {
			continue
		}
		byPillar[p.ID] = ids
		if got := feedIDs(t, base+"/feeds/pillar/"+p.ID+".atom?limit=500"); !slices.Equal(got, ids) {
			t.Errorf("feed of %s lists %d articles, the API %d", p.ID, len(got), len(ids))
		}
	}
	if len(byPillar) < 3 {
		t.Errorf("only %d pillars have articles after the crawl", len(byPillar))
	}
	if got := feedIDs(t, base+"/feeds/all.atom?limit=500"); !slices.Equal(got, all) {
		t.Errorf("all-articles feed lists %d, the API %d", len(got), len(all))
	}
	resp, _ = fetch(t, base+"/api/articles?pillar=labour")
	headers(resp)
	resp, _ = fetch(t, base+"/feeds/all.atom")
	headers(resp)
}

// apiIDs lists, newest first, the IDs the API gives for a pillar ("" for
// all), checking that each carries the pillar.
func apiIDs(t *testing.T, base, pillar string) []string {
	t.Helper()
	_, body := fetch(t, base+"/api/articles?limit=500&pillar="+pillar)
	var page struct {
		Articles []struct {
			ID      string   `json:"id"`
			Pillars []string `json:"pillars"`
		} `json:"articles"`
		Next string `json:"next"`
	}
	if err := json.Unmarshal([]byte(body), &page); err != nil {
		t.Fatalf("API: %v: %.200s", err, body)
	}
	var ids []string
	for _, a := range page.Articles {
		if pillar != "" && !slices.Contains(a.Pillars, pillar) {
			t.Errorf("API filtered on %s returns %s with %v", pillar, a.ID, a.Pillars)
		}
		ids = append(ids, a.ID)
	}
	return ids
}

// feedIDs lists the article IDs of an Atom feed's entries, in order.
func feedIDs(t *testing.T, url string) []string {
	t.Helper()
	_, body := fetch(t, url)
	f, err := gofeed.NewParser().ParseString(body)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	var ids []string
	for _, it := range f.Items {
		ids = append(ids, strings.TrimPrefix(it.GUID, "tag:vnjp-monitor,2026:article:"))
	}
	return ids
}

func fetch(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
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
