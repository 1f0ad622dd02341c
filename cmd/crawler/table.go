package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/rivo/uniseg"
)

// table writes rows aligned in columns by display width: a Han, kana or
// Hangul character takes two terminal cells, a combining mark none.
// text/tabwriter counts runes, so a Japanese source name pushes its row
// out of line.
type table struct {
	w    io.Writer
	rows [][]string
}

func newTable(w io.Writer, header ...string) *table {
	return &table{w: w, rows: [][]string{header}}
}

// row adds a row; fmt.Sprint renders each cell.
func (t *table) row(cells ...any) {
	r := make([]string, len(cells))
	for i, c := range cells {
		r[i] = fmt.Sprint(c)
	}
	t.rows = append(t.rows, r)
}

// flush writes the rows, two spaces between columns, the last one unpadded.
func (t *table) flush() {
	widths := columnWidths(t.rows)
	for _, r := range t.rows {
		fmt.Fprintln(t.w, alignRow(r, widths))
	}
}

// columnWidths is the widest cell of each column.
func columnWidths(rows [][]string) []int {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], width(c))
		}
	}
	return widths
}

// alignRow pads each cell but the last to its column's width.
func alignRow(cells []string, widths []int) string {
	var b strings.Builder
	for i, c := range cells {
		if i == len(cells)-1 {
			b.WriteString(c)
			break
		}
		b.WriteString(pad(c, widths[i]))
		b.WriteString("  ")
	}
	return strings.TrimRight(b.String(), " ")
}

// width is the number of terminal cells s takes.
func width(s string) int { return uniseg.StringWidth(s) }

// pad fills s with spaces to n cells.
func pad(s string, n int) string {
	if w := width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// truncate cuts s to at most n cells, ending with "…" when cut, without
// splitting a character (or a letter from its accent).
func truncate(s string, n int) string {
	if width(s) <= n {
		return s
	}
	var b strings.Builder
	used := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		w := g.Width()
		if used+w > n-1 {
			break
		}
		b.WriteString(g.Str())
		used += w
	}
	return b.String() + "…"
}
