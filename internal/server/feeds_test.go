package server_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	crawler "github.com/vnjp-monitor/crawler"
)

// atomDoc is the Atom structure the checks read, namespace included.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

// checkAtom validates what RFC 4287 requires of a feed and its entries.
func checkAtom(t *testing.T, body string) atomDoc {
	t.Helper()
	var d atomDoc
	if err := xml.Unmarshal([]byte(body), &d); err != nil {
		t.Fatalf("not Atom XML: %v", err)
	}
	rfc3339 := func(what, s string) {
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			t.Errorf("%s %q is not RFC 3339", what, s)
		}
	}
	if d.ID == "" || d.Title == "" || len(d.Author) == 0 {
		t.Errorf("feed lacks id, title or author: %+v", d)
	}
	rfc3339("feed updated", d.Updated)
	self := false
	for _, l := range d.Links {
		self = self || l.Rel == "self"
	}
	if !self {
		t.Error("feed has no rel=self link")
	}
	ids := map[string]bool{}
	for _, e := range d.Entries {
		if !strings.HasPrefix(e.ID, "tag:vnjp-monitor,2026:article:") || ids[e.ID] {
			t.Errorf("entry id %q: want a unique tag: URI", e.ID)
		}
		ids[e.ID] = true
		if e.Title == "" || e.Lang == "" || len(e.Links) == 0 {
			t.Errorf("entry %s lacks title, xml:lang or link", e.ID)
		}
		rfc3339("entry updated", e.Updated)
		for _, l := range e.Links {
			if !strings.HasPrefix(l.Href, "http://") && !strings.HasPrefix(l.Href, "https://") {
				t.Errorf("entry %s links to %q", e.ID, l.Href)
			}
		}
	}
	return d
}

func TestFeeds(t *testing.T) {
	e := newWebEnv(t, "")
	tests := []struct {
		path, api string
		lang      string
	}{
		{"/feeds/all.atom", "", ""},
		{"/feeds/pillar/" + crawler.PillarLabour + ".atom", "?pillar=" + crawler.PillarLabour, ""},
		{"/feeds/pillar/" + crawler.PillarEconomy + ".atom", "?pillar=" + crawler.PillarEconomy, ""},
		{"/feeds/pillar/" + crawler.PillarRegional + ".atom", "?pillar=" + crawler.PillarRegional, ""},
		{"/feeds/lang/ja.atom", "?lang=ja", "ja"},
		{"/feeds/all.atom?limit=2", "?limit=2", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := e.get(t, tt.path)
			if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
				t.Fatalf("status %d, type %s", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			d := checkAtom(t, body)
			if d.Lang != tt.lang {
				t.Errorf("feed xml:lang %q, want %q", d.Lang, tt.lang)
			}
			f, err := gofeed.NewParser().ParseString(body)
			if err != nil {
				t.Fatalf("gofeed: %v", err)
			}
			if f.FeedType != "atom" || f.FeedVersion != "1.0" {
				t.Errorf("gofeed sees %s %s", f.FeedType, f.FeedVersion)
			}
			_, p := e.api(t, tt.api)
			if len(f.Items) != len(p.Articles) {
				t.Fatalf("feed has %d entries, the API %d", len(f.Items), len(p.Articles))
			}
			for i, it := range f.Items {
				id := p.Articles[i]["id"].(string)
				if it.GUID != "tag:vnjp-monitor,2026:article:"+id {
					t.Errorf("entry %d is %s, the API's is %s", i, it.GUID, id)
				}
				var pillars []string
				for _, p := range p.Articles[i]["pillars"].([]any) {
					pillars = append(pillars, p.(string))
				}
				var terms []string
				for _, c := range d.Entries[i].Categories {
					terms = append(terms, c.Term)
				}
				if !equalStrings(sortStrings(terms), sortStrings(pillars)) {
					t.Errorf("entry %s categories %v, pillars %v", id, terms, pillars)
				}
				if len(it.Categories) != len(terms) {
					t.Errorf("gofeed reads %d categories, want %d", len(it.Categories), len(terms))
				}
			}
		})
	}
}

func TestFeed_EntryDetails(t *testing.T) {
	e := newWebEnv(t, "")
	_, body := e.get(t, "/feeds/pillar/"+crawler.PillarSemiconductors+".atom")
	f, err := gofeed.NewParser().ParseString(body)
	if err != nil || len(f.Items) != 1 {
		t.Fatalf("parse: %v, %d items", err, len(f.Items))
	}
	it := f.Items[0]
	if it.Link != "https://news.example/en/chip-training" || it.Title != "Kumamoto chip firm to train Vietnamese engineers" ||
		!strings.HasPrefix(it.Description, "Kumamoto, March 14:") || it.PublishedParsed == nil || !it.PublishedParsed.Equal(webDay) {
		t.Errorf("entry %+v", it)
	}
	if d := checkAtom(t, body); d.Entries[0].Categories[0].Term != crawler.PillarSemiconductors {
		t.Errorf("categories %v: want the primary first", d.Entries[0].Categories)
	}
	if it.Categories[0] != "Semiconductors" {
		t.Errorf("category label %q, want the pillar's name", it.Categories[0])
	}
	if !strings.Contains(f.Title, "Semiconductors") {
		t.Errorf("feed title %q", f.Title)
	}
}

func TestOPML(t *testing.T) {
	e := newWebEnv(t, "")
	resp, body := e.get(t, "/sources.opml")
	var doc struct {
		Version string `xml:"version,attr"`
		Title   string `xml:"head>title"`
		Items   []struct {
			Text   string `xml:"text,attr"`
			Type   string `xml:"type,attr"`
			XMLURL string `xml:"xmlUrl,attr"`
			URL    string `xml:"url,attr"`
		} `xml:"body>outline"`
	}
	if err := xml.Unmarshal([]byte(body), &doc); resp.StatusCode != 200 || err != nil {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	if doc.Version != "2.0" || len(doc.Items) != 3 || doc.Items[0].Type != "rss" || doc.Items[1].URL != "https://bao.example/tin/" {
		t.Errorf("OPML %+v", doc)
	}
	if strings.Contains(body, "pw@") {
		t.Error("OPML shows a source URL's password")
	}
}
