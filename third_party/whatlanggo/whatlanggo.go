// Package whatlanggo stands in for github.com/RadhiFadlillah/whatlanggo,
// which go-trafilatura runs over every extracted text to name its
// language, about an eighth of the crawler's extraction time. The
// crawler decides the language itself (internal/extract, internal/lang)
// and asks a detector only for the few pages where that is needed. This
// module keeps the names go-trafilatura compiles against and detects
// nothing.
//
// go.mod replaces the real module with this one. If a go-trafilatura
// upgrade uses more of the package, the build fails here, visibly.
package whatlanggo

// Lang is a language; the only value here is "unknown".
type Lang int

// DetectLang reports that the language is unknown.
func DetectLang(string) Lang { return -1 }

// Iso6391 returns "" for the unknown language.
func (Lang) Iso6391() string { return "" }
