package digest_test

import (
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/digest"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// start is the fixed time of the tests: 07:00 on a Saturday in Ha Noi.
var start = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// clock is a settable time source.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock(t time.Time) *clock { return &clock{now: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixtureArticles reads testdata/articles.json, articles written for these
// tests.
func fixtureArticles(tb testing.TB) []*crawler.Article {
	tb.Helper()
	data, err := os.ReadFile("testdata/articles.json")
	if err != nil {
		tb.Fatal(err)
	}
	var arts []*crawler.Article
	if err := json.Unmarshal(data, &arts); err != nil {
		tb.Fatal(err)
	}
	return arts
}

// openStore opens a fresh database in a temporary directory and checks
// and closes it when the test ends.
func openStore(tb testing.TB) *store.Store {
	tb.Helper()
	st, err := store.Open(filepath.Join(tb.TempDir(), "digest.db"), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := st.Check(); err != nil {
			tb.Errorf("database check: %v", err)
		}
		st.Close()
	})
	return st
}

// putAll stores arts and returns their IDs by URL.
func putAll(tb testing.TB, st *store.Store, arts []*crawler.Article) map[string]string {
	tb.Helper()
	ids := map[string]string{}
	for _, a := range arts {
		id, _, err := st.Put(a)
		if err != nil {
			tb.Fatal(err)
		}
		ids[a.URL] = id
	}
	return ids
}

// sourceStates records one failing and one silent source.
func sourceStates(tb testing.TB, st *store.Store) {
	tb.Helper()
	for _, s := range []crawler.SourceState{
		{Name: "Lotus Daily Politics", FirstAttempt: start.Add(-30 * 24 * time.Hour), LastAttempt: start.Add(-time.Hour),
			LastSuccess: start.Add(-time.Hour), LastNew: start.Add(-2 * time.Hour)},
		{Name: "Harbour Wire", FirstAttempt: start.Add(-30 * 24 * time.Hour), LastAttempt: start.Add(-20 * time.Minute),
			LastSuccess: start.Add(-26 * time.Hour), ConsecutiveFailures: 4,
			LastError: "GET https://wire.example.com/feed.rss: 503 Service Unavailable"},
		{Name: "Tin Sen", FirstAttempt: start.Add(-30 * 24 * time.Hour), LastAttempt: start.Add(-time.Hour),
			LastSuccess: start.Add(-time.Hour), LastNew: start.Add(-5 * 24 * time.Hour)},
	} {
		if err := st.PutSourceState(s); err != nil {
			tb.Fatal(err)
		}
	}
}

// baseYAML is a configuration with the fixtures' sources and a digest
// section; recipients are appended by tests.
const baseYAML = `database: unused.db
timezone: Asia/Ho_Chi_Minh
sources:
  - {name: Lotus Daily Politics, kind: rss, url: "https://news.example.vn/rss/politics.xml"}
  - {name: Lotus Daily Business, kind: rss, url: "https://news.example.vn/rss/business.xml"}
  - {name: Tin Sen, kind: rss, url: "https://tin.example.vn/rss.xml", expect_every: 72h}
  - {name: みなと新聞, kind: rss, url: "https://shimbun.example.jp/atom.xml"}
  - {name: Harbour Wire, kind: rss, url: "https://wire.example.com/feed.rss"}
digest:
  from: "VN–JP Monitor <monitor@example.org>"
  base_url: "https://monitor.example.org/"
  max_per_pillar: MAX
  backfill: 48h
  key_file: testdata/test.key
  smtp:
SMTP
  recipients:
RECIPIENTS`

// noSMTP is an SMTP section for tests that send nothing.
const noSMTP = "    host: 127.0.0.1\n    tls: none"

// testConfig parses baseYAML with max items per pillar and the recipients
// given as YAML list items.
func testConfig(tb testing.TB, max string, recipients ...string) *config.Config {
	tb.Helper()
	return smtpConfig(tb, max, noSMTP, recipients...)
}

// smtpConfig is testConfig with the lines of the smtp: section.
func smtpConfig(tb testing.TB, max, smtpSection string, recipients ...string) *config.Config {
	tb.Helper()
	y := strings.Replace(baseYAML, "MAX", max, 1)
	y = strings.Replace(y, "SMTP", smtpSection, 1)
	y = strings.Replace(y, "RECIPIENTS", strings.Join(recipients, "\n"), 1)
	cfg, err := config.Parse(strings.NewReader(y), "test.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

// Recipients used across the tests.
const (
	analyst = `    - {email: analyst@example.org, name: "Nguyễn Thị Lan"}`
	labour  = `    - {email: labour-desk@example.org, name: 労働デスク, pillars: [labour, human-resources-education], timezone: Asia/Tokyo}`
	viOnly  = `    - {email: vi@example.org, languages: [vi]}`
)

var quiet = slog.New(slog.DiscardHandler)

// newService returns a Service over st with the fixed clock c.
func newService(tb testing.TB, cfg *config.Config, st *store.Store, c *clock, sender digest.Sender) *digest.Service {
	tb.Helper()
	s, err := digest.New(cfg, st, digest.Options{Logger: quiet, Now: c.Now, Sender: sender})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
