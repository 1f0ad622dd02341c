package config

import (
	"time"

	crawler "github.com/vnjp-monitor/crawler"
)

// Config is the whole configuration.
type Config struct {
	Database  string           `yaml:"database"`
	Timezone  string           `yaml:"timezone"`
	UserAgent string           `yaml:"user_agent"`
	HTTP      HTTP             `yaml:"http"`
	Crawl     Crawl            `yaml:"crawl"`
	Store     Store            `yaml:"store"`
	Sources   []crawler.Source `yaml:"sources"`
	Pillars   []crawler.Pillar `yaml:"pillars"`
	Digest    Digest           `yaml:"digest"`
	// Classifier holds the classifier's bounds, model file and vocabulary;
	// what a file leaves out takes the shipped values (see
	// [crawler.ClassifierConfig]).
	Classifier crawler.ClassifierConfig `yaml:"classifier"`

	// Location is Timezone loaded by Validate.
	Location *time.Location `yaml:"-"`
	// Path is the file the configuration came from, or "(embedded default)".
	Path string `yaml:"-"`
}

// HTTP configures the daemon's endpoint.
type HTTP struct {
	Listen string `yaml:"listen"`
	// Token, when set, is required by every route but /healthz and
	// /unsubscribe (bearer header, login cookie, or the password of HTTP
	// basic authentication). TokenFile names a file holding it instead;
	// Load reads it into Token. Never printed.
	Token     string `yaml:"token"`
	TokenFile string `yaml:"token_file"`
}

// Crawl holds the crawl-wide settings; sources may override some.
type Crawl struct {
	Schedule          string        `yaml:"schedule"`
	PerHostDelay      time.Duration `yaml:"per_host_delay"`
	Parallelism       int           `yaml:"parallelism"`
	Timeout           time.Duration `yaml:"timeout"`
	MaxBodyBytes      int64         `yaml:"max_body_bytes"`
	RespectRobots     bool          `yaml:"respect_robots"`
	ExpectEvery       time.Duration `yaml:"expect_every"`
	MaxArticlesPerRun int           `yaml:"max_articles_per_run"`
	// MaxSitemapURLs caps the article links a pass takes from one sitemap
	// file, newest first.
	MaxSitemapURLs int `yaml:"max_sitemap_urls"`
	// PendingMaxAge drops queued links not fetched within this long.
	PendingMaxAge time.Duration `yaml:"pending_max_age"`
	// AllowHosts are hosts on internal addresses (loopback, private,
	// link-local) the crawler may contact besides those of the sources.
	AllowHosts []string `yaml:"allow_hosts"`
}

// Store holds the database's upkeep settings.
type Store struct {
	// KeepRejected is how long the text of articles judged not relevant
	// is kept; their URLs are remembered for good so they are not fetched
	// again. Zero keeps everything.
	KeepRejected time.Duration `yaml:"keep_rejected"`
}

// EmbeddedPath names the embedded default in messages.
const EmbeddedPath = "(embedded default config.yaml)"

// defaults returns the values a file's missing keys take.
func defaults() Config {
	return Config{
		Database:  "data/crawler.db",
		Timezone:  "Asia/Ho_Chi_Minh",
		UserAgent: "vnjp-monitor/" + crawler.Version,
		HTTP:      HTTP{Listen: "127.0.0.1:8080"},
		Crawl: Crawl{
			Schedule:          "*/30 * * * *",
			PerHostDelay:      2 * time.Second,
			Parallelism:       4,
			Timeout:           30 * time.Second,
			MaxBodyBytes:      10 << 20,
			RespectRobots:     true,
			ExpectEvery:       72 * time.Hour,
			MaxArticlesPerRun: 1000,
			MaxSitemapURLs:    5000,
			PendingMaxAge:     30 * 24 * time.Hour,
		},
		Store:  Store{KeepRejected: 90 * 24 * time.Hour},
		Digest: defaultDigest(),
	}
}

// SourceSchedule returns the cron spec that applies to src.
func (c *Config) SourceSchedule(src crawler.Source) string {
	if src.Schedule != "" {
		return src.Schedule
	}
	return c.Crawl.Schedule
}

// SourceExpectEvery returns how long src may go without a new article
// before it is flagged silent.
func (c *Config) SourceExpectEvery(src crawler.Source) time.Duration {
	if src.ExpectEvery > 0 {
		return src.ExpectEvery
	}
	return c.Crawl.ExpectEvery
}
