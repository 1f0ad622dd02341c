package config

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/vnjp-monitor/crawler/internal/schedule"
)

// Allowed ranges. A value outside is a slip (a unit left out, a digit too
// many), never tuning: a timeout of a hundred years keeps a stuck request
// forever, a parallelism of a hundred million exhausts memory.
const (
	minEvery          = time.Second
	maxEvery          = 366 * 24 * time.Hour
	maxPerHostDelay   = 10 * time.Minute
	minTimeout        = time.Second
	maxTimeout        = 10 * time.Minute
	maxParallelism    = 256
	minBodyBytes      = 1 << 10
	maxBodyBytes      = 1 << 30
	minExpectEvery    = time.Minute
	maxExpectEvery    = 366 * 24 * time.Hour
	maxArticlesPerRun = 100_000
	maxListingPages   = 1000
	maxSitemapURLs    = 1_000_000
	maxPendingAge     = 366 * 24 * time.Hour
	maxKeepRejected   = 10 * 366 * 24 * time.Hour
)

// ValidateSchedule reports whether spec is a schedule the daemon runs: a
// five-field cron spec or a descriptor such as @hourly or @every 10m that
// fires at all, and an @every interval from 1s to 366 days.
func ValidateSchedule(spec string) error {
	if err := schedule.ValidateSpec(spec); err != nil {
		return err
	}
	if every, ok := strings.CutPrefix(strings.TrimSpace(spec), "@every "); ok {
		d, err := time.ParseDuration(strings.TrimSpace(every))
		if err != nil {
			return fmt.Errorf("invalid schedule %q: %w", spec, err)
		}
		if d < minEvery || d > maxEvery {
			return fmt.Errorf("invalid schedule %q: @every %v is out of range: allowed from %v to %v", spec, d, minEvery, maxEvery)
		}
	}
	return nil
}

// durationIn fails key unless lo <= d <= hi.
func (v *validator) durationIn(key string, d, lo, hi time.Duration) {
	if d < lo || d > hi {
		v.fail(key, "%v is out of range: allowed from %v to %v", d, lo, hi)
	}
}

// intIn fails key unless lo <= n <= hi.
func (v *validator) intIn(key string, n, lo, hi int64) {
	if n < lo || n > hi {
		v.fail(key, "%d is out of range: allowed from %d to %d", n, lo, hi)
	}
}

// validateListen checks an http.listen address the way net.Listen will.
func validateListen(v *validator, listen string) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		v.fail("http.listen", "%q is not a host:port address (such as 127.0.0.1:8080): %v", listen, err)
		return
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		v.fail("http.listen", "port %q is not a number from 0 to 65535", port)
	}
	if strings.ContainsAny(host, "/ ") {
		v.fail("http.listen", "host %q is not an address or a name", host)
	}
}

// validateAllowHosts checks crawl.allow_hosts: bare host names or IP
// addresses, no scheme, port or path.
func validateAllowHosts(v *validator, hosts []string) {
	for i, h := range hosts {
		key := fmt.Sprintf("crawl.allow_hosts[%d]", i)
		switch {
		case strings.TrimSpace(h) == "":
			v.fail(key, "empty host")
		case strings.Contains(h, "://") || strings.ContainsAny(h, "/?#@ "):
			v.fail(key, "%q: give a bare host name or IP address (such as intranet.example or 10.0.0.5), not a URL", h)
		case strings.Count(h, ":") == 1:
			v.fail(key, "%q: leave the port out; every port of an allowed host is allowed", h)
		}
	}
}
