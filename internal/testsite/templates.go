package testsite

import (
	"fmt"
	"html/template"
)

// parseTemplates loads the page templates under content/templates.
func parseTemplates() (*template.Template, error) {
	t, err := template.New("site").ParseFS(contentFS, "content/templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	return t, nil
}
