package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

type apiPage struct {
	Articles []map[string]any `json:"articles"`
	Next     string           `json:"next"`
}

func (e *webEnv) api(t *testing.T, query string) (int, apiPage) {
	t.Helper()
	resp, body := e.get(t, "/api/articles"+query)
	var p apiPage
	if resp.StatusCode == 200 {
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatalf("decode %s: %v", body, err)
		}
	}
	return resp.StatusCode, p
}

func (e *webEnv) namesOf(p apiPage) []string {
	var out []string
	for _, a := range p.Articles {
		for name, id := range e.ids {
			if a["id"] == id {
				out = append(out, name)
			}
		}
	}
	return out
}

func TestAPIArticles(t *testing.T) {
	e := newWebEnv(t, "")
	tests := []struct {
		name, query string
		want        []string // in order: newest first
		code        int
	}{
		{"default", "", []string{"chip", "metro", "kaigo", "hostile"}, 200},
		{"pillar", "?pillar=" + crawler.PillarLabour, []string{"kaigo"}, 200},
		{"lang", "?lang=en&all=1", []string{"chip", "weather", "hostile"}, 200},
		{"source", "?source=bao-vi", []string{"metro"}, 200},
		{"q folded", "?q=" + urlq("nhat ban"), []string{"metro"}, 200},
		{"q ja", "?q=" + urlq("横浜"), []string{"kaigo"}, 200},
		{"since date", "?since=2026-03-13", []string{"chip", "metro"}, 200},
		{"since RFC 3339", "?since=2026-03-12T00:00:00Z", []string{"chip", "metro", "kaigo"}, 200},
		{"since period", "?since=100000d", []string{"chip", "metro", "kaigo", "hostile"}, 200},
		{"min relevance", "?min_relevance=0.8", []string{"chip", "metro"}, 200},
		{"limit", "?limit=1", []string{"chip"}, 200},
		{"limit over max is capped", "?limit=100000", []string{"chip", "metro", "kaigo", "hostile"}, 200},
		{"bad limit", "?limit=0", nil, 400},
		{"bad since", "?since=last+week", nil, 400},
		{"unknown pillar", "?pillar=sports", nil, 400},
		{"bad cursor", "?cursor=abc", nil, 400},
		{"long q", "?q=" + strings.Repeat("a", 201), nil, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, p := e.api(t, tt.query)
			if code != tt.code {
				t.Fatalf("status %d, want %d", code, tt.code)
			}
			if got := e.namesOf(p); code == 200 && !equalStrings(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAPIArticles_ShapeAndCursor(t *testing.T) {
	e := newWebEnv(t, "")
	resp, body := e.get(t, "/api/articles?limit=3")
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &raw); err != nil || len(raw) != 2 || raw["articles"] == nil || raw["next"] == nil {
		t.Fatalf("body %s: want exactly articles and next", body)
	}
	var p apiPage
	_ = json.Unmarshal([]byte(body), &p)
	want := []string{"id", "lang", "pillars", "primary", "published", "relevance", "relevant", "source", "title", "url", "urls"}
	for _, a := range p.Articles {
		var keys []string
		for k := range a {
			keys = append(keys, k)
		}
		if got := sortStrings(keys); !equalStrings(got, want) {
			t.Fatalf("fields %v, want those of `crawler list --json` %v", got, want)
		}
	}
	if p.Next == "" {
		t.Fatal("3 of 4 articles and no next cursor")
	}
	_, p2 := e.api(t, "?limit=3&cursor="+p.Next)
	if got := e.namesOf(p2); !equalStrings(got, []string{"hostile"}) || p2.Next != "" {
		t.Errorf("second page %v next %q, want [hostile] and no cursor", got, p2.Next)
	}
}

func TestAPIArticleAndSources(t *testing.T) {
	e := newWebEnv(t, "")
	resp, body := e.get(t, "/api/articles/"+e.ids["kaigo"])
	var a crawler.Article
	if err := json.Unmarshal([]byte(body), &a); resp.StatusCode != 200 || err != nil || a.Lang != "ja" || a.Text == "" {
		t.Errorf("GET article: %d %v %+v", resp.StatusCode, err, a.Lang)
	}
	if resp, _ := e.get(t, "/api/articles/000000000000"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown article: %d", resp.StatusCode)
	}
	resp, body = e.get(t, "/api/sources")
	var states []crawler.SourceState
	if err := json.Unmarshal([]byte(body), &states); resp.StatusCode != 200 || err != nil || len(states) != 2 {
		t.Errorf("GET sources: %d %v %d states", resp.StatusCode, err, len(states))
	}
}
