package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/testsite"
)

func TestAddrKind(t *testing.T) {
	tests := map[string]string{
		"127.0.0.2":          "loopback",
		"::1":                "loopback",
		"169.254.169.254":    "link-local",
		"fe80::1":            "link-local",
		"10.1.2.3":           "private",
		"172.16.0.9":         "private",
		"192.168.1.1":        "private",
		"fd00:ec2::254":      "private",
		"0.0.0.0":            "unspecified",
		"::":                 "unspecified",
		"0.1.2.3":            "reserved",
		"100.64.0.1":         "reserved",
		"100.127.255.254":    "reserved",
		"198.18.0.1":         "reserved",
		"255.255.255.255":    "reserved",
		"224.0.0.251":        "link-local",
		"239.1.2.3":          "multicast",
		"ff02::1":            "link-local",
		"ff05::2":            "multicast",
		"::ffff:127.0.0.1":   "loopback",
		"::ffff:10.0.0.1":    "private",
		"::ffff:169.254.1.1": "link-local",
		"64:ff9b::a9fe:a9fe": "link-local",
		"2002:c0a8:101::1":   "private",
		"8.8.8.8":            "",
		"100.128.0.1":        "",
		"2606:4700::1111":    "",
		"::ffff:1.1.1.1":     "",
	}
	for addr, want := range tests {
		if got := addrKind(netip.MustParseAddr(addr)); got != want {
			t.Errorf("addrKind(%s)=%q, want %q", addr, got, want)
		}
	}
}

// internalServer starts a testsite.Internal on addr, skipping the test
// when addr cannot be bound.
func internalServer(t *testing.T, addr string) *testsite.Internal {
	t.Helper()
	srv, err := testsite.StartInternal(addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// Article links and redirects that lead to internal addresses are refused
// for every host but the allowed ones, and the internal server never sees
// a request.
func TestFetchRefusesInternalAddresses(t *testing.T) {
	src := newSite(t) // on 127.0.0.1: the configured source's host
	v4 := internalServer(t, "127.0.0.2:0")
	v6 := internalServer(t, "[::1]:0")
	_, port, _ := net.SplitHostPort(src.Listener.Addr().String())
	src.handle("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>fine</body></html>"))
	})
	for path, target := range map[string]string{
		"/to-v4":       v4.URL + "/secret",
		"/to-v6":       v6.URL + "/secret",
		"/to-metadata": "http://169.254.169.254/latest/meta-data/",
		"/to-name":     "http://localhost:" + port + "/ok",
		"/to-ten":      "http://10.255.255.1/admin",
	} {
		src.handle(path, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, target, http.StatusFound) })
	}
	urls := []string{
		v4.URL + "/secret",                              // a feed item naming an internal address
		v6.URL + "/secret",                              // the same over IPv6
		"http://169.254.169.254/latest/meta-data/",      // cloud metadata
		"http://10.255.255.1/admin",                     // a private network
		"http://[::ffff:127.0.0.2]:" + port + "/secret", // IPv4-mapped loopback
		"http://localhost:" + port + "/ok",              // a name that resolves to loopback
		src.URL + "/to-v4", src.URL + "/to-v6", src.URL + "/to-metadata", src.URL + "/to-name", src.URL + "/to-ten",
	}
	for _, robots := range []bool{false, true} {
		c := newTestClient(t, Options{AllowHosts: []string{"127.0.0.1"}, RespectRobots: robots, Timeout: 2 * time.Second}, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		_, got := fetchAll(c, ctx, append(urls, src.URL+"/ok")...)
		cancel()
		for _, u := range urls {
			err := got[u]
			if !errors.Is(err, ErrInternalAddress) {
				t.Errorf("robots=%v %s: err=%v, want ErrInternalAddress", robots, u, err)
				continue
			}
			if Temporary(err) {
				t.Errorf("%s: a refused address is temporary; want permanent", u)
			}
			if !strings.Contains(err.Error(), "refused to connect") {
				t.Errorf("%s: message %q does not say what happened", u, err)
			}
		}
		if err := got[src.URL+"/ok"]; err != nil {
			t.Errorf("the allowed source host failed: %v", err)
		}
	}
	if n := v4.Hits() + v6.Hits(); n != 0 {
		t.Errorf("internal servers were reached %d times", n)
	}
}

// A host listed in AllowHosts is reached by name or address on any port;
// the allowance is for that spelling only.
func TestFetchAllowsListedHosts(t *testing.T) {
	v4 := internalServer(t, "127.0.0.2:0")
	lo := internalServer(t, "127.0.0.1:0")
	_, port, _ := net.SplitHostPort(lo.Listener.Addr().String())
	c := newTestClient(t, Options{AllowHosts: []string{"127.0.0.2", "LocalHost."}}, nil)
	urls := []string{v4.URL + "/a", "http://localhost:" + port + "/b", lo.URL + "/c"}
	_, got := fetchAll(c, context.Background(), urls...)
	if got[urls[0]] != nil || got[urls[1]] != nil {
		t.Fatalf("allowed hosts refused: %v", got)
	}
	if !errors.Is(got[urls[2]], ErrInternalAddress) {
		t.Errorf("127.0.0.1, not listed though localhost is: err=%v, want ErrInternalAddress", got[urls[2]])
	}
	if v4.Hits() != 1 || lo.Hits() != 1 {
		t.Errorf("requests: 127.0.0.2 %d, localhost %d; want 1 each", v4.Hits(), lo.Hits())
	}
}

// The check applies to the address dialled, after name resolution: a
// name that resolves to loopback is refused at connect time, so a name
// whose answer changes between look-ups (DNS rebinding) gains nothing.
func TestDialChecksTheDialledAddress(t *testing.T) {
	lo := internalServer(t, "127.0.0.1:0")
	_, port, _ := net.SplitHostPort(lo.Listener.Addr().String())
	dial := newAddrPolicy(nil).dialer(time.Second)
	for _, addr := range []string{"localhost:" + port, "127.0.0.1:" + port} {
		conn, err := dial(context.Background(), "tcp", addr)
		if conn != nil {
			conn.Close()
		}
		if !errors.Is(err, ErrInternalAddress) {
			t.Errorf("dial %s: err=%v, want ErrInternalAddress", addr, err)
		}
	}
	if lo.Hits() != 0 {
		t.Fatal("the internal server was reached")
	}
}
