package fetch

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A timeout says which request and which limit ran out.
func TestTimeoutSaysWhich(t *testing.T) {
	srv := newSite(t)
	hold := make(chan struct{})
	t.Cleanup(func() { close(hold) })
	slow := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hold:
		case <-r.Context().Done():
		}
	}
	srv.handle("/slow", slow)
	srv.handle("/robots.txt", slow) // asked only when robots.txt is obeyed
	tests := []struct {
		name    string
		robots  bool
		want    string
		wantURL string
	}{
		{"page", false, "request timeout (300ms) exceeded", "/slow"},
		{"robots", true, "robots.txt request timeout (300ms) exceeded", "/robots.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newTestClient(t, Options{Timeout: 300 * time.Millisecond, RespectRobots: tt.robots}, nil)
			_, errs := fetchAll(c, context.Background(), srv.URL+"/slow")
			err := errs[srv.URL+"/slow"]
			if !strings.Contains(fmtErr(err), tt.want) || !strings.Contains(fmtErr(err), tt.wantURL) {
				t.Fatalf("err=%v, want %q naming %s", err, tt.want, tt.wantURL)
			}
			if _, ok := errors.AsType[*TimeoutError](err); !ok || !Temporary(err) {
				t.Errorf("err %T: want a temporary *TimeoutError", err)
			}
			if strings.Contains(err.Error(), "context deadline exceeded") {
				t.Errorf("err %q still reads as a bare deadline", err)
			}
		})
	}
}

func fmtErr(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// A name that does not resolve is a host problem, not a robots.txt one.
func TestUnresolvableHostIsNotARobotsProblem(t *testing.T) {
	for _, robots := range []bool{true, false} {
		c := newTestClient(t, Options{RespectRobots: robots}, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		_, errs := fetchAll(c, ctx, "http://vnjp-test.invalid/news/1.html")
		cancel()
		err := errs["http://vnjp-test.invalid/news/1.html"]
		if _, ok := errors.AsType[*UnreachableError](err); !ok {
			t.Fatalf("robots=%v: err %T %v, want *UnreachableError", robots, err, err)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "cannot reach vnjp-test.invalid") || strings.Contains(msg, "robots") {
			t.Errorf("robots=%v: message %q", robots, msg)
		}
	}
}
