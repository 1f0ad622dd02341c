package classify

import (
	"maps"
	"strings"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
)

// A configuration written before the classifier section existed, or one
// that retunes a single role, keeps the shipped vocabulary for the rest.
func TestShippedVocabularyFillsGaps(t *testing.T) {
	pillars := loadShippedPillars(t)
	def, err := shippedSection()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if countPhrases(def.Roles[r.name]) == 0 {
			t.Errorf("the shipped config.yaml has no phrase for role %s", r.name)
		}
	}
	// Only one role set: "tiếp" alone as a reception.
	cfg := crawler.ClassifierConfig{Roles: map[string]map[string][]string{"reception": {"vi": {"đón tiếp"}}}}
	c, err := New(pillars, WithConfig(cfg))
	if err != nil {
		t.Fatalf("New with one role: %v", err)
	}
	if len(c.vocab.groups) <= len(def.Gazetteer) {
		t.Errorf("%d groups, want the shipped gazetteer (%d) and every role", len(c.vocab.groups), len(def.Gazetteer))
	}
	d := c.runUntil(Input{Lang: "vi", Text: "Thủ tướng đón tiếp Đại sứ Nhật Bản."}, "index")
	if !d.hasCue(0, entReception) {
		t.Error("the user's reception phrase is not found")
	}
	d = c.runUntil(Input{Lang: "vi", Text: "Thủ tướng tiếp Đại sứ Nhật Bản."}, "index")
	if d.hasCue(0, entReception) {
		t.Error("a shipped reception phrase is still found after the role was replaced")
	}
}

func TestVocabularyErrors(t *testing.T) {
	pillars := loadShippedPillars(t)
	def, err := shippedSection()
	if err != nil {
		t.Fatal(err)
	}
	withGroup := func(g crawler.NameGroup) crawler.ClassifierConfig {
		return crawler.ClassifierConfig{Gazetteer: append([]crawler.NameGroup{g}, def.Gazetteer...)}
	}
	tests := []struct {
		name string
		cfg  crawler.ClassifierConfig
		want []string
	}{
		{"empty role", crawler.ClassifierConfig{Roles: map[string]map[string][]string{"outcome": {"en": {}}}},
			[]string{"classifier.roles.outcome", "at least one phrase"}},
		{"unknown role", crawler.ClassifierConfig{Roles: map[string]map[string][]string{"recepton": {"en": {"hosts"}}}},
			[]string{"classifier.roles.recepton", "unknown role", "reception"}},
		{"bad for", withGroup(crawler.NameGroup{For: "vietnam", Names: []string{"x"}}),
			[]string{"classifier.gazetteer[0]", `"vietnam"`}},
		{"country without a name", withGroup(crawler.NameGroup{For: "ZZ", Names: []string{"Zedland"}}),
			[]string{"classifier.gazetteer[0]", `"ZZ"`, "classifier.countries"}},
		{"bad kind", withGroup(crawler.NameGroup{For: "japan", Kind: "shop", Names: []string{"x"}}),
			[]string{"classifier.gazetteer[0]", `"shop"`}},
		{"bad flag", withGroup(crawler.NameGroup{For: "japan", Match: []string{"cse"}, Names: []string{"x"}}),
			[]string{"classifier.gazetteer[0]", `"cse"`}},
		{"bad weight", withGroup(crawler.NameGroup{For: "japan", Weight: 2, Names: []string{"x"}}),
			[]string{"classifier.gazetteer[0]", "weight"}},
		{"no names", withGroup(crawler.NameGroup{For: "japan"}),
			[]string{"classifier.gazetteer[0]", "no names"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(pillars, WithConfig(tt.cfg))
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

// The gazetteer is data: a user's own stand-in makes an article relevant
// that the shipped gazetteer does not.
func TestGazetteerStandIn(t *testing.T) {
	pillars := loadShippedPillars(t)
	in := Input{Lang: "en", Title: "Tanaka Heavy Works opens a plant in Bac Ninh",
		Text: "Tanaka Heavy Works will build engines at a new plant in Bac Ninh province.\n" +
			"The Vietnamese government welcomed the investment from Tanaka Heavy Works, which employs 2,000 people at home."}
	if got := mustShipped(t).Classify(in); got.Relevant {
		t.Fatalf("relevant without the company in the gazetteer: %v", got.Evidence)
	}
	def, err := shippedSection()
	if err != nil {
		t.Fatal(err)
	}
	cfg := crawler.ClassifierConfig{Gazetteer: append(def.Gazetteer,
		crawler.NameGroup{For: "japan", Kind: "company", Weight: 1, Names: []string{"Tanaka Heavy Works"}})}
	c, err := New(pillars, WithConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Classify(in); !got.Relevant {
		t.Errorf("not relevant with the company standing for Japan: %v", got.Evidence)
	}
}

// A comma joins two names only when they are not items of a longer
// list: "Japan, Vietnam" in a headline is a pair, "China, ASEAN, Japan
// and Korea" lists trade partners (the contract's passing mention).
func TestLongerList(t *testing.T) {
	c := mustShipped(t)
	pairOf := func(c *Classifier, text string) (pair, framework bool) {
		d := c.runUntil(Input{Lang: "en", Text: text}, "countries")
		return d.sc[0].pair, d.sc[0].framework
	}
	if pair, _ := pairOf(c, "Japan, Vietnam share concerns on maritime security"); !pair {
		t.Error(`"Japan, Vietnam" is not read as a pair`)
	}
	list := "Its main export markets are China, ASEAN, Japan and Korea."
	if _, framework := pairOf(c, list); framework {
		t.Error(`"ASEAN, Japan" in a list of markets is read as an ASEAN–Japan framework`)
	}
	off, err := New(loadShippedPillars(t), without("longer-list"))
	if err != nil {
		t.Fatal(err)
	}
	if _, framework := pairOf(off, list); !framework {
		t.Error("without the longer-list rule the comma should join them: the test no longer tests the rule")
	}
}

// Every role of the code is documented in the shipped config and none
// of the shipped roles is unknown.
func TestRolesMatchConfig(t *testing.T) {
	def, err := shippedSection()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range roles {
		names[r.name] = true
	}
	for name := range maps.Keys(def.Roles) {
		if !names[name] {
			t.Errorf("config.yaml has role %s, which no rule uses", name)
		}
	}
}
