package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"text/tabwriter"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
)

// The fine error classes printed: those of at least minErrorClass per
// repeat, at most maxErrorClasses of them.
const (
	minErrorClass   = 0.4
	maxErrorClasses = 40
)

// writeErrorClasses prints the out-of-fold mistakes by class: per pillar
// and language, per kind and evidence pattern over all pillars, then the
// fine classes.
func writeErrorClasses(w io.Writer, classes []classify.ErrorClass) {
	langs := []string{"en", "vi", "ja"}
	type cell struct{ pillar, kind, lang string }
	by := map[cell]float64{}
	coarse := map[[2]string]float64{}
	for _, c := range classes {
		by[cell{c.Pillar, c.Kind, c.Lang}] += c.Count
		coarse[[2]string{c.Kind, c.Pattern}] += c.Count
	}
	fmt.Fprintln(w, "\nMistakes out of fold, per repeat, on relevant cases found relevant:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pillar\tmissed en\tvi\tja\tadded en\tvi\tja\tprimary en\tvi\tja\t")
	for _, id := range crawler.DefaultPillarIDs {
		fmt.Fprintf(tw, "%s\t", id)
		for _, kind := range []string{"missed", "added", "primary"} {
			for _, l := range langs {
				fmt.Fprintf(tw, "%.1f\t", by[cell{id, kind, l}])
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	fmt.Fprintln(w, "\nBy evidence pattern, over all pillars and languages:")
	keys := slices.SortedFunc(maps.Keys(coarse), func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(coarse[b], coarse[a]), cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	for _, k := range keys {
		if k[0] != "primary" {
			fmt.Fprintf(w, "  %5.1f  %-7s %s\n", coarse[k], k[0], k[1])
		}
	}

	fmt.Fprintf(w, "\nFine classes, %.1f per repeat or more (at most %d):\n", minErrorClass, maxErrorClasses)
	for i, c := range classes {
		if c.Count >= minErrorClass && i < maxErrorClasses {
			fmt.Fprintf(w, "  %5.1f  %-7s %-2s  %-29s %s\n", c.Count, c.Kind, c.Lang, c.Pillar, c.Pattern)
		}
	}
}
