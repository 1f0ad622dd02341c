package schedule_test

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/vnjp-monitor/crawler/internal/schedule"
)

// The daemon registers one job per source, crawls each once at start-up,
// and on SIGTERM stops with a grace period below systemd's TimeoutStopSec.
func Example() {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		loc = time.UTC
	}
	s := schedule.New(loc, slog.Default())
	for _, name := range []string{"vnexpress-en", "nhk-world"} {
		crawl := func(ctx context.Context) {
			_ = ctx // fetch, extract, classify and store name, giving up when ctx is done
		}
		if err := s.Add(name, "@every 10m", crawl); err != nil {
			fmt.Println(err)
			return
		}
	}
	s.Start()
	for _, name := range s.Names() {
		s.RunNow(name)
	}

	// ... until the signal arrives ...

	if err := s.Stop(20 * time.Second); err != nil {
		fmt.Println("forced:", err)
	}
}
