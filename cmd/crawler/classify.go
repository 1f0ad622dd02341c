package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
)

// classifyIn is one input line of `crawler classify --jsonl`.
type classifyIn struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
	Lang  string `json:"lang"`
	URL   string `json:"url"`
}

// classifyOut is one output line of `crawler classify --jsonl`.
type classifyOut struct {
	ID        string              `json:"id"`
	Relevant  bool                `json:"relevant"`
	Relevance float64             `json:"relevance"`
	Pillars   []string            `json:"pillars"`
	Primary   *string             `json:"primary"` // null when not relevant
	Evidence  map[string][]string `json:"evidence"`
}

func runClassify(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("classify", "[--jsonl] [FILE|-]")
	jsonl := fs.Bool("jsonl", false, "input and output are JSON lines {id,title,text,lang?,url?}; without it the input is one plain-text article whose first line is the title")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	name := "-"
	if fs.NArg() > 1 {
		fs.Usage()
		return errUsage
	} else if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	clf, err := a.newClassifier()
	if err != nil {
		return err
	}
	in := a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	if !*jsonl {
		return classifyPlain(a, clf, in)
	}
	return classifyLines(a, clf, in)
}

func (a *app) newClassifier() (*classify.Classifier, error) {
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, err
	}
	clf, err := classify.New(cfg.Pillars)
	if err != nil {
		return nil, fmt.Errorf("taxonomy in %s: %w", cfg.Path, err)
	}
	return clf, nil
}

func classifyLines(a *app, clf *classify.Classifier, in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var rec classifyIn
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return fmt.Errorf("input line %d: %w", n, err)
		}
		c := clf.Classify(classify.Input{ID: rec.ID, Title: rec.Title, Text: rec.Text, Lang: rec.Lang, URL: rec.URL})
		if err := enc.Encode(toClassifyOut(rec.ID, c)); err != nil {
			return err
		}
	}
	return sc.Err()
}

func toClassifyOut(id string, c crawler.Classification) classifyOut {
	out := classifyOut{ID: id, Relevant: c.Relevant, Relevance: c.Relevance, Pillars: c.Pillars, Evidence: c.Evidence}
	if out.Pillars == nil {
		out.Pillars = []string{}
	}
	if out.Evidence == nil {
		out.Evidence = map[string][]string{}
	}
	if c.Primary != "" {
		out.Primary = &c.Primary
	}
	return out
}

func classifyPlain(a *app, clf *classify.Classifier, in io.Reader) error {
	data, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	title, text, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
	c := clf.Classify(classify.Input{Title: title, Text: text})
	printClassification(a.stdout, c)
	return nil
}

// printClassification writes a verdict and its evidence for a reader.
func printClassification(w io.Writer, c crawler.Classification) {
	verdict := "not relevant"
	if c.Relevant {
		verdict = "relevant"
	}
	fmt.Fprintf(w, "Verdict:   %s (relevance %.2f)\n", verdict, c.Relevance)
	if c.Relevant {
		fmt.Fprintf(w, "Primary:   %s\nPillars:   %s\n", c.Primary, strings.Join(c.Pillars, ", "))
	}
	keys := append([]string{crawler.EvidenceRelevance}, c.Pillars...)
	fmt.Fprintln(w, "Evidence:")
	for _, k := range keys {
		for _, e := range c.Evidence[k] {
			fmt.Fprintf(w, "  [%s] %s\n", k, e)
		}
	}
}
