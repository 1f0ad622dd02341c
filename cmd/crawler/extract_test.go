package main

import (
	"os"
	"strings"
	"testing"
)

// TestExtractHugeInput: an endless device or an oversized file ends with
// a clear error instead of exhausting memory.
func TestExtractHugeInput(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	code, _, errOut := runCLI(t, "", "extract", "/dev/zero")
	if code != exitError || !strings.Contains(errOut, "larger than") {
		t.Errorf("extract /dev/zero: exit %d, %q", code, errOut)
	}
	big := strings.Repeat("<p>x</p>", 2<<20) // 16 MiB on standard input
	code, _, errOut = runCLI(t, big, "extract", "-")
	if code != exitError || !strings.Contains(errOut, "larger than") {
		t.Errorf("extract - (16 MiB): exit %d, %q", code, errOut)
	}
}
