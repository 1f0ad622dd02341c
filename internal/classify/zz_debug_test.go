package classify

import (
	"fmt"
	"os"
	"slices"
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
	"gopkg.in/yaml.v3"
)

func TestZZDebug(t *testing.T) {
	path := os.Getenv("DBGCASES")
	if path == "" {
		t.Skip()
	}
	data, _ := os.ReadFile("../../config.yaml")
	var cfg struct{ Pillars []crawler.Pillar }
	yaml.Unmarshal(data, &cfg)
	c, err := New(cfg.Pillars)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	cases, _ := ReadCases(f)
	for _, k := range cases {
		if !k.Relevant {
			continue
		}
		d := c.prepare(Input{Title: k.Title, Text: k.Text, Lang: k.Lang, URL: k.URL})
		sc := d.countries()
		v := d.judge(sc)
		scores := c.scorePillars(d, v)
		got := c.Classify(Input{Title: k.Title, Text: k.Text, Lang: k.Lang, URL: k.URL})
		fmt.Printf("%s %s gold=%s\n", k.ID, k.Lang, k.Primary)
		for p, s := range scores {
			if s.total == 0 && !s.enum {
				continue
			}
			id := c.pillars[p].ID
			g := " "
			if slices.Contains(k.Pillars, id) {
				g = "G"
			}
			o := " "
			if slices.Contains(got.Pillars, id) {
				o = "P"
			}
			fmt.Printf("   %s%s %-30s tot=%5.1f prim=%5.1f title=%3.1f enum=%v\n", g, o, id, s.total, s.prim, s.title, s.enum)
			if (g == "G") != (o == "P") && os.Getenv("DBGHITS") != "" {
				for _, h := range d.terms {
					if h.pillar == p && h.weight > 0 {
						st := d.sents[h.sent]
						txt := st.text
						if len(txt) > 150 {
							txt = txt[:150]
						}
						fmt.Printf("        %.1f %q ctx=%.1f | %s\n", h.weight, string(d.buffer(h.sent)[h.start:h.end]), v.ctx[h.sent], txt)
					}
				}
			}
		}
	}
}
