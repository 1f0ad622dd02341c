// Package browsertest starts Debian's headless Chromium for tests that
// must see a page as a reader does: rendered, styled, at a phone's or a
// desktop's width. Tests skip when Chromium is absent.
//
// The browser runs with a fresh profile in a temporary directory and
// without sandbox (CI runs as root), GPU, QUIC, background networking,
// component updates or sync, so it only talks to the test's own servers.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// candidates are the names Chromium is installed under.
var candidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"}

// Path returns the Chromium executable, or "" when none is installed.
func Path() string {
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless browser for t and returns a context for
// chromedp.Run, cancelled (and the browser stopped) when t ends. The
// whole test is bounded by timeout. It skips t when Chromium is absent.
func New(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		t.Skip("chromium not installed (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelBrowser()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Screenshot captures the whole page at the given width (CSS pixels) into
// dir/name.png and returns the file's path.
func Screenshot(ctx context.Context, dir, name string, width int64) (string, error) {
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 800),
		chromedp.Sleep(100*time.Millisecond), // let the layout settle at the new width
	)
	if err != nil {
		return "", err
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name+".png")
	return path, os.WriteFile(path, png, 0o644)
}
