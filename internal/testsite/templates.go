package testsite

import (
	"fmt"
	"html/template"
)

// parseTemplates loads the page templates under content/templates.
func parseTemplates() (*template.Template, error) {
	funcs := template.FuncMap{
		"inc": func(i int) int { return i + 1 },
	}
	t, err := template.New("site").Funcs(funcs).ParseFS(contentFS, "content/templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	return t, nil
}
