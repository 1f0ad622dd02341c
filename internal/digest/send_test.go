package digest_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/digest"
	"github.com/vnjp-monitor/crawler/internal/digest/smtptest"
)

// plainSMTP points the configuration at m without TLS or login.
func plainSMTP(m *smtptest.Server) string {
	return "    host: 127.0.0.1\n    port: " + m.PortString() + "\n    tls: none"
}

// sendAll runs a manual send and returns the results by recipient.
func sendAll(t *testing.T, s *digest.Service) map[string]digest.Result {
	t.Helper()
	results, err := s.SendNow(context.Background(), "", false)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]digest.Result{}
	for _, r := range results {
		if prev, ok := out[r.Email]; ok && prev.Resend {
			continue // keep the resend: it is what went out first
		}
		out[r.Email] = r
	}
	return out
}

// byRecipient groups received messages by envelope recipient.
func byRecipient(t *testing.T, msgs []smtptest.Message) map[string][]smtptest.Parsed {
	t.Helper()
	out := map[string][]smtptest.Parsed{}
	for _, m := range msgs {
		if len(m.To) != 1 {
			t.Fatalf("message to %v, want one recipient per message", m.To)
		}
		out[m.To[0]] = append(out[m.To[0]], smtptest.Parse(t, m.Data))
	}
	return out
}

// titlesIn returns the fixture titles found in a message's text part.
func titlesIn(text string, arts []*crawler.Article) []string {
	var found []string
	flat := strings.Join(strings.Fields(text), " ")
	for _, a := range arts {
		if strings.Contains(flat, strings.Join(strings.Fields(a.Title), " ")) {
			found = append(found, a.Title)
		}
	}
	return found
}

func TestSendPerRecipientFiltersAndOnce(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	st := openStore(t)
	arts := fixtureArticles(t)
	putAll(t, st, arts)
	c := newClock(start)
	cfg := smtpConfig(t, "20", plainSMTP(m), analyst, labour, viOnly)
	s := newService(t, cfg, st, c, nil)

	res := sendAll(t, s)
	for _, email := range []string{"analyst@example.org", "labour-desk@example.org", "vi@example.org"} {
		if res[email].Result != digest.ResultSent {
			t.Fatalf("%s: %+v, want sent", email, res[email])
		}
	}
	got := byRecipient(t, m.Messages())
	want := map[string][]string{
		// Relevant, stored within the 48h backfill: all but the coast
		// guard story (stored earlier) and the export figures (not relevant).
		"analyst@example.org": {
			"Viet Nam and Japan agree to deepen strategic trust as leaders meet in Tokyo",
			"Japanese investors pledge 2 billion dollars for northern industrial parks",
			"Hơn 2.000 thực tập sinh kỹ năng Việt Nam sang Nhật Bản trong tháng 11",
			"日越、洋上風力の共同調査で合意 南部沖で2027年に開始",
			"Japanese chipmaker and Vietnamese university open a chip design training centre",
			"Foreign ministers of Viet Nam and Japan hold phone talks on regional situation",
			"Lễ hội giao lưu văn hóa Việt – Nhật thu hút hàng vạn người ở Đà Nẵng",
			"日越大学、日本企業の奨学金で100人受け入れへ",
			"Japanese firms in Viet Nam raise wages to keep skilled workers",
		},
		"labour-desk@example.org": {
			"Hơn 2.000 thực tập sinh kỹ năng Việt Nam sang Nhật Bản trong tháng 11",
			"Japanese chipmaker and Vietnamese university open a chip design training centre",
			"日越大学、日本企業の奨学金で100人受け入れへ",
			"Japanese firms in Viet Nam raise wages to keep skilled workers",
		},
		"vi@example.org": {
			"Hơn 2.000 thực tập sinh kỹ năng Việt Nam sang Nhật Bản trong tháng 11",
			"Lễ hội giao lưu văn hóa Việt – Nhật thu hút hàng vạn người ở Đà Nẵng",
		},
	}
	for email, titles := range want {
		msgs := got[email]
		if len(msgs) != 1 {
			t.Fatalf("%s received %d messages, want 1", email, len(msgs))
		}
		m := msgs[0]
		for i := range titles {
			titles[i] = strings.Join(strings.Fields(titles[i]), " ")
		}
		gotTitles := titlesIn(m.Text, arts)
		for i := range gotTitles {
			gotTitles[i] = strings.Join(strings.Fields(gotTitles[i]), " ")
		}
		slices.Sort(titles)
		slices.Sort(gotTitles)
		if !slices.Equal(gotTitles, titles) {
			t.Errorf("%s got titles\n  %q\nwant\n  %q", email, gotTitles, titles)
		}
		if htmlTitles := titlesIn(htmlText(m.HTML), arts); len(htmlTitles) != len(titles) {
			t.Errorf("%s: HTML part lists %d of the %d stories", email, len(htmlTitles), len(titles))
		}
	}
	// The labour desk lists the wage story under Labour, its followed
	// pillar, not under its primary pillar.
	if txt := got["labour-desk@example.org"][0].Text; !regexp.MustCompile(`(?s)LABOUR COOPERATION \(2\).*raise wages`).MatchString(txt) {
		t.Errorf("labour desk: wage story not under Labour cooperation:\n%s", txt)
	}

	// A second send delivers nothing already delivered.
	res = sendAll(t, s)
	for email, r := range res {
		if r.Result != digest.ResultNothingNew {
			t.Errorf("second send to %s: %+v, want nothing new", email, r)
		}
	}
	if n := len(m.Messages()); n != 3 {
		t.Fatalf("second send: %d messages in all, want still 3", n)
	}

	// A story stored later goes out alone, to those who want it.
	c.Add(3 * time.Hour)
	fresh := &crawler.Article{
		URL: "https://tin.example.vn/lao-dong/dieu-duong-vien-moi", Title: "Thêm 300 điều dưỡng viên Việt Nam sang Nhật Bản làm việc",
		Lang: "vi", Source: "Tin Sen", Fetched: c.Now(),
		Text: "Ba trăm điều dưỡng viên Việt Nam vừa hoàn thành khóa tiếng Nhật và sẽ sang Nhật Bản làm việc tại các cơ sở chăm sóc người cao tuổi theo chương trình lao động kỹ năng đặc định.",
		Classification: crawler.Classification{Relevant: true, Pillars: []string{"labour", "health"}, Primary: "labour",
			Evidence: map[string][]string{"labour": {"Ba trăm điều dưỡng viên Việt Nam vừa hoàn thành khóa tiếng Nhật và sẽ sang Nhật Bản làm việc tại các cơ sở chăm sóc người cao tuổi theo chương trình lao động kỹ năng đặc định."}}},
	}
	putAll(t, st, []*crawler.Article{fresh})
	res = sendAll(t, s)
	for email, want := range map[string]string{"analyst@example.org": digest.ResultSent, "labour-desk@example.org": digest.ResultSent, "vi@example.org": digest.ResultSent} {
		if res[email].Result != want || res[email].Result == digest.ResultSent && res[email].Articles != 1 {
			t.Errorf("third send to %s: %+v, want %s with 1 article", email, res[email], want)
		}
	}
	third := byRecipient(t, m.Messages()[3:])
	for email, msgs := range third {
		if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Thêm 300 điều dưỡng viên") || len(titlesIn(msgs[0].Text, arts)) != 0 {
			t.Errorf("third send to %s: want only the new story, got:\n%s", email, msgs[0].Text)
		}
	}
}

