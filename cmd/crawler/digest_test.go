package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/digest/smtptest"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// digestYAML is a digest section for two desks following different
// pillars, sending to the test mail server.
func digestYAML(mail *smtptest.Server) string {
	return `digest:
  from: "VN–JP Monitor <monitor@example.org>"
  base_url: "http://127.0.0.1:8080"
  smtp:
    host: 127.0.0.1
    port: ` + mail.PortString() + `
    tls: none
  recipients:
    - email: trade@example.org
      name: Phòng Thương mại
      pillars: [economy-trade-investment, development-infrastructure]
    - email: people@example.org
      name: 人材デスク
      pillars: [labour, human-resources-education, culture-people-exchange]
      timezone: Asia/Tokyo
`
}

// digestSetup starts the loopback news site and the test mail server and
// writes a configuration for both, with the daemon on listen.
func digestSetup(t *testing.T, listen string) (*testsite.Site, *smtptest.Server, string) {
	t.Helper()
	site, err := testsite.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(site.Close)
	site.SetSlowDelay(1500e6)
	mail := smtptest.Start(t, smtptest.Options{})
	cfg := siteConfig(t, site, t.TempDir())
	rewriteFile(t, cfg, "listen: 127.0.0.1:8080", "listen: "+listen)
	appendFile(t, cfg, strings.Replace(digestYAML(mail), "http://127.0.0.1:8080", "http://"+listen, 1))
	return site, mail, cfg
}

// storedArticle is a line of `crawler list --json`.
type storedArticle struct {
	URL     string   `json:"url"`
	Pillars []string `json:"pillars"`
}

