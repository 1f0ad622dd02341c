package digest_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/digest"
)

// screenshot renders the HTML file page in headless Chromium at width
// pixels and returns the PNG's path.
func screenshot(t *testing.T, chromium, page, dir string, width int) string {
	t.Helper()
	out := filepath.Join(dir, filepath.Base(page)+"-"+itoa(width)+".png")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--window-size="+itoa(width)+",4200", "--screenshot="+out, "file://"+page)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium at %dpx: %v\n%s", width, err, b)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// near reports whether c is within a few levels of the RGB colour want.
func near(c color.Color, want uint32) bool {
	r, g, b, _ := c.RGBA()
	d := func(x uint32, w uint32) bool {
		x >>= 8
		return x+6 >= w && x <= w+6
	}
	return d(r, want>>16&0xff) && d(g, want>>8&0xff) && d(b, want&0xff)
}

const (
	headerBlue = 0x16324f
	pageGrey   = 0xeef1f5
)

// TestBrowserRendering renders the HTML part in headless Chromium at a
// phone's and a desktop's width. It checks that the one-column layout fits
// the phone and stays 640 pixels wide on the desktop, and leaves the PNGs
// for a person to look at (their paths are logged; set DIGEST_SHOTS to a
// directory to keep them).
func TestBrowserRendering(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	st := openStore(t)
	putAll(t, st, fixtureArticles(t))
	sourceStates(t, st)
	s := newService(t, testConfig(t, "1", analyst), st, newClock(start), nil)
	// DIGEST_SHOTS keeps the pictures in a directory of one's choice.
	dir := os.Getenv("DIGEST_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"analyst@example.org"} {
		d, err := s.Build(mustRecipient(t, s, email))
		if err != nil {
			t.Fatal(err)
		}
		var html bytes.Buffer
		if err := digest.RenderHTML(&html, d); err != nil {
			t.Fatal(err)
		}
		page := filepath.Join(dir, email+".html")
		if err := os.WriteFile(page, html.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		phone := readPNG(t, screenshot(t, chromium, page, dir, 390))
		desktop := readPNG(t, screenshot(t, chromium, page, dir, 1200))
		t.Logf("%s: %s-390.png and -1200.png in %s", email, page, dir)

		// On the phone the header band spans the card, edge to edge
		// but for the page's 8px margin: nothing overflows sideways.
		if w := phone.Bounds().Dx(); w != 390 {
			t.Errorf("phone screenshot is %dpx wide", w)
		}
		for _, x := range []int{12, 195, 376} {
			if c := phone.At(x, 30); !near(c, headerBlue) {
				t.Errorf("phone: pixel (%d,30) is %v, want the header's blue", x, c)
			}
		}
		// On the desktop the card keeps its 640px: page grey beside it.
		for x, want := range map[int]uint32{200: pageGrey, 300: headerBlue, 600: headerBlue, 900: headerBlue, 1000: pageGrey} {
			if c := desktop.At(x, 30); !near(c, want) {
				t.Errorf("desktop: pixel (%d,30) is %v, want %06x", x, c, want)
			}
		}
	}
}
