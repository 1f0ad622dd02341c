package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/vnjp-monitor/crawler/internal/classify"
)

// defaultCases is where a developer checkout keeps the labelled dev set.
const defaultCases = "../shared/classify-dev/cases.jsonl"

func runEval(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("eval", "[--cases FILE] [-v]")
	cases := fs.String("cases", defaultCases, "labelled JSON-lines `file` (id, url, lang, title, text, relevant, pillars, primary)")
	verbose := fs.Bool("v", false, "list every disagreement with its evidence")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := os.Open(*cases)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && *cases == defaultCases {
			return fmt.Errorf("no cases file at %s: pass --cases FILE", defaultCases)
		}
		return err
	}
	defer f.Close()
	list, err := classify.ReadCases(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", *cases, err)
	}
	clf, err := a.newClassifier()
	if err != nil {
		return err
	}
	return classify.Evaluate(clf, list).Write(a.stdout, *verbose)
}
