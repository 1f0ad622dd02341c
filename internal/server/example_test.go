package server_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/server"
)

// The daemon starts the endpoint before its first crawl, so a port clash
// stops it at once, and closes it first on shutdown.
func Example() {
	running := func() bool { return true } // (*schedule.Scheduler).Running in the daemon
	healthy := func() error {
		if !running() {
			return errors.New("scheduler not running")
		}
		return nil
	}
	metrics := server.NewMetrics()
	srv := server.New("127.0.0.1:8080", newReader(), metrics, healthy, slog.Default())
	if err := srv.Start(); err != nil {
		fmt.Println(err) // e.g. listen on 127.0.0.1:8080: address already in use
		return
	}

	// Each crawl reports to metrics.
	metrics.ObserveCrawl("vnexpress-en", 2*time.Second, nil)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Close(ctx); err != nil {
		fmt.Println(err)
	}
}

// The CLI, finding the database file locked by the daemon, reads through
// the daemon instead.
func ExampleClient() {
	c := &server.Client{BaseURL: "http://127.0.0.1:8080"}
	q := server.ListQuery{Since: time.Now().AddDate(0, 0, -7), Limit: 20}
	_, err := c.Articles(q, func(a *crawler.Article) error {
		fmt.Println(a.Date().Format(time.DateOnly), a.Primary, a.Title)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
}
