package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
)

func runEval(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("eval", "[--cases FILE]... [--cv [--folds N] [--repeats N] [--seed S] [--tune] [--errors]] [--rules] [-v]")
	var files caseFiles
	s := trainFlags(fs, &files)
	cv := fs.Bool("cv", false, "cross-validate training on the cases: the figures predict how the classifier does on articles it has never seen")
	rules := fs.Bool("rules", false, "score the hand-set rules alone, without the model")
	verbose := fs.Bool("v", false, "list every disagreement with its evidence")
	errorsToo := fs.Bool("errors", false, "with --cv, count the mistakes made out of fold by pillar, language and evidence pattern")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	if name := flagForOtherMode(fs, *cv); name != "" {
		dash, mode := "--", "only with --cv"
		if len(name) == 1 {
			dash = "-"
		}
		if *cv {
			mode = "only without --cv"
		}
		fmt.Fprintf(a.stderr, "crawler eval: %s%s works %s\n", dash, name, mode)
		return errUsage
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
		across, err := classify.CrossFile(cfg.Pillars, cfg.Classifier, cases, *s)
		if err != nil && !errors.Is(err, classify.ErrOneFile) {
			return fmt.Errorf("measure across files: %w", err)
		}
		writeAcrossFiles(a.stdout, across)
		writeCVPillars(a.stdout, res.Summary, across)
		if *errorsToo {
			writeErrorClasses(a.stdout, res.Errors)
		}
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

// cvFlags are the eval flags that only cross-validation reads; --rules
// and -v only the plain evaluation.
var cvFlags = map[string]bool{"folds": true, "repeats": true, "seed": true, "threshold": true, "tune": true, "errors": true}

// flagForOtherMode returns the name of a flag given to eval that the mode
// chosen (cv or not) would ignore, or "".
func flagForOtherMode(fs *flag.FlagSet, cv bool) string {
	name := ""
	fs.Visit(func(f *flag.Flag) {
		if name == "" && f.Name != "cv" && f.Name != "cases" && cvFlags[f.Name] != cv {
			name = f.Name
		}
	})
	return name
}

// writeAcrossFiles prints the scores of each file classified by a model
// trained on the other files.
func writeAcrossFiles(w io.Writer, across []classify.FileResult) {
	if len(across) == 0 {
		return
	}
	fmt.Fprintln(w, "Across files (each file classified by a model trained on the others only):")
	for _, f := range across {
		r := f.Report
		fmt.Fprintf(w, "  %s, trained on %s (%d cases):\n", f.Test, strings.Join(f.Train, ", "), r.Cases)
		fmt.Fprintf(w, "    relevance  P %.3f  R %.3f  F1 %.3f\n", r.Relevance.Precision, r.Relevance.Recall, r.Relevance.F1)
		fmt.Fprintf(w, "    pillars    macro-F1 %.3f  micro-F1 %.3f\n", r.MacroF1, r.MicroF1)
		fmt.Fprintf(w, "    primary    accuracy %.3f\n", r.PrimaryAccuracy)
		for _, l := range r.Languages {
			fmt.Fprintf(w, "    %s         relevance F1 %.3f  macro-F1 %.3f  primary %.3f\n", l.Lang, l.RelevanceF1, l.MacroF1, l.PrimaryAccuracy)
		}
	}
}

// writeCVPillars prints each pillar's cross-validated F1 and its F1 on
// each file classified by a model trained on the others.
func writeCVPillars(w io.Writer, s *classify.CVSummary, across []classify.FileResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\npillar\tF1 cross-validated\t")
	for _, f := range across {
		fmt.Fprintf(tw, "on %s\t", f.Test)
	}
	fmt.Fprintln(tw)
	for _, id := range crawler.DefaultPillarIDs {
		f, ok := s.Pillars[id]
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "%s\t%.3f\t", id, f)
		for _, a := range across {
			for _, p := range a.Report.Pillars {
				if p.ID == id {
					fmt.Fprintf(tw, "%.3f\t", p.F1)
				}
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}
