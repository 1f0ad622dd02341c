package digest

import (
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"maps"
	"strings"
	"text/template"

	"github.com/rivo/uniseg"
)

//go:embed templates
var templateFS embed.FS

// textWidth is the width of the plain-text part: what a mail client shows
// without wrapping, with room for quoting.
const textWidth = 72

// Templates are parsed once; a broken template is a bug caught by the
// package's tests, not a configuration error.
var (
	textTmpl = template.Must(template.New("digest.txt").Funcs(textFuncs).ParseFS(templateFS, "templates/digest.txt"))
	htmlTmpl = htmltemplate.Must(htmltemplate.New("digest.html").Funcs(htmltemplate.FuncMap(commonFuncs)).ParseFS(templateFS, "templates/digest.html"))
)

var commonFuncs = template.FuncMap{
	"plural":       plural,
	"pillarFilter": pillarFilter,
	"langFilter":   langFilter,
	"preheader":    preheader,
}

var textFuncs = func() template.FuncMap {
	m := template.FuncMap{
		"wrap":    func(s, indent string) string { return hang(s, indent, indent) },
		"hang":    hang,
		"rule":    func(c string) string { return strings.Repeat(c, textWidth) },
		"upper":   strings.ToUpper,
		"inc":     func(i int) int { return i + 1 },
		"join":    strings.Join,
		"dots":    dots,
		"whyText": whyText,
	}
	maps.Copy(m, commonFuncs)
	return m
}()

// RenderText writes the plain-text part of d.
func RenderText(w io.Writer, d *Digest) error {
	if err := textTmpl.Execute(w, d); err != nil {
		return fmt.Errorf("render text digest: %w", err)
	}
	return nil
}

// RenderHTML writes the HTML part of d.
func RenderHTML(w io.Writer, d *Digest) error {
	if err := htmlTmpl.Execute(w, d); err != nil {
		return fmt.Errorf("render html digest: %w", err)
	}
	return nil
}

// hang wraps s to the text width with first before its first line and
// indent before the others; both are ASCII.
func hang(s, first, indent string) string {
	lines := wrap(s, textWidth-max(len(first), len(indent)))
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = indent + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// dots lays out a pillar's count in the header: "Labour cooperation ... 4".
func dots(name string, n int) string {
	num := fmt.Sprint(n)
	fill := textWidth - 4 - uniseg.StringWidth(name) - len(num)
	if fill < 3 {
		return fmt.Sprintf("  %s: %s", name, num)
	}
	return "  " + name + " " + strings.Repeat(".", fill) + " " + num
}

// whyText writes an evidence sentence for the plain-text part, with the
// deciding phrases between asterisks.
func whyText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Mark {
			b.WriteString("*" + s.Text + "*")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func pillarFilter(names []string) string {
	if len(names) == 0 {
		return "all pillars"
	}
	return "pillars " + strings.Join(names, ", ")
}

func langFilter(names []string) string {
	if len(names) == 0 {
		return "all languages"
	}
	return "in " + strings.Join(names, ", ")
}

// preheader is the line mail clients show after the subject in a list.
func preheader(d *Digest) string {
	if d.Empty() {
		return "Nothing new since the last digest."
	}
	parts := make([]string, 0, len(d.Sections))
	for _, s := range d.Sections {
		parts = append(parts, fmt.Sprintf("%s %d", s.Name, s.Count))
	}
	return clip(strings.Join(parts, " · "), 140)
}
