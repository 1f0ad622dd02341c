package crawl_test

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// Feed items and redirects that lead to internal addresses are refused,
// recorded as permanent failures and logged; the configured loopback
// source itself works.
func TestInternalAddressesAreRefused(t *testing.T) {
	site := startFeed(t)
	secret, err := testsite.StartInternal("127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	defer secret.Close()
	u, _ := url.Parse(site.URL())
	port := u.Port()
	refused := []string{
		secret.URL + "/admin",
		"http://169.254.169.254/latest/meta-data/iam",
		"http://[::1]:" + port + "/story/1",
		"http://localhost:" + port + "/story/2",
		"http://10.20.30.40/intranet",
		site.URL() + "/redirect?to=" + url.QueryEscape(secret.URL+"/admin"),
		site.URL() + "/redirect?to=" + url.QueryEscape("http://169.254.169.254/"),
	}
	site.SetLinks(append([]string{site.URL() + "/story/3"}, refused...)...)
	e := newFeedEnv(t, site, site.URL()+"/feed.xml", "")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep := e.crawler.Source(ctx, e.cfg.Sources[0])
	if rep.Err != nil || rep.Stored != 1 {
		t.Fatalf("report %+v; want the one public-path story stored", rep)
	}
	for _, u := range refused {
		f, ok, err := e.store.FailureOf(u)
		if err != nil || !ok || !f.Permanent || !strings.Contains(f.Reason, "refused to connect") {
			t.Errorf("%s: failure %+v (recorded %v, %v); want a permanent refusal", u, f, ok, err)
		}
	}
	logged, err := e.store.SourceErrors("Delta Courier", 0)
	if err != nil || len(logged) != len(refused) {
		t.Errorf("error log has %d entries (%v), want %d", len(logged), err, len(refused))
	}
	if n := secret.Hits(); n != 0 {
		t.Errorf("the internal service was reached %d times", n)
	}
}

// Credentials: the source's are used to read its feed and never stored;
// an item's are never used nor stored. The whole database file is
// searched for them.
func TestCredentialsNeverStored(t *testing.T) {
	site := startFeed(t)
	site.SetAuth("reader", "hunter2")
	u, _ := url.Parse(site.URL())
	site.SetLinks(site.URL()+"/story/1", "http://intruder:letmein@"+u.Host+"/story/2")
	e := newFeedEnv(t, site, "http://reader:hunter2@"+u.Host+"/feed.xml?token=s3cr3t-token", "")
	rep := e.crawler.Source(context.Background(), e.cfg.Sources[0])
	if rep.Err != nil || rep.Stored != 2 {
		t.Fatalf("report %+v; want both stories stored with the source's credentials", rep)
	}
	// Now a wrong password: the failure is recorded, without it.
	bad := e.cfg.Sources[0]
	bad.URL = "http://reader:wrong-pw@" + u.Host + "/feed.xml"
	if rep := e.crawler.Source(context.Background(), bad); rep.Err == nil {
		t.Fatal("a wrong password did not fail")
	}
	path := e.store.Path()
	e.close(t)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"hunter2", "letmein", "intruder", "s3cr3t-token", "wrong-pw"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the database file contains %q", secret)
		}
	}
	if !bytes.Contains(raw, []byte("401")) {
		t.Error("the database has no trace of the 401 failure")
	}
}
