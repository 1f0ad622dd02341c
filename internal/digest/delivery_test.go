package digest_test

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/digest"
	"github.com/vnjp-monitor/crawler/internal/digest/smtptest"
)

// deliveredIDs returns the article IDs each received message lists, by
// recipient, found through their canonical URLs in the text part.
func deliveredIDs(t *testing.T, msgs []smtptest.Message, ids map[string]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for rcpt, list := range byRecipient(t, msgs) {
		for _, p := range list {
			for url, id := range ids {
				if strings.Contains(p.Text, "\n    "+url+"\n") {
					out[rcpt] = append(out[rcpt], id)
				}
			}
		}
	}
	return out
}

func TestRefusedThenAcceptedArrivesOnce(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	st := openStore(t)
	ids := putAll(t, st, fixtureArticles(t))
	c := newClock(start)
	cfg := smtpConfig(t, "20", plainSMTP(m), analyst, labour)
	s := newService(t, cfg, st, c, nil)

	// Each attempt refuses both recipients, one way after another.
	m.Script(smtptest.Ehlo421, smtptest.Ehlo421, smtptest.Rcpt451, smtptest.Rcpt451, smtptest.Data554, smtptest.Data554,
		smtptest.DropAfterData, smtptest.DropAfterData, smtptest.DropConnection, smtptest.DropConnection)
	wantAnswer := []string{"421", "451", "554", "the server's answer to the message was lost", "smtp 127.0.0.1"}
	for i, want := range wantAnswer {
		c.Add(time.Minute)
		for email, r := range sendAll(t, s) {
			if r.Result != digest.ResultFailed || !strings.Contains(r.Error, want) {
				t.Errorf("attempt %d to %s: %+v, want failed with %q", i+1, email, r, want)
			}
		}
	}
	if n := len(m.Messages()); n != 0 {
		t.Fatalf("the server accepted %d messages while refusing", n)
	}
	stt, _, err := st.DigestState("analyst@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if stt.Failures != 5 || stt.LastError == "" || stt.NextAttempt.IsZero() || stt.Open == "" {
		t.Errorf("state after five failures: %+v", stt)
	}

	// Then the server accepts: every article arrives, once.
	c.Add(time.Minute)
	for email, r := range sendAll(t, s) {
		if r.Result != digest.ResultSent {
			t.Errorf("send to %s after refusals: %+v", email, r)
		}
	}
	c.Add(time.Minute)
	for email, r := range sendAll(t, s) {
		if r.Result != digest.ResultNothingNew {
			t.Errorf("send to %s once all was delivered: %+v", email, r)
		}
	}
	got := deliveredIDs(t, m.Messages(), ids)
	for email, want := range map[string]int{"analyst@example.org": 9, "labour-desk@example.org": 4} {
		list := got[email]
		if len(list) != want {
			t.Errorf("%s received %d articles, want %d", email, len(list), want)
		}
		slices.Sort(list)
		if len(slices.Compact(slices.Clone(list))) != len(list) {
			t.Errorf("%s received an article twice: %v", email, list)
		}
	}
	if n := len(m.Messages()); n != 2 {
		t.Errorf("%d messages arrived, want one per recipient", n)
	}
	stt, _, _ = st.DigestState("analyst@example.org")
	if stt.Failures != 0 || stt.LastError != "" || stt.Open != "" || stt.Delivered != 9 || stt.Digests != 1 {
		t.Errorf("state after delivery: %+v", stt)
	}
}

