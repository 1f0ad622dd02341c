package extract

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"
)

// corpusDir is the public extraction benchmark shared next to the
// repository; the test skips when it is absent.
const corpusDir = "../../../shared/corpus/extraction"

// Quality floors on the benchmark; see extract_score.py, whose metric
// shingleScore reproduces.
const (
	minCorpusF1        = 0.95
	minCorpusDateShare = 0.90
)

func TestCorpusQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark corpus run skipped in -short mode")
	}
	truth := loadCorpusTruth(t)
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	var sumP, sumR float64
	var nP, nR, dated, titled int
	start := time.Now()
	for _, id := range ids {
		a, _ := Extract(readCorpusPage(t, id), "", truth[id].URL)
		var text string
		if a != nil {
			text = a.Text
			if !a.Published.IsZero() {
				dated++
			}
			if a.Title != "" {
				titled++
			}
		}
		p, r, hasP, hasR := shingleScore(truth[id].ArticleBody, text, 4)
		if hasP {
			sumP += p
			nP++
		}
		if hasR {
			sumR += r
			nR++
		}
	}
	prec, rec := sumP/float64(max(nP, 1)), sumR/float64(max(nR, 1))
	f1 := 2 * prec * rec / (prec + rec)
	n := float64(len(ids))
	t.Logf("pages=%d F1=%.3f P=%.3f R=%.3f dated=%.2f titled=%.2f in %v",
		len(ids), f1, prec, rec, float64(dated)/n, float64(titled)/n, time.Since(start).Round(time.Millisecond))
	if f1 < minCorpusF1 {
		t.Errorf("F1=%.3f, want >= %.2f", f1, minCorpusF1)
	}
	if share := float64(dated) / n; share < minCorpusDateShare {
		t.Errorf("date found on %.2f of pages, want >= %.2f", share, minCorpusDateShare)
	}
}

type corpusEntry struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

func loadCorpusTruth(t testing.TB) map[string]corpusEntry {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "ground-truth.json"))
	if os.IsNotExist(err) {
		t.Skipf("benchmark corpus not present at %s", corpusDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]corpusEntry
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatalf("ground truth: %v", err)
	}
	return truth
}

func readCorpusPage(t testing.TB, id string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "html", id+".html.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return b
}

// rxWord approximates Python's \w+ on str: letters, digits, underscore.
var rxWord = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// shingleScore is the benchmark's page metric: precision and recall of
// the multisets of n-token shingles. hasP is false for an empty
// prediction and hasR for an empty truth, as those pages are left out of
// the respective means.
func shingleScore(truth, pred string, n int) (p, r float64, hasP, hasR bool) {
	ts, ps := shingles(rxWord.FindAllString(truth, -1), n), shingles(rxWord.FindAllString(pred, -1), n)
	if len(ts) == 0 && len(ps) == 0 {
		return 1, 1, true, true
	}
	return multisetPR(ts, ps)
}

// multisetPR compares two multisets: precision is the share of pred's
// items found in truth, recall the share of truth's found in pred. hasP
// and hasR are false when pred or truth is empty.
func multisetPR(truth, pred map[string]int) (p, r float64, hasP, hasR bool) {
	var tp, nt, np int
	for k, c := range pred {
		tp += min(c, truth[k])
		np += c
	}
	for _, c := range truth {
		nt += c
	}
	if np > 0 {
		p, hasP = float64(tp)/float64(np), true
	}
	if nt > 0 {
		r, hasR = float64(tp)/float64(nt), true
	}
	return p, r, hasP, hasR
}

func shingles(toks []string, n int) map[string]int {
	out := map[string]int{}
	if len(toks) == 0 {
		return out
	}
	if len(toks) <= n {
		out[joinTokens(toks)]++
		return out
	}
	for i := 0; i+n <= len(toks); i++ {
		out[joinTokens(toks[i:i+n])]++
	}
	return out
}

func joinTokens(toks []string) string {
	b, _ := json.Marshal(toks) // unambiguous key for a token tuple
	return string(b)
}

func TestShingleScore(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		wantP       float64
		wantR       float64
	}{
		{"Identical", "one two three four five", "one, two; three four five!", 1, 1},
		{"HalfExtra", "a b c d", "a b c d x y z w", 1.0 / 5, 1},
		{"Short", "a b", "a b", 1, 1},
		{"Disjoint", "a b c d e", "v w x y z", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, _, _ := shingleScore(tt.truth, tt.pred, 4)
			if p != tt.wantP || r != tt.wantR {
				t.Fatalf("P=%v R=%v, want P=%v R=%v", p, r, tt.wantP, tt.wantR)
			}
		})
	}
}
