package digest

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/vnjp-monitor/crawler"
)

// marked shows the marks of sentence as [phrase].
func marked(sentence string, marks []crawler.Mark) string {
	var b strings.Builder
	for _, s := range excerpt(sentence, marks, 1000) {
		if s.Mark {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestPhrasesFind(t *testing.T) {
	pillar := crawler.Pillar{
		ID:      "test",
		Strong:  map[string][]string{"en": {"technical intern*", "ODA loan"}, "ja": {"技能実習"}},
		Terms:   map[string][]string{"en": {"workers", "ODA", "security"}, "vi": {"người lao động", "đào tạo"}, "ja": {"特定技能"}},
		Weak:    map[string][]string{"en": {"programme"}},
		Exclude: map[string][]string{"en": {"food security"}},
	}
	pp := newPillarPhrases(pillar)
	tests := []struct{ in, want string }{
		{"Japan takes more technical interns from Viet Nam.", "Japan takes more [technical interns] from Viet Nam."},
		{"An ODA loan for the metro, and more oda.", "An [ODA loan] for the metro, and more oda."},
		{"Official ODA and Oda Nobunaga.", "Official [ODA] and Oda Nobunaga."},
		{"Workers' rights and co-workers.", "[Workers]' rights and co-[workers]."},
		{"Talks on food security, not maritime security.", "Talks on food security, not maritime [security]."},
		{"Bảo vệ quyền lợi của người lao động và đào tạo nghề.", "Bảo vệ quyền lợi của [người lao động] và [đào tạo] nghề."},
		{"Bao ve quyen loi cua nguoi lao dong.", "Bao ve quyen loi cua [nguoi lao dong]."},
		{"ＷＯＲＫＥＲＳ in full-width letters.", "[ＷＯＲＫＥＲＳ] in full-width letters."},
		{"在留資格別では、技能実習に次いで「特定技能」が伸びた。", "在留資格別では、[技能実習]に次いで「[特定技能]」が伸びた。"},
		{"A new programme for workers.", "A new programme for [workers]."},
		{"A new programme.", "A new [programme]."},
		{"Nothing here.", "Nothing here."},
	}
	for _, tt := range tests {
		if got := marked(tt.in, pp.find(tt.in)); got != tt.want {
			t.Errorf("find(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestExcerptKeepsTheMarkInView(t *testing.T) {
	long := strings.Repeat("The delegation visited several provinces. ", 12) + "They signed an ODA loan agreement in Hanoi. " + strings.Repeat("More text follows here. ", 10)
	i := len([]rune(long[:strings.Index(long, "ODA loan")]))
	segs := excerpt(long, []crawler.Mark{{Start: i, End: i + 8}}, 120)
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	got := b.String()
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "ODA loan") {
		t.Errorf("excerpt %q: want the mark in view with ellipses at both ends", got)
	}
	if w := uniseg.StringWidth(got); w > 122 {
		t.Errorf("excerpt is %d columns, want at most 120 plus the ellipses", w)
	}
	// Marks from a record of another version are checked, not trusted.
	if segs := excerpt("short", []crawler.Mark{{Start: 3, End: 40}, {Start: 2, End: 1}}, 100); len(segs) != 1 || segs[0].Mark {
		t.Errorf("invalid marks were used: %+v", segs)
	}
}

func TestWrapAndClip(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width int
		want  []string
	}{
		{"one two three four", 9, []string{"one two", "three", "four"}},
		{"日本とベトナムの両政府は合意した。", 10, []string{"日本とベト", "ナムの両政", "府は合意し", "た。"}},
		{"see https://example.org/a/very/long/path/that/cannot/break now", 20, []string{"see", "https://example.org/a/very/long/path/that/cannot/break", "now"}},
		{"a well-known cross-border route", 12, []string{"a well-known", "cross-border", "route"}},
	} {
		if got := wrap(tt.in, tt.width); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in    string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"The prime ministers agreed on Thursday", 20, "The prime ministers…"},
		{"Trong tháng 11, hơn 2.000 thực tập sinh", 20, "Trong tháng 11, hơn…"},
		{"日本とベトナムの両政府は合意した", 11, "日本とベト…"},
	} {
		if got := clip(tt.in, tt.width); got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestLead(t *testing.T) {
	for _, tt := range []struct{ title, text, want string }{
		{"T", "HO CHI MINH CITY — A Japanese company opened a centre on Friday with room for six hundred engineers.", "A Japanese company opened a centre on Friday with room for six hundred engineers."},
		{"T", "(VNA) - Viet Nam and Japan signed an agreement on labour cooperation on Monday in Tokyo, officials said.", "Viet Nam and Japan signed an agreement on labour cooperation on Monday in Tokyo, officials said."},
		{"T", "By Kenji Mori\n\nThe two governments agreed to expand training for semiconductor engineers over five years.", "The two governments agreed to expand training for semiconductor engineers over five years."},
		{"Same as the title, long enough to be a lead on its own", "Same as the title, long enough to be a lead on its own\n\nThe second paragraph is the lead here, being more than forty columns.", "The second paragraph is the lead here, being more than forty columns."},
		{"T", "", ""},
	} {
		if got := lead(tt.text, tt.title); got != tt.want {
			t.Errorf("lead(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
