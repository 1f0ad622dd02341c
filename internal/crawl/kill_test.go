package crawl_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/crawl"
)

// Environment of the child process TestKillMidBatch starts.
const (
	killDBEnv     = "CRAWL_KILL_TEST_DB"
	killSourceEnv = "CRAWL_KILL_TEST_SITEMAP"
)

// TestKillMidBatch kills a crawling process with SIGKILL part-way through
// and reopens its database: what was committed is whole, every page is
// stored or still queued, and every page reported stored is there.
func TestKillMidBatch(t *testing.T) {
	if os.Getenv(killDBEnv) != "" {
		t.Skip("in the child process")
	}
	e := newBulkEnv(t, 300)
	e.close(t) // the child holds the file while it runs
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v")
	cmd.Env = append(os.Environ(), killDBEnv+"="+e.path, killSourceEnv+"="+e.site.Source().URL)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var reported []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "stored "); ok {
			reported = append(reported, u)
			if len(reported) == 50 {
				break
			}
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait() // killed: the error says so
	if len(reported) < 50 {
		t.Fatalf("child reported %d stored pages before ending; want to kill it mid-pass", len(reported))
	}
	e.open(t)
	defer e.close(t)
	stored := e.accounted(t)
	for _, u := range reported {
		if _, ok, _ := e.store.Lookup(u); !ok {
			t.Errorf("%s was reported stored but is not in the database", u)
		}
	}
	if stored == 300 {
		t.Fatal("the child stored every page before it was killed; the test proves nothing")
	}
	t.Logf("killed after %d reported, %d stored, %d still queued", len(reported), stored, 300-stored)
}

// TestKillChild is the process TestKillMidBatch kills: it crawls the site
// and prints each stored URL once its batch is committed.
func TestKillChild(t *testing.T) {
	path := os.Getenv(killDBEnv)
	if path == "" {
		t.Skip("run by TestKillMidBatch")
	}
	e := &bulkEnv{path: path}
	e.open(t)
	e.crawler.BatchSize, e.crawler.BatchWait = 16, 50*time.Millisecond
	e.crawler.Outcomes = func(o crawl.Outcome) {
		if o.Status == crawl.StatusStored {
			fmt.Printf("stored %s\n", o.URL)
		}
	}
	src := crawler.Source{Name: "Bulk Meridian", Kind: crawler.KindSitemap, URL: os.Getenv(killSourceEnv)}
	e.crawler.Source(context.Background(), src)
	time.Sleep(time.Minute) // the parent kills the process before this ends
}
