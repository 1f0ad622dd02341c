package crawl_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// A failing source whose URL carries credentials must not leak them into
// the log, the report or the stored source state.
func TestCrawlLogsNoSecrets(t *testing.T) {
	e := newEnv(t)
	var logs bytes.Buffer
	e.crawler.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	src := crawler.Source{Name: "Secret feed", Kind: crawler.KindRSS, URL: "http://reader:hunter2@127.0.0.1:1/rss.xml?token=s3cr3t-value"}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rep := e.crawler.Source(ctx, src)
	if rep.Err == nil {
		t.Fatal("a source on a closed port did not fail")
	}
	st, err := e.store.SourceState(src.Name)
	if err != nil {
		t.Fatal(err)
	}
	logged, err := e.store.SourceErrors(src.Name, 0)
	if err != nil || len(logged) == 0 {
		t.Fatalf("error log: %v, %v; want the failure logged", logged, err)
	}
	for where, text := range map[string]string{"log": logs.String(), "state": st.LastError, "report": fmt.Sprint(rep.Failures), "error log": fmt.Sprint(logged)} {
		for _, secret := range []string{"hunter2", "s3cr3t-value"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains %q: %s", where, secret, text)
			}
		}
	}
	if !strings.Contains(logs.String(), "crawl failed") {
		t.Errorf("the failure was not logged: %s", logs.String())
	}
}
