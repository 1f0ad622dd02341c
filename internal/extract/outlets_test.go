package extract

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
)

// The outlet corpus in testdata/outlets holds pages written for these
// tests in the markup of Japanese and Vietnamese news sites: navigation,
// rankings, related lists, inline advertisements, paywall prompts, photo
// captions and credits, ruby readings. Next to each NAME.html,
// NAME.want.txt holds a header (url, lang, title, published) and, after a
// blank line, the article text a reader would call the article.

// Floors for the outlet corpus, by language: character 3-gram F1 of the
// text, and the share of pages whose title and date are exactly right.
var outletFloors = map[string]struct{ f1, title, date float64 }{
	"ja": {0.97, 1, 1},
	"vi": {0.97, 1, 1},
}

type outletPage struct {
	name, url, lang, title, text string
	published                    time.Time
}

func loadOutlets(t testing.TB) []outletPage {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "outlets", "*.want.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no outlet pages: %v", err)
	}
	sort.Strings(paths)
	var pages []outletPage
	for _, p := range paths {
		pages = append(pages, readOutletWant(t, p))
	}
	return pages
}

func readOutletWant(t testing.TB, path string) outletPage {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pg := outletPage{name: strings.TrimSuffix(filepath.Base(path), ".want.txt")}
	sc := bufio.NewScanner(f)
	for sc.Scan() && sc.Text() != "" {
		key, val, ok := strings.Cut(sc.Text(), ": ")
		if !ok {
			t.Fatalf("%s: bad header line %q", path, sc.Text())
		}
		switch key {
		case "url":
			pg.url = val
		case "lang":
			pg.lang = val
		case "title":
			pg.title = val
		case "published":
			if pg.published, err = time.Parse(time.RFC3339, val); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		default:
			t.Fatalf("%s: unknown header %q", path, key)
		}
	}
	var body []string
	for sc.Scan() {
		body = append(body, sc.Text())
	}
	pg.text = strings.TrimSpace(strings.Join(body, "\n"))
	return pg
}

func (pg outletPage) html(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "outlets", pg.name+".html"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// trigramScore compares texts as multisets of character 3-grams, with
// whitespace removed: a word-token metric sees a Japanese sentence as one
// token. Precision is undefined (hasP false) for an empty prediction.
func trigramScore(truth, pred string) (p, r float64, hasP bool) {
	p, r, hasP, _ = multisetPR(trigrams(truth), trigrams(pred))
	return p, r, hasP
}

func trigrams(s string) map[string]int {
	var rs []rune
	for _, c := range s {
		if !unicode.IsSpace(c) {
			rs = append(rs, c)
		}
	}
	out := map[string]int{}
	for i := 0; i+3 <= len(rs); i++ {
		out[string(rs[i:i+3])]++
	}
	return out
}

type langScore struct {
	sumP, sumR           float64
	nP, n, titled, dated int
}

func (s *langScore) f1() (f1, p, r float64) {
	p, r = s.sumP/float64(max(s.nP, 1)), s.sumR/float64(max(s.n, 1))
	if p+r == 0 {
		return 0, p, r
	}
	return 2 * p * r / (p + r), p, r
}

func TestOutletCorpus(t *testing.T) {
	scores := map[string]*langScore{}
	for _, pg := range loadOutlets(t) {
		a, err := Extract(pg.html(t), "", pg.url)
		if a == nil {
			t.Fatalf("%s: %v", pg.name, err)
		}
		s := scores[pg.lang]
		if s == nil {
			s = &langScore{}
			scores[pg.lang] = s
		}
		p, r, hasP := trigramScore(pg.text, a.Text)
		s.n++
		s.sumR += r
		if hasP {
			s.sumP += p
			s.nP++
		}
		if a.Title == pg.title {
			s.titled++
		} else {
			t.Logf("%s: title %q, want %q", pg.name, a.Title, pg.title)
		}
		if a.Published.Equal(pg.published) {
			s.dated++
		} else {
			t.Logf("%s: published %v, want %v", pg.name, a.Published, pg.published)
		}
		if a.Lang != pg.lang {
			t.Errorf("%s: lang %q, want %q", pg.name, a.Lang, pg.lang)
		}
		t.Logf("%s: P=%.3f R=%.3f", pg.name, p, r)
	}
	for _, lang := range []string{"ja", "vi"} {
		s := scores[lang]
		if s == nil {
			t.Fatalf("no %s pages", lang)
		}
		f1, p, r := s.f1()
		title, date := float64(s.titled)/float64(s.n), float64(s.dated)/float64(s.n)
		t.Logf("%s: pages=%d F1=%.3f P=%.3f R=%.3f title=%.2f date=%.2f", lang, s.n, f1, p, r, title, date)
		floor := outletFloors[lang]
		if f1 < floor.f1 || title < floor.title || date < floor.date {
			t.Errorf("%s: F1=%.3f title=%.2f date=%.2f, want at least %.2f, %.2f, %.2f",
				lang, f1, title, date, floor.f1, floor.title, floor.date)
		}
	}
}

func TestTrigramScore(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		wantP       float64
		wantR       float64
	}{
		{"Identical", "日本と ベトナム", "日本とベトナム", 1, 1},
		{"HalfExtra", "abcd", "abcdwxyz", 2.0 / 6, 1},
		{"Disjoint", "abcde", "vwxyz", 0, 0},
		{"Missing", "abcdef", "abcd", 1, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, _ := trigramScore(tt.truth, tt.pred)
			if p != tt.wantP || r != tt.wantR {
				t.Fatalf("P=%v R=%v, want P=%v R=%v", p, r, tt.wantP, tt.wantR)
			}
		})
	}
}
