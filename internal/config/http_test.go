package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestHTTPToken(t *testing.T) {
	dir := t.TempDir()
	good := "0123456789abcdef0123"
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("token", good+"\n")
	write("empty", " \n")
	tests := []struct {
		name, http string
		wantToken  string
		wantErr    string
	}{
		{"none", "listen: 127.0.0.1:8080", "", ""},
		{"inline", "token: " + good, good, ""},
		{"file relative to the config", "token_file: token", good, ""},
		{"file absolute", "token_file: " + filepath.Join(dir, "token"), good, ""},
		{"both", "token: " + good + "x\n  token_file: token", "", "not both"},
		{"short", "token: abc", "", "too short"},
		{"spaces", "token: \"0123456789 abcdef0123\"", "", "spaces"},
		{"missing file", "token_file: nope", "", "http.token_file: read token"},
		{"empty file", "token_file: empty", "", "is empty"},
		{"bad listen", "listen: localhost", "", "http.listen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := write("c.yaml", minimal+"http:\n  "+tt.http+"\n")
			cfg, err := Load(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error=%v, want it to mention %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), good) || strings.Contains(err.Error(), "abc") && tt.name == "short" {
					t.Errorf("error %q shows the token", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.HTTP.Token != tt.wantToken {
				t.Errorf("Token=%q, want %q", cfg.HTTP.Token, tt.wantToken)
			}
			if err := cfg.Validate(); err != nil { // again, as code that edits a config does
				t.Errorf("second Validate: %v", err)
			}
		})
	}
}

func TestOnLoopback(t *testing.T) {
	tests := map[string]bool{
		"127.0.0.1:8080": true, "127.0.0.2:80": true, "[::1]:8080": true, "localhost:8080": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.0.2.1:8080": false,
		"example.org:8080": false, "nonsense": false,
	}
	for listen, want := range tests {
		if got := (HTTP{Listen: listen}).OnLoopback(); got != want {
			t.Errorf("OnLoopback(%q)=%v, want %v", listen, got, want)
		}
	}
}

func TestLocalURL(t *testing.T) {
	tests := []struct{ listen, want string }{
		{"127.0.0.1:8080", "http://127.0.0.1:8080"},
		{":8080", "http://127.0.0.1:8080"},
		{"0.0.0.0:9090", "http://127.0.0.1:9090"},
		{"[::]:8080", "http://[::1]:8080"},
		{"[::1]:8080", "http://[::1]:8080"},
		{"localhost:8080", "http://localhost:8080"},
	}
	for _, tt := range tests {
		t.Run(tt.listen, func(t *testing.T) {
			if got := (HTTP{Listen: tt.listen}).LocalURL(); got != tt.want {
				t.Errorf("LocalURL(%q)=%q, want %q", tt.listen, got, tt.want)
			}
		})
	}
}

// TestDockerfileConfig applies the Dockerfile's edits of config.yaml and
// checks that the container's configuration listens on every interface
// only with a token file, so the image follows the rule `crawler run`
// enforces.
func TestDockerfileConfig(t *testing.T) {
	docker, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Skip("no Dockerfile beside the module")
	}
	base, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfgText := string(base)
	edits := regexp.MustCompile(`-e 's\|\^([^|]*)\|([^|]*)\|'`).FindAllStringSubmatch(string(docker), -1)
	if len(edits) < 3 {
		t.Fatalf("found %d sed edits in the Dockerfile", len(edits))
	}
	for _, e := range edits {
		re := regexp.MustCompile(`(?m)^` + e[1])
		if !re.MatchString(cfgText) {
			t.Errorf("the Dockerfile edits %q, which config.yaml lacks", e[1])
		}
		cfgText = re.ReplaceAllLiteralString(cfgText, e[2])
	}
	dir := t.TempDir()
	cfgText = strings.ReplaceAll(cfgText, "/run/secrets/vnjp-token", filepath.Join(dir, "token"))
	if err := os.WriteFile(filepath.Join(dir, "token"), []byte("0123456789abcdef0123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse(strings.NewReader(cfgText), "container config")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HTTP.OnLoopback() || cfg.HTTP.Token == "" || cfg.Database != "/data/crawler.db" {
		t.Errorf("container config: listen %s, token set %v, database %s", cfg.HTTP.Listen, cfg.HTTP.Token != "", cfg.Database)
	}
}
