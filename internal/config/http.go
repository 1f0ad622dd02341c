package config

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
)

// minTokenLen keeps http.token out of reach of guessing.
const minTokenLen = 16

// maxTokenFile bounds what is read from http.token_file.
const maxTokenFile = 4096

// OnLoopback reports whether Listen binds only the loopback interface
// (127.0.0.0/8, ::1 or localhost). An empty host (":8080"), 0.0.0.0, ::,
// another address or any other host name is reachable from elsewhere.
func (h HTTP) OnLoopback() bool {
	host, _, err := net.SplitHostPort(h.Listen)
	if err != nil {
		return false
	}
	return isLoopbackHost(host)
}

// LocalURL returns the URL at which a client on this machine reaches the
// daemon listening on Listen: a wildcard host (":8080", "0.0.0.0:8080",
// "[::]:8080") becomes the loopback address.
func (h HTTP) LocalURL() string {
	host, port, err := net.SplitHostPort(h.Listen)
	if err != nil {
		return "http://" + h.Listen
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// isLoopbackHost reports whether host is localhost or a loopback address.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// validateHTTP checks the token settings (validateListen checks the
// address) and reads http.token_file into Token.
func (c *Config) validateHTTP(v *validator) {
	h := &c.HTTP
	key := "http.token"
	if h.TokenFile != "" {
		key = "http.token_file"
		tok, err := readToken(h.TokenFile)
		if err != nil {
			v.fail(key, "%v", err)
			return
		}
		// Validate runs again on a loaded configuration: the token read
		// last time is not a second token.
		if h.Token != "" && h.Token != tok {
			v.fail(key, "set http.token or http.token_file, not both")
			return
		}
		h.Token = tok
	}
	if h.Token == "" {
		return
	}
	if len(h.Token) < minTokenLen {
		v.fail(key, "the token is too short: use at least %d characters (e.g. `openssl rand -hex 32`)", minTokenLen)
	}
	if strings.ContainsFunc(h.Token, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		v.fail(key, "the token must not contain spaces or control characters")
	}
}

// readToken reads a token file: its content without surrounding white
// space. The token itself never appears in an error.
func readToken(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read token: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
	if err != nil {
		return "", fmt.Errorf("read token %s: %w", path, err)
	}
	if len(b) > maxTokenFile {
		return "", fmt.Errorf("token file %s is larger than %d bytes: is it the right file?", path, maxTokenFile)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", fmt.Errorf("token file %s is empty", path)
	}
	return tok, nil
}

// resolvePaths makes every file path the configuration names (the
// database, the token, the digest's key, password and CA files, the
// classifier's model) relative to the configuration file's directory, so
// that a configuration means the same files from any working directory
// (under systemd, from /). Parse calls it once, before validation reads
// the files.
func (c *Config) resolvePaths() {
	for _, p := range []*string{&c.Database, &c.HTTP.TokenFile, &c.Digest.KeyFile,
		&c.Digest.SMTP.PasswordFile, &c.Digest.SMTP.CAFile, &c.Classifier.Model} {
		if *p != "" {
			*p = c.resolve(*p)
		}
	}
}

// resolve makes a relative path relative to the configuration file's
// directory; the embedded default keeps the working directory.
func (c *Config) resolve(path string) string {
	if filepath.IsAbs(path) || c.Path == "" || c.Path == EmbeddedPath {
		return path
	}
	return filepath.Join(filepath.Dir(c.Path), path)
}
