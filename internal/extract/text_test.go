package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parseFragment(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<body>" + s + "</body>"))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestRenderText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"Paragraphs", "<p>One  two\n three.</p><p>Four.</p>", "One two three.\n\nFour."},
		{"InlineKeepsWords", "<p>Vi<b>et</b>nam and <i>Japan</i>.</p>", "Vi et nam and Japan."},
		{"TrimmedInlineBoundary", "<p><strong>Sheldon</strong>is here, <a>link</a>, (<em>aside</em>).</p>", "Sheldon is here, link, (aside)."},
		{"LineBreak", "<p>Line one<br>line two<br><br></p>", "Line one\nline two"},
		{"TableCells", "<table><tr><th>Pos</th><th>Name</th></tr><tr><td>1</td><td>Lan</td></tr></table>", "Pos | Name\n\n1 | Lan"},
		{"ListItems", "<ul><li>First</li><li>Second</li></ul>", "First\n\nSecond"},
		{"JapaneseSourceWrap", "<p>日本と\nベトナムの協力。</p>", "日本とベトナムの協力。"},
		{"JapaneseNoSoftSpace", "<p>東京<b>大学</b>の研究</p>", "東京大学の研究"},
		{"IdeographicSpaceKept", "<p>見出し　本文</p>", "見出し　本文"},
		{"InvisibleDropped", "<p>inter\u00ADnational\u200B news\uFEFF</p>", "international news"},
		{"Preformatted", "<pre>a  b\n  c</pre>", "a  b\n  c"},
		{"ScriptsIgnored", "<p>Text<script>var x = 1;</script></p><style>p{}</style>", "Text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderText(parseFragment(t, tt.in)); got != tt.want {
				t.Fatalf("renderText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanParagraphs(t *testing.T) {
	tests := []struct {
		name, in, title, want string
	}{
		{"LeadingHeadline", "Port deal signed\n\nBody one.\n\nBody two.", "Port deal signed", "Body one.\n\nBody two."},
		{"BackToBackRepeat", "Caption.\n\nCaption.\n\nBody.", "", "Caption.\n\nBody."},
		{"DistantRepeatKept", "Question?\n\nAnswer one.\n\nQuestion?\n\nAnswer two.", "", "Question?\n\nAnswer one.\n\nQuestion?\n\nAnswer two."},
		{"HeadlineLaterKept", "Intro.\n\nPort deal signed", "Port deal signed", "Intro.\n\nPort deal signed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanParagraphs(tt.in, &textContext{title: tt.title}); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLooksLikeProse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"Sentence", "The two ports agreed to share data on container traffic next year.", true},
		{"Japanese", "地方の中小企業で、ベトナムからの人材受け入れが広がっている。人手不足が深刻な製造業では期待が高い。", true},
		{"MenuLabels", "Home World Business Opinion Sport Culture Travel Food Video Podcasts Newsletters", false},
		{"TooShort", "Hi.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := looksLikeProse(tt.in); got != tt.want {
				t.Fatalf("looksLikeProse(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMergeSplitBodies(t *testing.T) {
	doc := parseFragment(t, `
		<div class="grid"><div class="body article__body"><p>Part one.</p></div></div>
		<div class="ad">Buy now</div>
		<div class="grid"><div class="body article__body"><p>Part two.</p></div></div>
		<aside><div class="teaser"><div class="x"><div class="y"><div class="z"><div class="body article__body"><p>Far away.</p></div></div></div></div></div></aside>`)
	mergeSplitBodies(doc)
	got := renderText(doc)
	if want := "Part one.\n\nPart two.\n\nBuy now\n\nFar away."; got != want {
		t.Fatalf("after merge: %q, want %q", got, want)
	}
}
