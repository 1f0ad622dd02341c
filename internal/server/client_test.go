package server_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/server"
)

func TestClient_Articles(t *testing.T) {
	r := newReader()
	_, c := startServer(t, r, nil, nil)
	tests := []struct {
		name     string
		q        server.ListQuery
		wantIDs  []string
		wantNext string
	}{
		{"relevant only", server.ListQuery{}, []string{"a3", "a1"}, ""},
		{"all", server.ListQuery{All: true}, []string{"a3", "a2", "a1"}, ""},
		{"pillar", server.ListQuery{Pillar: crawler.PillarLabour}, []string{"a1"}, ""},
		{"since", server.ListQuery{All: true, Since: day.Add(12*time.Hour + 500*time.Millisecond)}, []string{"a3", "a2"}, ""},
		{"limit", server.ListQuery{All: true, Limit: 2}, []string{"a3", "a2"}, "more"},
		{"nothing matches", server.ListQuery{Pillar: "health"}, []string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids := []string{}
			next, err := c.Articles(tt.q, func(a *crawler.Article) error {
				ids = append(ids, a.ID)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ids, tt.wantIDs) || next != tt.wantNext {
				t.Errorf("IDs=%v next=%q, want %v %q", ids, next, tt.wantIDs, tt.wantNext)
			}
			r.mu.Lock()
			got := r.lastList
			r.mu.Unlock()
			if !got.Since.Equal(tt.q.Since) || got.All != tt.q.All || got.Pillar != tt.q.Pillar {
				t.Errorf("reader got query %+v, want %+v", got, tt.q)
			}
		})
	}
}

func TestClient_GetArticle(t *testing.T) {
	r := newReader()
	_, c := startServer(t, r, nil, nil)

	got, err := c.GetArticle("a3")
	if err != nil {
		t.Fatal(err)
	}
	if want := r.articles[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("GetArticle(a3)=\n%+v\nwant\n%+v", got, want)
	}

	_, err = c.GetArticle("nope/../x")
	if !errors.Is(err, server.ErrNotFound) {
		t.Errorf("GetArticle(missing) error=%v, want ErrNotFound", err)
	}

	// An article without pillars shows [] rather than null in JSON.
	code, body := get(t, c, "/api/articles/a2")
	if code != 200 || !strings.Contains(body, `"pillars": []`) {
		t.Errorf("GET a2: %d %s, want 200 with empty pillars", code, body)
	}
	if r.articles[1].Pillars != nil {
		t.Error("the server modified the reader's article")
	}
}

func TestClient_SourceStates(t *testing.T) {
	r := newReader()
	_, c := startServer(t, r, nil, nil)
	got, err := c.SourceStates()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r.states) {
		t.Errorf("SourceStates=\n%+v\nwant\n%+v", got, r.states)
	}
}

func TestClient_NotAnAPI(t *testing.T) {
	_, c := startServer(t, newReader(), nil, nil)
	c.BaseURL += "/elsewhere"
	_, err := c.SourceStates()
	if err == nil || errors.Is(err, server.ErrNotFound) || !strings.Contains(err.Error(), "404") {
		t.Errorf("error=%v, want a plain 404 error, not ErrNotFound", err)
	}
}