func TestLostAnswerResendsSameMessage(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	st := openStore(t)
	putAll(t, st, fixtureArticles(t))
	c := newClock(start)
	s := newService(t, smtpConfig(t, "20", plainSMTP(m), labour), st, c, nil)

	m.Script(smtptest.DropAfterData)
	first := sendAll(t, s)["labour-desk@example.org"]
	if first.Result != digest.ResultFailed {
		t.Fatalf("first send: %+v, want failed", first)
	}
	run, _, err := st.DigestRun("labour-desk@example.org", first.Period)
	if err != nil || !run.Uncertain {
		t.Fatalf("run after a lost answer: %+v %v, want uncertain", run, err)
	}
	// A story stored meanwhile waits: the resend is the run as it was.
	c.Add(time.Hour)
	putAll(t, st, []*crawler.Article{laterLabourStory(c.Now())})
	results, err := s.SendNow(context.Background(), "", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || !results[0].Resend || results[0].Result != digest.ResultSent || results[1].Result != digest.ResultSent {
		t.Fatalf("results %+v, want the resend, then the new story", results)
	}
	if results[0].MessageID != first.MessageID || results[0].Articles != first.Articles {
		t.Errorf("resend %+v differs from the lost attempt %+v", results[0], first)
	}
	msgs := m.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	if id := smtptest.Parse(t, msgs[0].Data).Header.Get("Message-ID"); id != "<"+first.MessageID+">" {
		t.Errorf("resent Message-ID %s, want %s", id, first.MessageID)
	}
	if second := smtptest.Parse(t, msgs[1].Data); !strings.Contains(second.Text, "điều dưỡng viên") || strings.Contains(second.Text, "日越大学") {
		t.Errorf("the second message should carry only the later story:\n%s", second.Text)
	}
}

func laterLabourStory(fetched time.Time) *crawler.Article {
	return &crawler.Article{
		URL: "https://tin.example.vn/lao-dong/dieu-duong-vien-moi?d=" + fetched.Format("0102T1504"), Title: "Thêm 300 điều dưỡng viên Việt Nam sang Nhật Bản làm việc",
		Lang: "vi", Source: "Tin Sen", Fetched: fetched,
		Text: "Ba trăm điều dưỡng viên Việt Nam vừa hoàn thành khóa tiếng Nhật và sẽ sang Nhật Bản làm việc tại các cơ sở chăm sóc người cao tuổi.",
		Classification: crawler.Classification{Relevant: true, Pillars: []string{"labour", "health"}, Primary: "labour",
			Evidence: map[string][]string{"labour": {"Ba trăm điều dưỡng viên Việt Nam vừa hoàn thành khóa tiếng Nhật và sẽ sang Nhật Bản làm việc."}}},
	}
}

// crashingSender hands the message to the server, then stops its
// goroutine before anything is recorded: a process killed right after the
// server's acceptance.
type crashingSender struct{ digest.Sender }

func (c crashingSender) Send(ctx context.Context, msg *mail.Msg, _ func()) error {
	if err := c.Sender.Send(ctx, msg, func() {}); err != nil {
		return err
	}
	runtime.Goexit()
	return nil
}

// A process that stopped after the server accepted a message, before it
// recorded the delivery, left its run in the sending status. The next
// process sends that run again as it was, with the same Message-ID, so
// the reader's client can tell; nothing is lost, and nothing is sent a
// third time.
func TestCrashAfterAcceptanceResendsRecognisably(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	st := openStore(t)
	ids := putAll(t, st, fixtureArticles(t))
	c := newClock(start)
	cfg := smtpConfig(t, "20", plainSMTP(m), labour)
	smtpSender := digest.NewSMTPSender(cfg.Digest.SMTP)
	first, err := digest.New(cfg, st, digest.Options{Logger: quiet, Now: c.Now, Owner: "first process", Sender: crashingSender{smtpSender}})
	if err != nil {
		t.Fatal(err)
	}
	r := mustRecipient(t, first, "labour-desk@example.org")
	done := make(chan struct{})
	go func() {
		defer close(done)
		first.Send(context.Background(), r, digest.ScheduledPeriod(start))
	}()
	<-done
	if n := len(m.Messages()); n != 1 {
		t.Fatalf("%d messages before the crash, want 1", n)
	}

	c.Add(24 * time.Hour)
	second, err := digest.New(cfg, st, digest.Options{Logger: quiet, Now: c.Now, Owner: "second process", Sender: smtpSender})
	if err != nil {
		t.Fatal(err)
	}
	results := second.Send(context.Background(), r, digest.ScheduledPeriod(c.Now()))
	if len(results) != 2 || !results[0].Resend || results[0].Result != digest.ResultSent || results[1].Result != digest.ResultNothingNew {
		t.Fatalf("results %+v, want the crashed run resent, then nothing new", results)
	}
	msgs := m.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want the original and its resend", len(msgs))
	}
	a, b := smtptest.Parse(t, msgs[0].Data), smtptest.Parse(t, msgs[1].Data)
	if a.Header.Get("Message-ID") != b.Header.Get("Message-ID") {
		t.Errorf("resend has Message-ID %s, the original %s", b.Header.Get("Message-ID"), a.Header.Get("Message-ID"))
	}
	got := deliveredIDs(t, msgs[1:], ids)["labour-desk@example.org"]
	if len(got) != 4 {
		t.Errorf("the resend carries %d stories, want the 4 of the original", len(got))
	}
	c.Add(time.Hour)
	if res := second.Send(context.Background(), r, digest.ScheduledPeriod(c.Now())); res[0].Result != digest.ResultNothingNew {
		t.Errorf("after the resend: %+v, want nothing new", res)
	}
}

func mustRecipient(t *testing.T, s *digest.Service, email string) config.Recipient {
	t.Helper()
	r, ok := s.Recipient(email)
	if !ok {
		t.Fatalf("no recipient %s", email)
	}
	return r
}