// The check an outsider makes: crawl a site, then send digests to two
// recipients with different pillars three times, the first refused, and
// read what arrives.
func TestDigestThreeSendsFirstRefused(t *testing.T) {
	_, mail, cfg := digestSetup(t, "127.0.0.1:8080")

	if code, out, errOut := runCLI(t, "", "--config", cfg, "--log-level", "warn", "crawl", "--once"); code != exitOK {
		t.Fatalf("crawl exit %d\n%s\n%s", code, out, errOut)
	}
	want := expectedByRecipient(t, cfg, map[string][]string{
		"trade@example.org":  {"economy-trade-investment", "development-infrastructure"},
		"people@example.org": {"labour", "human-resources-education", "culture-people-exchange"},
	})

	code, out, _ := runCLI(t, "", "--config", cfg, "digest", "preview", "--recipient", "people@example.org")
	if code != exitOK || !strings.Contains(out, "new articles for 人材デスク") {
		t.Errorf("preview exit %d:\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "--config", cfg, "digest", "send", "--dry-run")
	if code != exitOK || strings.Count(out, "dry run") != 2 || len(mail.Messages()) != 0 {
		t.Errorf("dry run exit %d, %d messages:\n%s", code, len(mail.Messages()), out)
	}

	mail.Script(smtptest.Rcpt451, smtptest.Rcpt451)
	code, out, errOut := runCLI(t, "", "--config", cfg, "--log-level", "error", "digest", "send")
	if code != exitError || strings.Count(out, "451") != 2 || !strings.Contains(errOut, "2 of 2 digests failed") {
		t.Errorf("first send exit %d, want 1 with both refused:\n%s\n%s", code, out, errOut)
	}
	if len(mail.Messages()) != 0 {
		t.Fatal("a refused send delivered something")
	}
	for i, wantSent := range []string{"sent", "nothing new"} {
		code, out, errOut = runCLI(t, "", "--config", cfg, "--log-level", "warn", "digest", "send")
		if code != exitOK || strings.Count(out, wantSent) != 2 {
			t.Errorf("send %d exit %d, want %s twice:\n%s\n%s", i+2, code, wantSent, out, errOut)
		}
	}
	got := map[string][]string{}
	for _, m := range mail.Messages() {
		p := smtptest.Parse(t, m.Data)
		for _, line := range strings.Split(p.Text, "\n") {
			if l := strings.TrimSpace(line); strings.HasPrefix(line, "    http") && !strings.Contains(l, "?pillar=") {
				got[m.To[0]] = append(got[m.To[0]], l)
			}
		}
	}
	for email, urls := range want {
		slices.Sort(got[email])
		if !slices.Equal(got[email], urls) {
			t.Errorf("%s received\n  %v\nwant each of\n  %v\nonce", email, got[email], urls)
		}
	}
	if n := len(mail.Messages()); n != 2 {
		t.Errorf("%d messages arrived, want one per recipient", n)
	}

	code, out, _ = runCLI(t, "", "--config", cfg, "digest", "recipients", "--json")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			Email         string    `json:"email"`
			Undelivered   int       `json:"undelivered"`
			LastDelivered time.Time `json:"last_delivered"`
			LastError     string    `json:"last_error"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("recipients exit %d: %v\n%s", code, err, out)
		}
		if r.Undelivered != 0 || r.LastDelivered.IsZero() || r.LastError != "" {
			t.Errorf("recipient after delivery: %+v", r)
		}
	}
}

// expectedByRecipient lists, per recipient, the canonical URLs of the
// stored relevant articles carrying one of their pillars.
func expectedByRecipient(t *testing.T, cfg string, pillars map[string][]string) map[string][]string {
	t.Helper()
	code, out, errOut := runCLI(t, "", "--config", cfg, "list", "--json")
	if code != exitOK {
		t.Fatalf("list exit %d: %s", code, errOut)
	}
	want := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var a storedArticle
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		for email, ps := range pillars {
			if slices.ContainsFunc(a.Pillars, func(p string) bool { return slices.Contains(ps, p) }) {
				want[email] = append(want[email], a.URL)
			}
		}
	}
	for email := range pillars {
		if len(want[email]) == 0 {
			t.Fatalf("no stored article for %s: the test site lacks stories of its pillars", email)
		}
		slices.Sort(want[email])
	}
	return want
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// While the daemon holds the database, the digest commands go through its
// loopback admin routes.
func TestDigestThroughTheDaemon(t *testing.T) {
	listen := freeAddr(t)
	_, mail, cfg := digestSetup(t, listen)
	if code, _, errOut := runCLI(t, "", "--config", cfg, "--log-level", "warn", "crawl", "--once"); code != exitOK {
		t.Fatalf("crawl: %s", errOut)
	}

	startDaemon(t, cfg, listen)

	code, out, errOut := runCLI(t, "", "--config", cfg, "--log-level", "debug", "digest", "recipients", "--json")
	if code != exitOK || strings.Count(out, `"status":"subscribed"`) != 2 || !strings.Contains(errOut, "asking it") {
		t.Fatalf("recipients through the daemon: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", "--config", cfg, "digest", "preview", "--recipient", "trade@example.org", "--format", "html")
	if code != exitOK || !strings.Contains(out, "Phòng Thương mại") || !strings.HasPrefix(out, "<!DOCTYPE html>") {
		t.Errorf("preview through the daemon: exit %d\n%.300s", code, out)
	}
	code, out, errOut = runCLI(t, "", "--config", cfg, "digest", "send")
	if code != exitOK || strings.Count(out, " sent ") != 2 || len(mail.Messages()) != 2 {
		t.Errorf("send through the daemon: exit %d, %d messages\n%s\n%s", code, len(mail.Messages()), out, errOut)
	}
	// A request that came by mail, acted on by hand, then undone.
	for _, step := range []struct{ verb, want string }{{"unsubscribe", "unsubscribed"}, {"resubscribe", "subscribed"}} {
		if code, out, errOut := runCLI(t, "", "--config", cfg, "digest", step.verb, "People@Example.org"); code != exitOK {
			t.Fatalf("%s: exit %d\n%s%s", step.verb, code, out, errOut)
		}
		if got := recipientStatus(t, cfg, "people@example.org"); got != step.want {
			t.Errorf("after %s the status is %q", step.verb, got)
		}
	}
	if code, _, errOut := runCLI(t, "", "--config", cfg, "digest", "unsubscribe", "stranger@example.org"); code != exitError || !strings.Contains(errOut, "not a configured recipient") {
		t.Errorf("unsubscribe of an unknown address: exit %d %s", code, errOut)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func rewriteFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s lacks %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func waitHealthy(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer 200 within 20s (%v)", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// recipientStatus returns the status `digest recipients` gives email.
func recipientStatus(t *testing.T, cfg, email string) string {
	t.Helper()
	_, out, errOut := runCLI(t, "", "--config", cfg, "digest", "recipients", "--json")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct{ Email, Status string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("recipients: %v\n%s%s", err, out, errOut)
		}
		if r.Email == email {
			return r.Status
		}
	}
	t.Fatalf("recipients does not list %s:\n%s", email, out)
	return ""
}

// startDaemon runs `crawler run` with cfg, listening on listen, until the
// test ends, and waits until it answers.
func startDaemon(t *testing.T, cfg, listen string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		var out, errOut bytes.Buffer
		done <- Run(ctx, []string{"--config", cfg, "--log-level", "error", "run", "--grace", "2s"}, strings.NewReader(""), &out, &errOut)
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("daemon exit %d", code)
		}
	})
	waitHealthy(t, "http://"+listen+"/healthz")
}