// htmlText strips tags and decodes the few entities the template uses, to
// find titles in the HTML part.
func htmlText(h string) string {
	h = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(h, " ")
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(h)
}

func TestMessageHeaders(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	st := openStore(t)
	putAll(t, st, fixtureArticles(t))
	for _, tt := range []struct {
		name, subject, want string
	}{
		{"japanese", `日越ダイジェスト {{.Date}}：新着{{.Count}}件`, "日越ダイジェスト 21 Nov 2026：新着9件"},
		{"vietnamese", `Bản tin Việt Nam – Nhật Bản ngày {{.Date}}: {{.Count}} tin mới cho {{.Name}}`, "Bản tin Việt Nam – Nhật Bản ngày 21 Nov 2026: 9 tin mới cho Nguyễn Thị Lan"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := smtpConfig(t, "20", plainSMTP(m), analyst)
			cfg.Digest.Subject = tt.subject
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			// Each subtest sends afresh: a new database.
			st := openStore(t)
			putAll(t, st, fixtureArticles(t))
			before := len(m.Messages())
			s := newService(t, cfg, st, newClock(start), nil)
			if r := sendAll(t, s)["analyst@example.org"]; r.Result != digest.ResultSent {
				t.Fatalf("send: %+v", r)
			}
			raw := m.Messages()[before]
			p := smtptest.Parse(t, raw.Data)
			if p.Subject != tt.want {
				t.Errorf("Subject=%q, want %q", p.Subject, tt.want)
			}
			if h := p.Header.Get("Subject"); !strings.HasPrefix(h, "=?UTF-8?") && !strings.HasPrefix(h, "=?utf-8?") {
				t.Errorf("raw Subject %q is not an RFC 2047 encoded word", h)
			}
			checkHeaders(t, p, raw)
		})
	}
	_ = st
}

// checkHeaders checks what every digest carries.
func checkHeaders(t *testing.T, p smtptest.Parsed, raw smtptest.Message) {
	t.Helper()
	if got, want := p.To.Name, "Nguyễn Thị Lan"; got != want {
		t.Errorf("To name %q, want %q", got, want)
	}
	if got, want := p.To.Address, "analyst@example.org"; got != want {
		t.Errorf("To address %q, want %q", got, want)
	}
	from, err := p.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Address != "monitor@example.org" || from[0].Name != "VN–JP Monitor" {
		t.Errorf("From %q (%v), want VN–JP Monitor <monitor@example.org>", p.Header.Get("From"), err)
	}
	if raw.From != "monitor@example.org" {
		t.Errorf("envelope sender %q", raw.From)
	}
	if _, err := p.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	if id := p.Header.Get("Message-ID"); !regexp.MustCompile(`^<digest\.[A-Za-z0-9-]+\.[a-z2-7]+@example\.org>$`).MatchString(id) {
		t.Errorf("Message-ID %q", id)
	}
	unsub := p.Header.Get("List-Unsubscribe")
	if !regexp.MustCompile(`^<https://monitor\.example\.org/unsubscribe\?t=[A-Za-z0-9_%.-]+>, ?<mailto:monitor@example\.org\?subject=unsubscribe>$`).MatchString(unsub) {
		t.Errorf("List-Unsubscribe %q", unsub)
	}
	if got := p.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post %q", got)
	}
	if !slices.Equal(p.Parts, []string{"text/plain", "text/html"}) {
		t.Errorf("parts %v, want text/plain then text/html", p.Parts)
	}
	if !strings.Contains(p.Text, "Nguyễn Thị Lan") || !strings.Contains(p.Text, "日越大学") {
		t.Errorf("text part lost Vietnamese or Japanese:\n%s", p.Text)
	}
	for _, bad := range []string{"<script", "<img", "<link", "@import", "src="} {
		if strings.Contains(strings.ToLower(p.HTML), bad) {
			t.Errorf("HTML part contains %q", bad)
		}
	}
	if !strings.Contains(p.HTML, "<mark") {
		t.Error("HTML part marks no deciding phrase")
	}
}
