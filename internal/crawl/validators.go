package crawl

import (
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// Validators adapts the store's conditional-GET state to fetch's interface,
// so neither stage imports the other.
type Validators struct{ Store *store.Store }

var _ fetch.ValidatorStore = Validators{}

// Validators returns the ETag and Last-Modified kept for url.
func (v Validators) Validators(url string) (fetch.Validators, error) {
	etag, lm, err := v.Store.GetValidators(url)
	return fetch.Validators{ETag: etag, LastModified: lm}, err
}

// SetValidators keeps the ETag and Last-Modified of url's last 200.
func (v Validators) SetValidators(url string, val fetch.Validators) error {
	return v.Store.SetValidators(url, val.ETag, val.LastModified)
}
