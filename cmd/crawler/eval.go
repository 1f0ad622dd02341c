package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
)

func runEval(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("eval", "[--cases FILE]... [--cv [--folds N] [--repeats N] [--seed S] [--tune]] [--rules] [-v]")
	var files caseFiles
	s := trainFlags(fs, &files)
	cv := fs.Bool("cv", false, "cross-validate training on the cases: the figures predict how the classifier does on articles it has never seen")
	rules := fs.Bool("rules", false, "score the hand-set rules alone, without the model")
	verbose := fs.Bool("v", false, "list every disagreement with its evidence")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cases, _, err := readCaseFiles(files)
	if err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	if *cv {
		res, err := classify.CrossValidate(cfg.Pillars, cfg.Classifier, cases, *s)
		if err != nil {
			return fmt.Errorf("cross-validate: %w", err)
		}
		writeCVSummary(a.stdout, res.Summary)
		writeCVPillars(a.stdout, res.Summary)
		return nil
	}
	opts := []classify.Option{classify.WithConfig(cfg.Classifier)}
	if *rules {
		opts = append(opts, classify.WithoutModel())
	}
	clf, err := classify.New(cfg.Pillars, opts...)
	if err != nil {
		return fmt.Errorf("taxonomy in %s: %w", cfg.Path, err)
	}
	return classify.Evaluate(clf, cases).Write(a.stdout, *verbose)
}

// writeCVPillars prints each pillar's cross-validated F1.
func writeCVPillars(w io.Writer, s *classify.CVSummary) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\npillar\tF1 (cross-validated)\t")
	for _, id := range crawler.DefaultPillarIDs {
		if f, ok := s.Pillars[id]; ok {
			fmt.Fprintf(tw, "%s\t%.3f\t\n", id, f)
		}
	}
	tw.Flush()
}
