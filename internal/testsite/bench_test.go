package testsite

import (
	"net/http/httptest"
	"testing"
)

// BenchmarkArticlePage measures rendering one article page, the work the
// site does for each article request of a crawl.
func BenchmarkArticlePage(b *testing.B) {
	s := mustStart(b)
	e := s.entry("leaders-agree-infrastructure-energy-labour")
	req := httptest.NewRequest("GET", e.path(), nil)
	for b.Loop() {
		s.serveArticle(httptest.NewRecorder(), req, e)
	}
}

// BenchmarkShiftJISPage measures an article page encoded at serve time.
func BenchmarkShiftJISPage(b *testing.B) {
	s := mustStart(b)
	e := s.entry("kagawa-ken-danang-shi-yuko-koryu-kyotei")
	req := httptest.NewRequest("GET", e.path(), nil)
	for b.Loop() {
		s.serveArticle(httptest.NewRecorder(), req, e)
	}
}
