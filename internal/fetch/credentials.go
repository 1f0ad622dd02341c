package fetch

import (
	"errors"
	"net/url"
)

// sourceAuth is the user information of a source URL
// (https://user:password@host/feed). It is sent with that source's own
// listing requests to that host (the feed, child sitemaps, further listing
// pages) and nowhere else: not with article pages, not to other hosts.
// Everything else in this package sees the URL without it, so it cannot
// reach a log line, an error, a validator key or an item.
type sourceAuth struct {
	user *url.Userinfo
	host string // hostKey of the source URL
}

// splitAuth returns raw without its user information, and that
// information; auth is nil when raw has none or does not parse.
func splitAuth(raw string) (bare string, auth *sourceAuth) {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw, nil
	}
	auth = &sourceAuth{user: u.User, host: hostKey(u)}
	u.User = nil
	return u.String(), auth
}

// apply adds the credentials to a listing request URL of the source's host.
func (a *sourceAuth) apply(u *url.URL) {
	if a != nil && u.User == nil && hostKey(u) == a.host {
		u.User = a.user
	}
}

// withoutUser strips user information from an error's URL (net/http masks
// only the password) and from a URL string.
func withoutUser(err error, rawURL string) error {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		ue.URL = rawURL
	}
	return err
}

func stripUser(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return u.String()
}
