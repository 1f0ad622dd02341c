package digest_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/digest"
	"github.com/vnjp-monitor/crawler/internal/digest/smtptest"
)

const secret = "s3cret-Passw0rd-never-logged"

func TestSMTPSecurity(t *testing.T) {
	tlsServer := smtptest.Start(t, smtptest.Options{Starttls: true, User: "monitor", Pass: secret})
	implicit := smtptest.Start(t, smtptest.Options{Implicit: true, User: "monitor", Pass: secret})
	plain := smtptest.Start(t, smtptest.Options{})
	t.Setenv("DIGEST_TEST_PASSWORD", secret)
	pwFile := filepath.Join(t.TempDir(), "smtp-password")
	if err := os.WriteFile(pwFile, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		server  *smtptest.Server
		section string
		want    string // "" for delivered, else a substring of the error
	}{
		{"starttls with auth plain and a private CA", tlsServer,
			"    host: 127.0.0.1\n    port: PORT\n    tls: starttls\n    ca_file: CA\n    username: monitor\n    password_env: DIGEST_TEST_PASSWORD", ""},
		{"password from a file", tlsServer,
			"    host: 127.0.0.1\n    port: PORT\n    tls: starttls\n    ca_file: CA\n    username: monitor\n    password_file: " + pwFile, ""},
		{"implicit tls", implicit,
			"    host: 127.0.0.1\n    port: PORT\n    tls: tls\n    ca_file: CA\n    username: monitor\n    password_env: DIGEST_TEST_PASSWORD", ""},
		{"wrong password", tlsServer,
			"    host: 127.0.0.1\n    port: PORT\n    tls: starttls\n    ca_file: CA\n    username: monitor\n    password_env: DIGEST_TEST_WRONG", "535"},
		{"untrusted certificate", tlsServer,
			"    host: 127.0.0.1\n    port: PORT\n    tls: starttls\n    username: monitor\n    password_env: DIGEST_TEST_PASSWORD", "certificate"},
		{"starttls required, never silently plain", plain,
			"    host: 127.0.0.1\n    port: PORT\n    tls: starttls", "STARTTLS"},
		{"connection refused", plain,
			"    host: 127.0.0.1\n    port: 1\n    tls: none", "refused"},
		{"unset password variable", tlsServer,
			"    host: 127.0.0.1\n    port: PORT\n    tls: starttls\n    ca_file: CA\n    username: monitor\n    password_env: DIGEST_TEST_UNSET", "DIGEST_TEST_UNSET"},
	}
	t.Setenv("DIGEST_TEST_WRONG", "not-the-password")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			section := strings.NewReplacer("PORT", tt.server.PortString(), "CA", tt.server.CAFile).Replace(tt.section)
			cfg := smtpConfig(t, "20", section, labour)
			st := openStore(t)
			putAll(t, st, fixtureArticles(t))
			var logs bytes.Buffer
			s, err := digest.New(cfg, st, digest.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil)), Now: newClock(start).Now})
			if err != nil {
				t.Fatal(err)
			}
			before := len(tt.server.Messages())
			res, err := s.SendNow(context.Background(), "", false)
			if err != nil {
				t.Fatal(err)
			}
			r := res[0]
			delivered := len(tt.server.Messages()) - before
			t.Logf("result %s: %s", r.Result, r.Error)
			switch {
			case tt.want == "" && (r.Result != digest.ResultSent || delivered != 1):
				t.Fatalf("result %+v, %d delivered; want sent", r, delivered)
			case tt.want != "" && (r.Result != digest.ResultFailed || !strings.Contains(r.Error, tt.want) || delivered != 0):
				t.Fatalf("result %+v, %d delivered; want failed with %q", r, delivered, tt.want)
			}
			state, _, _ := st.DigestState("labour-desk@example.org")
			for what, text := range map[string]string{"log": logs.String(), "error": r.Error, "state": state.LastError} {
				if strings.Contains(text, secret) {
					t.Errorf("the password appears in the %s: %s", what, text)
				}
			}
			if tt.want != "" && !strings.Contains(logs.String(), "labour-desk@example.org") {
				t.Errorf("the failure log does not name the recipient:\n%s", logs.String())
			}
		})
	}
}

func TestSMTPTimeoutIsUncertain(t *testing.T) {
	m := smtptest.Start(t, smtptest.Options{})
	m.SlowFor = 3 * time.Second
	m.Script(smtptest.NoAnswer)
	st := openStore(t)
	putAll(t, st, fixtureArticles(t))
	cfg := smtpConfig(t, "20", plainSMTP(m), labour)
	sender := digest.NewSMTPSender(cfg.Digest.SMTP)
	sender.Timeout = time.Second
	c := newClock(start)
	s := newService(t, cfg, st, c, sender)
	r := sendAll(t, s)["labour-desk@example.org"]
	if r.Result != digest.ResultFailed || !strings.Contains(r.Error, "timeout") {
		t.Fatalf("result %+v, want a timeout", r)
	}
	run, _, _ := st.DigestRun("labour-desk@example.org", r.Period)
	if !run.Uncertain {
		t.Errorf("a timeout after the data is uncertain: %+v", run)
	}
	c.Add(time.Minute)
	if res := sendAll(t, s)["labour-desk@example.org"]; res.Result != digest.ResultSent || !res.Resend || res.MessageID != r.MessageID {
		t.Errorf("after the timeout: %+v, want the same message resent", res)
	}
}
