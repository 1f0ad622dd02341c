package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/crawl"
)

// maxInputBytes bounds one JSON line, or one plain article, read by
// classify: far above any article (whose text the classifier cuts at
// classifier.max_runes anyway), low enough that a runaway input fails
// with a message instead of exhausting memory.
const maxInputBytes = 16 << 20

// maxHeadlineRunes is the longest first line of a plain-text article
// read as its headline.
const maxHeadlineRunes = 200

// classifyIn is one input line of `crawler classify --jsonl`, or a JSON
// article given to `crawler classify FILE` (such as `crawler show --json`
// prints).
type classifyIn struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
	Lang  string `json:"lang"`
	URL   string `json:"url"`
}

// classifyOut is one output line of `crawler classify --jsonl`.
type classifyOut struct {
	ID        string                            `json:"id"`
	Relevant  bool                              `json:"relevant"`
	Relevance float64                           `json:"relevance"`
	Pillars   []string                          `json:"pillars"`
	Primary   *string                           `json:"primary"` // null when not relevant
	Evidence  map[string][]string               `json:"evidence"`
	Spans     map[string][]crawler.EvidenceSpan `json:"spans,omitempty"`
}

// plainFlags say how a plain-text article is read.
type plainFlags struct {
	title   string
	noTitle bool
	lang    string
	url     string
}

func runClassify(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("classify", "[--jsonl] [--title T | --no-title] [--lang L] [--url U] [FILE|-]")
	jsonl := fs.Bool("jsonl", false, "input and output are JSON lines {id,title,text,lang?,url?}")
	var pf plainFlags
	fs.StringVar(&pf.title, "title", "", "the headline of a plain-text article (its first line is then text)")
	fs.BoolVar(&pf.noTitle, "no-title", false, "a plain-text article has no headline: its first line is text")
	fs.StringVar(&pf.lang, "lang", "", "language of a plain-text article (en, vi, ja); detected when empty")
	fs.StringVar(&pf.url, "url", "", "address of a plain-text article; its path words stand in for a missing headline")
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
	if *jsonl {
		return classifyLines(a, clf, in)
	}
	return classifyOne(a, clf, in, pf)
}

func (a *app) newClassifier() (*classify.Classifier, error) {
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, err
	}
	return crawl.NewClassifier(cfg)
}

func classifyLines(a *app, clf *classify.Classifier, in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), maxInputBytes)
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rec classifyIn
		if err := json.Unmarshal(line, &rec); err != nil {
			return fmt.Errorf("input line %d: %w", n, err)
		}
		if err := enc.Encode(toClassifyOut(rec.ID, clf.Classify(rec.input()))); err != nil {
			return err
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return fmt.Errorf("input line %d: longer than %d MiB; shorten its text (only the first classifier.max_runes characters are classified)", n+1, maxInputBytes>>20)
	}
	return sc.Err()
}

func (rec classifyIn) input() classify.Input {
	return classify.Input{ID: rec.ID, Title: rec.Title, Text: rec.Text, Lang: rec.Lang, URL: rec.URL}
}

func toClassifyOut(id string, c crawler.Classification) classifyOut {
	out := classifyOut{ID: id, Relevant: c.Relevant, Relevance: c.Relevance, Pillars: c.Pillars, Evidence: c.Evidence, Spans: c.Spans}
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

// classifyOne classifies one article: a JSON object as --jsonl reads
// it, or plain text.
func classifyOne(a *app, clf *classify.Classifier, in io.Reader, pf plainFlags) error {
	data, err := io.ReadAll(io.LimitReader(in, maxInputBytes+1))
	if err != nil {
		return err
	}
	if len(data) > maxInputBytes {
		return fmt.Errorf("input longer than %d MiB; shorten its text", maxInputBytes>>20)
	}
	var rec classifyIn
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		if err := json.Unmarshal(trimmed, &rec); err != nil {
			return fmt.Errorf("input looks like a JSON article but does not parse: %w", err)
		}
	} else {
		rec = plainArticle(string(data), pf)
	}
	printClassification(a.stdout, clf.Classify(rec.input()))
	return nil
}

// plainArticle reads a plain-text article. Its first line is the
// headline when it reads like one (short, not ending a sentence the way
// a paragraph does); otherwise the article has none and its first
// paragraph stays text. --title and --no-title decide instead.
func plainArticle(s string, pf plainFlags) classifyIn {
	rec := classifyIn{Lang: pf.lang, URL: pf.url, Text: strings.TrimSpace(s)}
	switch {
	case pf.title != "":
		rec.Title = pf.title
		return rec
	case pf.noTitle:
		return rec
	}
	first, rest, ok := strings.Cut(rec.Text, "\n")
	if first = strings.TrimSpace(first); ok && looksLikeHeadline(first) {
		rec.Title, rec.Text = first, strings.TrimSpace(rest)
	}
	return rec
}

// looksLikeHeadline reports a line short enough for a headline that does
// not end a sentence the way a paragraph does.
func looksLikeHeadline(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > maxHeadlineRunes {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".。:;", last)
}

// printClassification writes a verdict and its evidence for a reader,
// the deciding phrases in [brackets] when the verdict has spans.
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
		ev := c.Evidence[k]
		if spans := c.Spans[k]; len(spans) > 0 {
			// A verdict of not relevant says why before its sentences.
			if len(ev) > len(spans) {
				fmt.Fprintf(w, "  [%s] %s\n", k, ev[0])
			}
			for _, s := range spans {
				fmt.Fprintf(w, "  [%s] %s\n", k, markSpan(s))
			}
			continue
		}
		for _, e := range ev {
			fmt.Fprintf(w, "  [%s] %s\n", k, e)
		}
	}
}

// markSpan writes an evidence sentence with its marks in brackets.
func markSpan(s crawler.EvidenceSpan) string {
	runes := []rune(s.Sentence)
	var b strings.Builder
	at := 0
	for _, m := range s.Marks {
		if m.Start < at || m.End > len(runes) || m.Start >= m.End {
			continue // a mark that does not fit this sentence
		}
		b.WriteString(string(runes[at:m.Start]))
		b.WriteString("[" + string(runes[m.Start:m.End]) + "]")
		at = m.End
	}
	b.WriteString(string(runes[at:]))
	return b.String()
}
