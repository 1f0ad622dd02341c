package main

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds the crawler once per test run, for tests that send it
// real signals.
func binary(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build the binary")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "crawler-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "crawler")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = errors.New(string(out))
		}
	})
	if binErr != nil {
		t.Fatalf("build: %v", binErr)
	}
	return binPath
}

// started is a running crawler process with its output.
type started struct {
	cmd         *exec.Cmd
	out, errOut bytes.Buffer
	done        chan struct{}
}

func start(t *testing.T, args ...string) *started {
	t.Helper()
	p := &started{cmd: exec.Command(binary(t), args...), done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.errOut
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// exitCode waits for the process and returns its exit status.
func (p *started) exitCode(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(limit):
		t.Fatalf("still running after %v\n%s%s", limit, p.out.String(), p.errOut.String())
	}
	return p.cmd.ProcessState.ExitCode()
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Ctrl-C during crawl --once: exit 130, the pass says it was interrupted.
func TestBinaryInterruptedCrawl(t *testing.T) {
	feed := startFeed(t)
	feed.Stories(20)
	feed.SetArticleDelay(300 * time.Millisecond)
	cfg := feedConfig(t, [2]string{"Delta", feed.URL() + "/feed.xml"})
	p := start(t, "--config", cfg, "crawl", "--once")
	waitUntil(t, "the second article request", func() bool { return len(feed.ArticleRequests()) >= 2 })
	p.cmd.Process.Signal(os.Interrupt)
	if code := p.exitCode(t, 10*time.Second); code != exitInterrupted {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitInterrupted, p.out.String(), p.errOut.String())
	}
	if !strings.Contains(p.out.String(), "interrupted") {
		t.Errorf("the summary does not say the pass was interrupted:\n%s", p.out.String())
	}
}

func healthz(addr string) (int, string) {
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The daemon: a broken configuration on SIGHUP shows in /healthz (still
// 200); a fixed one clears it; SIGTERM exits 0.
func TestBinaryDaemonReloadAndStop(t *testing.T) {
	feed := startFeed(t)
	feed.Stories(2)
	cfg := feedConfig(t, [2]string{"Delta", feed.URL() + "/feed.xml"})
	addr := freeAddr(t)
	good := strings.Replace(readFile(t, cfg), "listen: 127.0.0.1:0", "listen: "+addr, 1)
	if err := os.WriteFile(cfg, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	p := start(t, "--config", cfg, "run", "--grace", "5s")
	waitUntil(t, "/healthz", func() bool { code, _ := healthz(addr); return code == 200 })

	if err := os.WriteFile(cfg, []byte(good+"  - name: \"\"\n\tkind: rss\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.cmd.Process.Signal(syscall.SIGHUP)
	waitUntil(t, "the reload error in /healthz", func() bool {
		code, body := healthz(addr)
		return code == 200 && strings.Contains(body, `"reload_error"`) && strings.Contains(body, "tab")
	})
	if err := os.WriteFile(cfg, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	p.cmd.Process.Signal(syscall.SIGHUP)
	waitUntil(t, "the reload error to clear", func() bool {
		code, body := healthz(addr)
		return code == 200 && !strings.Contains(body, "reload_error")
	})
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.exitCode(t, 15*time.Second); code != exitOK {
		t.Fatalf("SIGTERM: exit %d\n%s", code, p.errOut.String())
	}
}