func TestOverlappingRunsSendOnce(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	st := openStore(t)
	putAll(t, st, fixtureArticles(t))
	s := newService(t, smtpConfig(t, "20", plainSMTP(m), analyst), st, newClock(start), nil)
	r := mustRecipient(t, s, "analyst@example.org")
	period := digest.ScheduledPeriod(start)

	var wg sync.WaitGroup
	results := make([][]digest.Result, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				results[i] = s.Send(context.Background(), r, period)
			} else { // a manual send at the same moment
				results[i] = s.Send(context.Background(), r, digest.ManualPeriod(start))
			}
		}()
	}
	wg.Wait()
	sent := 0
	for _, rs := range results {
		for _, res := range rs {
			switch res.Result {
			case digest.ResultSent:
				sent++
			case digest.ResultBusy, digest.ResultAlreadySent, digest.ResultNothingNew:
			default:
				t.Errorf("unexpected result %+v", res)
			}
		}
	}
	if sent != 1 || len(m.Messages()) != 1 {
		t.Errorf("%d sends reported, %d messages arrived; want exactly one", sent, len(m.Messages()))
	}
	// Once a period is sent, a late run of it sends nothing, even with news.
	putAll(t, st, []*crawler.Article{laterLabourStory(start)})
	next := digest.ScheduledPeriod(start.Add(24 * time.Hour))
	if res := s.Send(context.Background(), r, next); res[0].Result != digest.ResultSent {
		t.Fatalf("next period: %+v", res)
	}
	putAll(t, st, []*crawler.Article{laterLabourStory(start.Add(time.Minute))})
	if res := s.Send(context.Background(), r, next); res[0].Result != digest.ResultAlreadySent {
		t.Errorf("late run of a sent period: %+v", res)
	}
}

func TestMaxPerPillarCountsTheRest(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	st := openStore(t)
	putAll(t, st, fixtureArticles(t))
	s := newService(t, smtpConfig(t, "1", plainSMTP(m), analyst), st, newClock(start), nil)
	if r := sendAll(t, s)["analyst@example.org"]; r.Result != digest.ResultSent || r.Articles != 9 {
		t.Fatalf("send: %+v, want 9 articles carried", r)
	}
	p := smtptest.Parse(t, m.Messages()[0].Data)
	for _, want := range []string{
		"… and 1 more in Political trust and diplomacy:\n    https://monitor.example.org/?pillar=political-trust",
		"… and 1 more in Economy, trade and investment:",
	} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("text part lacks %q", want)
		}
	}
	if !strings.Contains(p.HTML, `href="https://monitor.example.org/?pillar=economy-trade-investment"`) {
		t.Error("HTML part lacks the link to the pillar's page")
	}
	// The counted stories were announced: they do not come back.
	if r := sendAll(t, s)["analyst@example.org"]; r.Result != digest.ResultNothingNew {
		t.Errorf("second send: %+v", r)
	}
}

func TestUnsubscribedGetsNothing(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	st := openStore(t)
	putAll(t, st, fixtureArticles(t))
	s := newService(t, smtpConfig(t, "20", plainSMTP(m), analyst, labour), st, newClock(start), nil)
	if _, err := st.Unsubscribe("Analyst@Example.org", start); err != nil {
		t.Fatal(err)
	}
	res := sendAll(t, s)
	if res["analyst@example.org"].Result != digest.ResultUnsubscribed || res["labour-desk@example.org"].Result != digest.ResultSent {
		t.Errorf("results %+v", res)
	}
	if n := len(m.Messages()); n != 1 {
		t.Errorf("%d messages, want only the subscribed recipient's", n)
	}
}

func TestSendEmpty(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	st := openStore(t)
	putAll(t, st, fixtureArticles(t))
	cfg := smtpConfig(t, "20", plainSMTP(m), labour)
	cfg.Digest.SendEmpty = true
	c := newClock(start)
	s := newService(t, cfg, st, c, nil)
	for i, want := range []int{4, 0} {
		c.Add(time.Minute)
		if r := sendAll(t, s)["labour-desk@example.org"]; r.Result != digest.ResultSent || r.Articles != want {
			t.Fatalf("send %d: %+v, want sent with %d articles", i+1, r, want)
		}
	}
	empty := smtptest.Parse(t, m.Messages()[1].Data)
	if !strings.Contains(empty.Text, "Nothing new for 労働デスク since the last digest.") || !strings.Contains(empty.HTML, "Nothing new since the last digest") {
		t.Errorf("empty digest:\n%s", empty.Text)
	}
}
