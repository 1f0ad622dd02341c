package crawl

import (
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// Validators adapts the store's conditional-GET state to fetch's interface,
// so neither stage imports the other. A listing URL is stored with its
// secret-looking parameters (token=, key=...) masked: a source URL may
// carry an API key, and the database is no place for it.
type Validators struct{ Store *store.Store }

var (
	_ fetch.ValidatorStore    = Validators{}
	_ fetch.ChildSitemapStore = Validators{}
)

// Validators returns the ETag and Last-Modified kept for url.
func (v Validators) Validators(url string) (fetch.Validators, error) {
	etag, lm, err := v.Store.GetValidators(health.Redact(url))
	return fetch.Validators{ETag: etag, LastModified: lm}, err
}

// SetValidators keeps the ETag and Last-Modified of url's last 200.
func (v Validators) SetValidators(url string, val fetch.Validators) error {
	return v.Store.SetValidators(health.Redact(url), val.ETag, val.LastModified)
}

// ChildSitemaps returns the child sitemaps last listed by the index.
func (v Validators) ChildSitemaps(index string) ([]string, error) {
	return v.Store.ChildSitemaps(health.Redact(index))
}

// SetChildSitemaps keeps the child sitemaps the index lists.
func (v Validators) SetChildSitemaps(index string, children []string) error {
	return v.Store.SetChildSitemaps(health.Redact(index), children)
}
