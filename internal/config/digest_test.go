package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const digestYAML = `database: db/test.db
timezone: Asia/Ho_Chi_Minh
digest:
  schedule: "0 7 * * 1-5"
  from: "VN–JP Monitor <monitor@example.org>"
  subject: "Digest {{.Date}}: {{.Count}}"
  base_url: "https://monitor.example.org/"
  max_per_pillar: 5
  smtp:
    host: smtp.example.org
    username: monitor
    password_env: SMTP_PASSWORD
  recipients:
    - email: analyst@example.org
      name: Analyst
    - email: labour-desk@example.org
      pillars: [labour, human-resources-education]
      languages: [vi, ja]
      schedule: "0 8 * * 1"
      timezone: Asia/Tokyo
`

func TestParseDigest(t *testing.T) {
	cfg, err := Parse(strings.NewReader(digestYAML), "digest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := cfg.Digest
	if d.FromAddress == nil || d.FromAddress.Address != "monitor@example.org" || d.FromAddress.Name != "VN–JP Monitor" {
		t.Errorf("FromAddress %v", d.FromAddress)
	}
	if got, want := d.BaseURL, "https://monitor.example.org"; got != want {
		t.Errorf("BaseURL %q, want %q (no trailing slash)", got, want)
	}
	// Absent keys take their defaults.
	if d.Backfill != 24*time.Hour || d.SendEmpty || d.SMTP.Port != 587 || d.SMTP.TLS != TLSStartTLS {
		t.Errorf("defaults: backfill %v, send_empty %v, port %d, tls %q", d.Backfill, d.SendEmpty, d.SMTP.Port, d.SMTP.TLS)
	}
	a, l := d.Recipients[0], d.Recipients[1]
	if a.Location.String() != "Asia/Ho_Chi_Minh" || d.RecipientSchedule(a) != "0 7 * * 1-5" {
		t.Errorf("analyst zone %v schedule %q: want the defaults", a.Location, d.RecipientSchedule(a))
	}
	if l.Location.String() != "Asia/Tokyo" || d.RecipientSchedule(l) != "0 8 * * 1" {
		t.Errorf("labour desk zone %v schedule %q", l.Location, d.RecipientSchedule(l))
	}
	var b strings.Builder
	if err := d.SubjectTemplate.Execute(&b, SubjectData{Date: "1 Dec 2026", Count: 4}); err != nil || b.String() != "Digest 1 Dec 2026: 4" {
		t.Errorf("subject %q %v", b.String(), err)
	}
}

func TestDefaultSendsNoMail(t *testing.T) {
	if n := len(Default().Digest.Recipients); n != 0 {
		t.Errorf("the default configuration has %d digest recipients, want none", n)
	}
}

func TestParseDigestErrors(t *testing.T) {
	tests := []struct {
		name, old, new, key string
		line                int
	}{
		{"unknown key", "  max_per_pillar: 5", "  max_per_pilar: 5", "digest.max_per_pilar", 8},
		{"inline password", "    username: monitor", "    username: monitor\n    password: hunter2", "digest.smtp.password", 12},
		{"bad from", `"VN–JP Monitor <monitor@example.org>"`, `"monitor at example"`, "digest.from", 5},
		{"bad subject", `"Digest {{.Date}}: {{.Count}}"`, `"Digest {{.Dat}}"`, "digest.subject", 6},
		{"unclosed subject", `"Digest {{.Date}}: {{.Count}}"`, `"Digest {{.Date"`, "digest.subject", 6},
		{"bad cron", `schedule: "0 8 * * 1"`, `schedule: "0 25 * * 1"`, "digest.recipients[1].schedule", 19},
		{"zone in cron", `schedule: "0 8 * * 1"`, `schedule: "CRON_TZ=Asia/Tokyo 0 8 * * 1"`, "digest.recipients[1].schedule", 19},
		{"bad address", "email: analyst@example.org", "email: analyst.example.org", "digest.recipients[0].email", 14},
		{"name in address", "email: analyst@example.org", `email: "Analyst <analyst@example.org>"`, "digest.recipients[0].email", 14},
		{"duplicate recipient", "email: labour-desk@example.org", "email: Analyst@example.org", "digest.recipients[1].email", 16},
		{"unknown pillar", "[labour, human-resources-education]", "[labour, human-resources]", "digest.recipients[1].pillars[1]", 17},
		{"bad language", "[vi, ja]", "[vi, Japanese]", "digest.recipients[1].languages[1]", 18},
		{"unknown zone", "timezone: Asia/Tokyo", "timezone: Asia/Edo", "digest.recipients[1].timezone", 20},
		{"bad tls", "    password_env: SMTP_PASSWORD", "    password_env: SMTP_PASSWORD\n    tls: ssl", "digest.smtp.tls", 13},
		{"clear password", "    password_env: SMTP_PASSWORD", "    password_env: SMTP_PASSWORD\n    tls: none", "digest.smtp.tls", 13},
		{"two passwords", "    password_env: SMTP_PASSWORD", "    password_env: SMTP_PASSWORD\n    password_file: /etc/pw", "digest.smtp.password_file", 13},
		{"login without password", "    password_env: SMTP_PASSWORD", "", "digest.smtp.username", 11},
		{"bad base url", `"https://monitor.example.org/"`, `"monitor.example.org"`, "digest.base_url", 7},
		{"zero per pillar", "max_per_pillar: 5", "max_per_pillar: 0", "digest.max_per_pillar", 8},
		{"name on two lines", "      name: Analyst", `      name: "Analyst\nBcc: all@example.org"`, "digest.recipients[0].name", 15},
		{"bad backfill", "  max_per_pillar: 5", "  max_per_pillar: 5\n  backfill: a day", "digest.backfill", 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			y := strings.Replace(digestYAML, tt.old, tt.new, 1)
			if y == digestYAML {
				t.Fatalf("%q not in the test configuration", tt.old)
			}
			_, err := Parse(strings.NewReader(y), "digest.yaml")
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err %v, want *Errors", err)
			}
			fe := errs.List[0]
			if fe.Key != tt.key || fe.Line != tt.line {
				t.Errorf("error at %q line %d, want %q line %d: %v", fe.Key, fe.Line, tt.key, tt.line, err)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("the message repeats the password: %v", err)
			}
		})
	}
}
