package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vnjp-monitor/crawler/internal/classify"
)

// defaultCaseFiles are where a developer checkout keeps the labelled
// development set.
var defaultCaseFiles = []string{
	"../shared/classify-dev/cases.jsonl",
	"../shared/classify-dev/cases-2.jsonl",
}

// caseFiles is a repeatable --cases flag.
type caseFiles []string

func (c *caseFiles) String() string { return strings.Join(*c, ",") }

func (c *caseFiles) Set(v string) error {
	for p := range strings.SplitSeq(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*c = append(*c, p)
		}
	}
	return nil
}

// trainFlags are the settings shared by train and eval --cv.
func trainFlags(fs *flag.FlagSet, files *caseFiles) *classify.TrainSettings {
	s := classify.DefaultTrainSettings
	fs.Var(files, "cases", "labelled JSON-lines `file` (repeatable or comma-separated; default both files of ../shared/classify-dev)")
	fs.IntVar(&s.Folds, "folds", s.Folds, "cross-validation folds")
	fs.IntVar(&s.Repeats, "repeats", s.Repeats, "cross-validation repeats, each with new folds")
	fs.Int64Var(&s.Seed, "seed", s.Seed, "seed of the fold assignment")
	fs.Float64Var(&s.Threshold, "threshold", s.Threshold, "presence probability at which a pillar is kept")
	fs.BoolVar(&s.Tune, "tune", false, "choose the regularisation and the threshold by nested cross-validation instead of the fixed defaults")
	return &s
}

// readCaseFiles reads and describes labelled files.
func readCaseFiles(files []string) ([]classify.Case, []classify.DataFile, error) {
	defaulted := len(files) == 0
	if defaulted {
		files = defaultCaseFiles
	}
	var all []classify.Case
	var desc []classify.DataFile
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && defaulted {
				return nil, nil, fmt.Errorf("no cases file at %s: pass --cases FILE", name)
			}
			return nil, nil, err
		}
		cases, err := classify.ReadCases(strings.NewReader(string(data)))
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", name, err)
		}
		for i := range cases {
			cases[i].Source = filepath.Base(name)
		}
		sum := sha256.Sum256(data)
		desc = append(desc, classify.DataFile{Path: filepath.ToSlash(name), SHA256: hex.EncodeToString(sum[:]),
			Bytes: int64(len(data)), Cases: len(cases)})
		all = append(all, cases...)
	}
	return all, desc, nil
}

func runTrain(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("train", "[--cases FILE]... [--out FILE] [--folds N] [--repeats N] [--seed S] [--tune]")
	var files caseFiles
	s := trainFlags(fs, &files)
	out := fs.String("out", "model.json", "model `file` to write; point classifier.model in the configuration at it")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	cases, desc, err := readCaseFiles(files)
	if err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	m, err := classify.Train(cfg.Pillars, cfg.Classifier, cases, *s)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	m.Command = "crawler train " + strings.Join(args, " ")
	m.Data = desc
	if err := writeModel(*out, m); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Trained on %d cases; wrote %s.\n", len(cases), *out)
	if m.CV != nil {
		writeCVSummary(a.stdout, m.CV)
	}
	return nil
}

// writeModel writes m as indented JSON, its weights rounded to six
// decimals so that retraining on the same data gives the same file. It
// writes a temporary file and renames it, so an interrupted run leaves
// the old model whole.
func writeModel(path string, m *classify.Model) error {
	m.Round(1e-6)
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".model-*.json")
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("write model: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

// writeCVSummary prints cross-validated figures for a reader.
func writeCVSummary(w io.Writer, s *classify.CVSummary) {
	fmt.Fprintf(w, "Cross-validated (%d folds x %d repeats, seed %d, %d cases; mean ± sd over repeats):\n",
		s.Folds, s.Repeats, s.Seed, s.Cases)
	fmt.Fprintf(w, "  relevance  P %.3f  R %.3f  F1 %.3f ± %.3f\n", s.RelevancePrecision, s.RelevanceRecall, s.RelevanceF1, s.SD.RelevanceF1)
	fmt.Fprintf(w, "  pillars    macro-F1 %.3f ± %.3f  micro-F1 %.3f\n", s.MacroF1, s.SD.MacroF1, s.MicroF1)
	fmt.Fprintf(w, "  primary    accuracy %.3f ± %.3f\n", s.Primary, s.SD.Primary)
	for _, l := range []string{"en", "vi", "ja"} {
		if v, ok := s.Languages[l]; ok {
			fmt.Fprintf(w, "  %s         relevance F1 %.3f  macro-F1 %.3f  primary %.3f\n", l, v.RelevanceF1, v.MacroF1, v.Primary)
		}
	}
	for _, src := range slices.Sorted(maps.Keys(s.Sources)) {
		v := s.Sources[src]
		fmt.Fprintf(w, "  %-10s relevance F1 %.3f  macro-F1 %.3f  primary %.3f\n", src, v.RelevanceF1, v.MacroF1, v.Primary)
	}
	if math.IsNaN(s.MacroF1) {
		fmt.Fprintln(w, "  (no relevant cases)")
	}
}
