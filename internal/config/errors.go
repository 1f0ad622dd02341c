package config

import (
	"fmt"
	"strings"
)

// FieldError is one problem in a configuration file.
type FieldError struct {
	Key  string // dotted path such as crawl.per_host_delay or sources[2].url
	Line int    // 1-based; 0 when the key is absent from the file
	Msg  string
}

func (e *FieldError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Key != "" {
		fmt.Fprintf(&b, "%s: ", e.Key)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors lists every problem found in one file, so a user fixes them in one go.
type Errors struct {
	File string
	List []*FieldError
}

func (e *Errors) Error() string {
	if len(e.List) == 1 {
		return fmt.Sprintf("%s: %v", e.File, e.List[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problems:", e.File, len(e.List))
	for _, fe := range e.List {
		b.WriteString("\n  ")
		b.WriteString(fe.Error())
	}
	return b.String()
}
