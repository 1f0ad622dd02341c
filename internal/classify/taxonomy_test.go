package classify

import (
	"slices"
	"strings"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

func TestShippedTaxonomy(t *testing.T) {
	pillars := loadShippedPillars(t)
	var ids []string
	for _, p := range pillars {
		ids = append(ids, p.ID)
		for _, l := range []string{"en", "vi", "ja"} {
			if len(p.Terms[l])+len(p.Strong[l]) == 0 {
				t.Errorf("pillar %s has no terms in %s", p.ID, l)
			}
		}
		if p.Name == "" {
			t.Errorf("pillar %s has no name", p.ID)
		}
	}
	for _, id := range crawler.DefaultPillarIDs {
		if !slices.Contains(ids, id) {
			t.Errorf("shipped config lacks pillar %s (has %v)", id, ids)
		}
	}
	if got, want := len(ids), len(crawler.DefaultPillarIDs); got != want {
		t.Errorf("shipped config has %d pillars, want %d", got, want)
	}
	if _, err := New(pillars); err != nil {
		t.Fatalf("New(shipped): %v", err)
	}
}

func TestNewErrors(t *testing.T) {
	terms := map[string][]string{"en": {"summit"}}
	tests := []struct {
		name    string
		pillars []crawler.Pillar
		want    []string // substrings of the error
	}{
		{"no pillars", nil, []string{"no pillars"}},
		{"empty id", []crawler.Pillar{{Name: "Nameless", Terms: terms}}, []string{"empty id", "Nameless"}},
		{"duplicate id", []crawler.Pillar{{ID: "a", Terms: terms}, {ID: "a", Terms: terms}}, []string{`"a"`, "duplicate"}},
		{"no terms", []crawler.Pillar{{ID: "empty"}}, []string{`"empty"`, "no terms"}},
		{"blank term", []crawler.Pillar{{ID: "trade", Terms: map[string][]string{"vi": {"thương mại", "  "}}}}, []string{`"trade"`, "empty phrase", "vi"}},
		{"star inside", []crawler.Pillar{{ID: "trade", Strong: map[string][]string{"en": {"inv*est"}}}}, []string{`"trade"`, `"inv*est"`, "strong", "at the end"}},
		{"bad exclude", []crawler.Pillar{{ID: "defence", Terms: terms, Exclude: map[string][]string{"ja": {"\u200b"}}}}, []string{`"defence"`, "exclude"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.pillars)
			if err == nil {
				t.Fatal("New succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q, want it to mention %s", err, w)
				}
			}
		})
	}
}

// A user may add a pillar of their own; it is assigned like the others.
func TestUserPillar(t *testing.T) {
	pillars := append(loadShippedPillars(t), crawler.Pillar{
		ID:   "fisheries",
		Name: "Fisheries",
		Strong: map[string][]string{
			"en": {"fisheries", "tuna"},
			"vi": {"thủy sản", "cá ngừ"},
			"ja": {"水産", "マグロ"},
		},
	})
	c, err := New(pillars)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	got := c.Classify(Input{
		Title: "Vietnam and Japan sign fisheries deal",
		Text:  "Vietnam and Japan agreed to cooperate on tuna fisheries and port inspections in Khanh Hoa.",
	})
	if got.Primary != "fisheries" {
		t.Errorf("Primary=%q, want fisheries (pillars %v)", got.Primary, got.Pillars)
	}
	if len(got.Evidence["fisheries"]) == 0 {
		t.Error("no evidence for the user's pillar")
	}
}

// Retuning a term changes the verdict: the taxonomy is the tunable part.
func TestRetunedTerm(t *testing.T) {
	pillars := []crawler.Pillar{
		{ID: crawler.PillarPolitical, Terms: map[string][]string{"en": {"talks"}}},
		{ID: "robotics", Strong: map[string][]string{"en": {"robot*"}}},
	}
	c, err := New(pillars)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	got := c.Classify(Input{Title: "Japan and Vietnam build robots together", Text: "Japanese and Vietnamese engineers showed new robotic arms in Hanoi."})
	if got.Primary != "robotics" {
		t.Errorf("Primary=%q, want robotics", got.Primary)
	}
}
