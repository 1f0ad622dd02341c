package main

import (
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAdminClientsSendTheToken runs `digest send` and `backup` while the
// daemon, guarded by a token, holds the database, reaching it through a
// reverse proxy: the admin routes trust a forwarded request no more than
// one from another machine, so only the token lets them through. The
// commands must read it from their configuration and send it.
func TestAdminClientsSendTheToken(t *testing.T) {
	listen := freeAddr(t)
	_, mail, cfg := digestSetup(t, listen)
	dir := filepath.Dir(cfg)
	if err := os.WriteFile(filepath.Join(dir, "token"), []byte(cliToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rewriteFile(t, cfg, "listen: "+listen, "listen: "+listen+"\n  token_file: token")
	if code, _, errOut := runCLI(t, "", "--config", cfg, "--log-level", "warn", "crawl", "--once"); code != exitOK {
		t.Fatalf("crawl: %s", errOut)
	}

	startDaemon(t, cfg, listen)
	proxy := httptest.NewServer(httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: listen}))
	defer proxy.Close()

	// Two configurations of the same database that reach the daemon
	// through the proxy: one with the token, one without.
	yaml, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	viaProxy := strings.Replace(string(yaml), "listen: "+listen, "listen: "+strings.TrimPrefix(proxy.URL, "http://"), 1)
	withToken, noToken := filepath.Join(dir, "with-token.yaml"), filepath.Join(dir, "no-token.yaml")
	for path, body := range map[string]string{withToken: viaProxy, noToken: strings.Replace(viaProxy, "\n  token_file: token", "", 1)} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	code, out, errOut := runCLI(t, "", "--config", noToken, "digest", "send")
	if code != exitError || !strings.Contains(errOut, "requests with the token") || len(mail.Messages()) != 0 {
		t.Errorf("digest send without the token: exit %d, %d messages\n%s%s", code, len(mail.Messages()), out, errOut)
	}
	refused := filepath.Join(dir, "refused.db")
	code, out, errOut = runCLI(t, "", "--config", noToken, "backup", refused)
	if _, err := os.Stat(refused); code != exitError || !strings.Contains(errOut, "403") || err == nil {
		t.Errorf("backup without the token: exit %d, file written: %v\n%s%s", code, err == nil, out, errOut)
	}

	code, out, errOut = runCLI(t, "", "--config", withToken, "digest", "send")
	if code != exitOK || strings.Count(out, " sent ") != 2 || len(mail.Messages()) != 2 {
		t.Errorf("digest send with the token: exit %d, %d messages\n%s%s", code, len(mail.Messages()), out, errOut)
	}
	copyPath := filepath.Join(dir, "copy.db")
	code, out, errOut = runCLI(t, "", "--config", withToken, "backup", copyPath)
	if code != exitOK || !strings.Contains(out, "consistent copy") {
		t.Fatalf("backup with the token: exit %d\n%s%s", code, out, errOut)
	}
	if n := storedArticles(t, copyPath); n == 0 {
		t.Error("the backup holds no article")
	}
	if strings.Contains(out+errOut, cliToken) {
		t.Error("a command printed the token")
	}
}
