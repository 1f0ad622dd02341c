package classify

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	crawler "github.com/vnjp-monitor/crawler"
)

// Write prints the report as tables for a reader. With verbose, every
// disagreement is listed with the classifier's evidence.
func (r Report) Write(w io.Writer, verbose bool) error {
	ew := &errWriter{w: w}
	rel := r.Relevance
	ew.printf("cases: %d (%d labelled relevant)\n", r.Cases, r.Relevant)
	ew.printf("relevance: precision %.3f  recall %.3f  F1 %.3f  (tp %d, fp %d, fn %d)\n",
		rel.Precision, rel.Recall, rel.F1, rel.TP, rel.FP, rel.FN)
	ew.printf("pillars:   macro-F1 %.3f (%.3f over pillars in play)  micro-F1 %.3f  primary accuracy %.3f (%d/%d)\n\n",
		r.MacroF1, r.MacroF1InPlay, r.MicroF1, r.PrimaryAccuracy, r.PrimaryCorrect, r.Relevant)

	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pillar\tprecision\trecall\tF1\tsupport\ttp\tfp\tfn\t")
	for _, p := range r.Pillars {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%d\t\n", p.ID, p.Precision, p.Recall, p.F1, p.Support, p.TP, p.FP, p.FN)
	}
	tw.Flush()
	ew.printf("\n")

	tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "language\tcases\trelevance F1\tmacro-F1\tin play\tprimary\t")
	for _, l := range r.Languages {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t\n", l.Lang, l.Cases, l.RelevanceF1, l.MacroF1, l.MacroF1InPlay, l.PrimaryAccuracy)
	}
	tw.Flush()

	ew.printf("\ndisagreements: %d", len(r.Disagreements))
	if !verbose {
		if len(r.Disagreements) > 0 {
			ew.printf(" (-v lists them)")
		}
		ew.printf("\n")
		return ew.err
	}
	ew.printf("\n")
	for _, d := range r.Disagreements {
		writeDisagreement(ew, d)
	}
	return ew.err
}

func writeDisagreement(ew *errWriter, d Disagreement) {
	ew.printf("\n%s [%s] %s\n", d.ID, d.Lang, d.Kind)
	if d.WantPrimary != "" || d.Got.Relevant {
		ew.printf("  want: %s\n  got:  %s\n", pillarList(d.WantPillars, d.WantPrimary), pillarList(d.Got.Pillars, d.Got.Primary))
	}
	ew.printf("  relevance %.2f\n", d.Got.Relevance)
	keys := append([]string{crawler.EvidenceRelevance}, d.Got.Pillars...)
	for _, k := range keys {
		for _, e := range d.Got.Evidence[k] {
			ew.printf("    [%s] %s\n", k, e)
		}
	}
}

// pillarList writes pillars with the primary starred.
func pillarList(ids []string, primary string) string {
	if len(ids) == 0 {
		return "(none)"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if id == primary {
			out[i] += "*"
		}
	}
	return strings.Join(out, ", ")
}

// errWriter keeps the first write error so printing code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}
