package config

import (
	"fmt"
	"net/url"
	"regexp"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/robfig/cron/v3"

	crawler "github.com/vnjp-monitor/crawler"
)

var pillarIDRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// cronParser accepts what the daemon's scheduler accepts: five fields or a
// descriptor such as @hourly or @every 10m.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ValidateSchedule reports whether spec is a cron spec the daemon can run.
func ValidateSchedule(spec string) error {
	_, err := cronParser.Parse(spec)
	return err
}

type validator struct {
	idx  keyIndex
	errs []*FieldError
}

func (v *validator) fail(key, format string, args ...any) {
	v.errs = append(v.errs, &FieldError{Key: key, Line: v.idx.line(key), Msg: fmt.Sprintf(format, args...)})
}

func (c *Config) validate(idx keyIndex) []*FieldError {
	v := &validator{idx: idx}
	if c.Database == "" {
		v.fail("database", "must name the bbolt database file")
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		v.fail("timezone", "unknown time zone %q (use an IANA name such as Asia/Ho_Chi_Minh)", c.Timezone)
	}
	c.Location = loc
	if c.UserAgent == "" {
		v.fail("user_agent", "must not be empty: sites need to know who is crawling")
	}
	c.Crawl.validate(v)
	if c.Store.KeepRejected < 0 {
		v.fail("store.keep_rejected", "must not be negative (0 keeps rejected articles for good)")
	}
	c.validateSources(v)
	c.validatePillars(v)
	c.validateDigest(v)
	c.validateClassifier(v)
	return v.errs
}

func (cr *Crawl) validate(v *validator) {
	if err := ValidateSchedule(cr.Schedule); err != nil {
		v.fail("crawl.schedule", "invalid cron spec %q: %v", cr.Schedule, err)
	}
	if cr.PerHostDelay < 0 {
		v.fail("crawl.per_host_delay", "must not be negative")
	}
	if cr.Parallelism < 1 {
		v.fail("crawl.parallelism", "must be at least 1, got %d", cr.Parallelism)
	}
	if cr.Timeout <= 0 {
		v.fail("crawl.timeout", "must be positive, got %v", cr.Timeout)
	}
	if cr.MaxBodyBytes < 1024 {
		v.fail("crawl.max_body_bytes", "must be at least 1024, got %d", cr.MaxBodyBytes)
	}
	if cr.ExpectEvery < 0 {
		v.fail("crawl.expect_every", "must not be negative")
	}
	if cr.MaxArticlesPerRun < 1 {
		v.fail("crawl.max_articles_per_run", "must be at least 1, got %d", cr.MaxArticlesPerRun)
	}
	if cr.MaxSitemapURLs < 1 {
		v.fail("crawl.max_sitemap_urls", "must be at least 1, got %d", cr.MaxSitemapURLs)
	}
	if cr.PendingMaxAge < 0 {
		v.fail("crawl.pending_max_age", "must not be negative (0 keeps queued links until fetched)")
	}
}

func (c *Config) validateSources(v *validator) {
	seen := map[string]bool{}
	for i := range c.Sources {
		s := &c.Sources[i]
		key := fmt.Sprintf("sources[%d]", i)
		if s.Name == "" {
			v.fail(key+".name", "every source needs a name")
		} else if seen[s.Name] {
			v.fail(key+".name", "duplicate source name %q", s.Name)
		}
		seen[s.Name] = true
		switch s.Kind {
		case crawler.KindRSS, crawler.KindSitemap, crawler.KindHTML:
		default:
			v.fail(key+".kind", "unknown kind %q (use rss, sitemap or html)", s.Kind)
		}
		if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.fail(key+".url", "must be an absolute http or https URL, got %q", s.URL)
		}
		validateSourceHTML(v, key, s)
		if s.Schedule != "" {
			if err := ValidateSchedule(s.Schedule); err != nil {
				v.fail(key+".schedule", "invalid cron spec %q: %v", s.Schedule, err)
			}
		}
		if s.ExpectEvery < 0 {
			v.fail(key+".expect_every", "must not be negative")
		}
	}
}

func validateSourceHTML(v *validator, key string, s *crawler.Source) {
	if s.ArticlePattern != "" {
		re, err := regexp.Compile(s.ArticlePattern)
		if err != nil {
			v.fail(key+".article_pattern", "invalid regexp: %v", err)
		}
		s.ArticleRegexp = re
	}
	for name, sel := range map[string]string{"link_selector": s.LinkSelector, "next_selector": s.NextSelector} {
		if sel == "" {
			continue
		}
		if _, err := cascadia.ParseGroup(sel); err != nil {
			v.fail(key+"."+name, "invalid CSS selector %q: %v", sel, err)
		}
	}
	if s.MaxPages < 0 {
		v.fail(key+".max_pages", "must not be negative")
	}
	if s.MaxPages == 0 {
		s.MaxPages = 1
	}
	if s.Kind == crawler.KindHTML && s.LinkSelector == "" {
		s.LinkSelector = "a[href]"
	}
}

func (c *Config) validatePillars(v *validator) {
	seen := map[string]bool{}
	for i, p := range c.Pillars {
		key := fmt.Sprintf("pillars[%d]", i)
		if !pillarIDRe.MatchString(p.ID) {
			v.fail(key+".id", "pillar id %q must be lowercase words joined by hyphens", p.ID)
		} else if seen[p.ID] {
			v.fail(key+".id", "duplicate pillar id %q", p.ID)
		}
		seen[p.ID] = true
		n := 0
		for _, set := range []map[string][]string{p.Terms, p.Strong, p.Weak} {
			for _, terms := range set {
				n += len(terms)
			}
		}
		if n == 0 {
			v.fail(key+".terms", "pillar %q has no terms", p.ID)
		}
	}
}

// Validate checks a configuration built or changed in code (the demo points
// the default at its own site) and compiles its patterns, as Parse does.
func (c *Config) Validate() error {
	if errs := c.validate(keyIndex{}); len(errs) > 0 {
		return &Errors{File: c.Path, List: errs}
	}
	return nil
}
