package schedule_test

import (
	"bytes"
	"log/slog"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vnjp-monitor/crawler/internal/schedule"
)

// TestMain fails the package when any test leaves a goroutine behind.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// logBuffer is a bytes.Buffer safe for the concurrent writes of jobs.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newScheduler returns a scheduler without jitter, so second-level tests are
// deterministic, logging to the returned buffer, and stopped at cleanup.
func newScheduler(t testing.TB) (*schedule.Scheduler, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	s := schedule.New(time.UTC, slog.New(slog.NewTextHandler(logs, nil)))
	s.MaxJitter = 0
	t.Cleanup(func() {
		if err := s.Stop(5 * time.Second); err != nil {
			t.Errorf("Stop at cleanup: %v", err)
		}
	})
	return s, logs
}

// waitFor polls cond until it holds or timeout passes.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
