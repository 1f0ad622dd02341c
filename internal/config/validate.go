package config

import (
	"fmt"
	"net/url"
	"regexp"
	"time"

	"github.com/andybalholm/cascadia"

	crawler "github.com/vnjp-monitor/crawler"
)

var pillarIDRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

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
	validateListen(v, c.HTTP.Listen)
	c.validateHTTP(v)
	c.Crawl.validate(v)
	if c.Store.KeepRejected != 0 {
		v.durationIn("store.keep_rejected", c.Store.KeepRejected, 24*time.Hour, maxKeepRejected)
	}
	c.validateSources(v)
	c.validatePillars(v)
	c.validateDigest(v)
	c.validateClassifier(v)
	return v.errs
}

func (cr *Crawl) validate(v *validator) {
	if err := ValidateSchedule(cr.Schedule); err != nil {
		v.fail("crawl.schedule", "%v", err)
	}
	v.durationIn("crawl.per_host_delay", cr.PerHostDelay, 0, maxPerHostDelay)
	v.intIn("crawl.parallelism", int64(cr.Parallelism), 1, maxParallelism)
	v.durationIn("crawl.timeout", cr.Timeout, minTimeout, maxTimeout)
	v.intIn("crawl.max_body_bytes", cr.MaxBodyBytes, minBodyBytes, maxBodyBytes)
	if cr.ExpectEvery != 0 {
		v.durationIn("crawl.expect_every", cr.ExpectEvery, minExpectEvery, maxExpectEvery)
	}
	v.intIn("crawl.max_articles_per_run", int64(cr.MaxArticlesPerRun), 1, maxArticlesPerRun)
	v.intIn("crawl.max_sitemap_urls", int64(cr.MaxSitemapURLs), 1, maxSitemapURLs)
	if cr.PendingMaxAge != 0 {
		v.durationIn("crawl.pending_max_age", cr.PendingMaxAge, time.Hour, maxPendingAge)
	}
	validateAllowHosts(v, cr.AllowHosts)
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
		case crawler.KindRSS, crawler.KindSitemap, crawler.KindHTML, crawler.KindSearch:
		default:
			v.fail(key+".kind", "unknown kind %q (use rss, sitemap, html or search)", s.Kind)
		}
		validateSearch(v, key, s) // search sources have an endpoint, not a url
		if u, err := url.Parse(s.URL); s.Kind != crawler.KindSearch && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
			v.fail(key+".url", "must be an absolute http or https URL, got %q", s.URL)
		}
		validateSourceHTML(v, key, s)
		if s.Schedule != "" {
			if err := ValidateSchedule(s.Schedule); err != nil {
				v.fail(key+".schedule", "%v", err)
			}
		}
		if s.ExpectEvery != 0 {
			v.durationIn(key+".expect_every", s.ExpectEvery, minExpectEvery, maxExpectEvery)
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
	v.intIn(key+".max_pages", int64(s.MaxPages), 0, maxListingPages)
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
