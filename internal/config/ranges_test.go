package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Absurd values are refused with the allowed range, at the right line.
func TestParseRanges(t *testing.T) {
	tests := []struct {
		name, from, to, key, want string
	}{
		{"every nanosecond", `"@every 5m"`, `"@every 1ns"`, "crawl.schedule", "from 1s"},
		{"every century", `"@every 5m"`, `"@every 876000h"`, "crawl.schedule", "out of range"},
		{"never fires", `"@every 5m"`, `"0 0 30 2 *"`, "crawl.schedule", "never fires"},
		{"bare time zone prefix", `"@every 5m"`, `"CRON_TZ=Asia/Tokyo"`, "crawl.schedule", "invalid schedule"},
		{"timeout of a century", "timeout: 10s", "timeout: 876000h", "crawl.timeout", "allowed from 1s to 10m0s"},
		{"timeout under a second", "timeout: 10s", "timeout: 10ms", "crawl.timeout", "allowed from 1s"},
		{"delay of a year", "per_host_delay: 500ms", "per_host_delay: 8760h", "crawl.per_host_delay", "allowed from 0s to 10m0s"},
		{"negative delay", "per_host_delay: 500ms", "per_host_delay: -1s", "crawl.per_host_delay", "out of range"},
		{"parallelism of 10^8", "parallelism: 2", "parallelism: 100000000", "crawl.parallelism", "allowed from 1 to 256"},
		{"huge body", "max_body_bytes: 2048", "max_body_bytes: 99999999999999", "crawl.max_body_bytes", "allowed from 1024 to 1073741824"},
		{"negative body", "max_body_bytes: 2048", "max_body_bytes: -5", "crawl.max_body_bytes", "out of range"},
		{"max pages", "max_pages: 3", "max_pages: 1000000", "sources[1].max_pages", "allowed from 0 to 1000"},
		{"listen without port", "respect_robots: true", "respect_robots: true\nhttp:\n  listen: localhost", "http.listen", "host:port"},
		{"listen port", "respect_robots: true", "respect_robots: true\nhttp:\n  listen: 127.0.0.1:99999", "http.listen", "0 to 65535"},
		{"allow host with scheme", "respect_robots: true", "respect_robots: true\n  allow_hosts: [\"http://intranet\"]", "crawl.allow_hosts[0]", "bare host"},
		{"allow host with port", "respect_robots: true", "respect_robots: true\n  allow_hosts: [\"intranet:8080\"]", "crawl.allow_hosts[0]", "port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(minimal, tt.from) {
				t.Fatalf("fixture lacks %q", tt.from)
			}
			_, err := Parse(strings.NewReader(strings.Replace(minimal, tt.from, tt.to, 1)), "my.yaml")
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err=%v, want *Errors", err)
			}
			fe := errs.List[0]
			if fe.Key != tt.key || fe.Line == 0 || !strings.Contains(fe.Msg, tt.want) {
				t.Fatalf("got %q at %s line %d, want %q at %s", fe.Msg, fe.Key, fe.Line, tt.want, tt.key)
			}
		})
	}
}

func TestParseRangesAccept(t *testing.T) {
	for _, edit := range [][2]string{
		{`"@every 5m"`, `"@every 1s"`},
		{"timeout: 10s", "timeout: 10m"},
		{"per_host_delay: 500ms", "per_host_delay: 0s"},
		{"respect_robots: true", "respect_robots: true\n  allow_hosts: [intranet.example, 10.0.0.5, \"::1\"]"},
	} {
		if _, err := Parse(strings.NewReader(strings.Replace(minimal, edit[0], edit[1], 1)), "ok.yaml"); err != nil {
			t.Errorf("%s: %v", edit[1], err)
		}
	}
}

func TestParseSecondDocument(t *testing.T) {
	_, err := Parse(strings.NewReader(minimal+"---\ndatabase: other.db\n"), "two.yaml")
	if err == nil || !strings.Contains(err.Error(), "two.yaml: line 23: a second YAML document") {
		t.Fatalf("err=%v, want the line of the second document", err)
	}
	// A leading document marker is one document.
	if _, err := Parse(strings.NewReader("---\n"+minimal), "one.yaml"); err != nil {
		t.Fatalf("leading ---: %v", err)
	}
}

func TestParseTabs(t *testing.T) {
	in := strings.Replace(minimal, "  timeout: 10s", "\ttimeout: 10s", 1)
	_, err := Parse(strings.NewReader(in), "tabs.yaml")
	if err == nil || !strings.Contains(err.Error(), "tabs.yaml: line 8: a tab character in the indentation") || !strings.Contains(err.Error(), "only spaces") {
		t.Fatalf("err=%v, want a message about the tab on line 8", err)
	}
}

// A relative database path is relative to the configuration file; the
// embedded default keeps the working directory.
func TestLoadResolvesDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "etc", "crawler.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(minimal), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Database, filepath.Join(dir, "etc", "db", "test.db"); got != want {
		t.Errorf("Database=%q, want %q", got, want)
	}
	abs := strings.Replace(minimal, "db/test.db", "/var/lib/x.db", 1)
	if err := os.WriteFile(path, []byte(abs), 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg, err := Load(path); err != nil || cfg.Database != "/var/lib/x.db" {
		t.Errorf("absolute path: %v, %v", cfg, err)
	}
	if cfg, err := Load(""); err != nil || cfg.Database != "data/crawler.db" {
		t.Errorf("embedded default: Database=%q, %v; want the relative default", cfg.Database, err)
	}
}

// Every file a configuration names is found beside it, whatever the
// working directory: the token, the model and the digest's files too.
func TestLoadResolvesFilePaths(t *testing.T) {
	etc := filepath.Join(t.TempDir(), "etc")
	for name, body := range map[string]string{"token": "a-long-enough-token-value-0123456789\n", "model.json": "{}"} {
		if err := os.MkdirAll(etc, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(etc, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(etc, "crawler.yaml")
	conf := minimal + `http:
  token_file: token
classifier:
  model: model.json
digest:
  from: "Monitor <monitor@example.org>"
  key_file: keys/hmac.key
  smtp:
    host: smtp.example.org
    username: monitor
    password_file: secret/smtp
    ca_file: ca.pem
  recipients:
    - email: analyst@example.org
`
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for key, got := range map[string]string{
		"http.token_file":           cfg.HTTP.TokenFile,
		"classifier.model":          cfg.Classifier.Model,
		"digest.key_file":           cfg.Digest.KeyFile,
		"digest.smtp.password_file": cfg.Digest.SMTP.PasswordFile,
		"digest.smtp.ca_file":       cfg.Digest.SMTP.CAFile,
	} {
		if !strings.HasPrefix(got, etc+string(filepath.Separator)) {
			t.Errorf("%s=%q, want a path under %s", key, got, etc)
		}
	}
	if cfg.HTTP.Token != "a-long-enough-token-value-0123456789" {
		t.Errorf("token %q not read from %s", cfg.HTTP.Token, filepath.Join(etc, "token"))
	}
}
