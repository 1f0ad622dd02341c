package config

import (
	"errors"
	"io/fs"
	"os"
)

// Bounds of classifier.max_runes: below the lower one the classifier
// would not see a whole lead; above the upper one a hostile page could
// cost seconds of CPU.
const (
	minClassifyRunes = 1000
	maxClassifyRunes = 5_000_000
)

// validateClassifier checks the classifier's bounds and that its model
// file can be read; the vocabulary is checked by the classifier itself,
// which knows the roles its rules need.
func (c *Config) validateClassifier(v *validator) {
	cl := &c.Classifier
	if cl.MaxRunes != 0 && (cl.MaxRunes < minClassifyRunes || cl.MaxRunes > maxClassifyRunes) {
		v.fail("classifier.max_runes", "must be 0 (the default) or between %d and %d, got %d",
			minClassifyRunes, maxClassifyRunes, cl.MaxRunes)
	}
	if cl.Model == "" {
		return
	}
	st, err := os.Stat(cl.Model)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		v.fail("classifier.model", "no model file at %q (write one with `crawler train`, or leave the key empty for the built-in model)", cl.Model)
	case err != nil:
		v.fail("classifier.model", "%v", err)
	case st.IsDir():
		v.fail("classifier.model", "%q is a directory, want a model file written by `crawler train`", cl.Model)
	}
}
