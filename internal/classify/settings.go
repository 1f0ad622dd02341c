package classify

import (
	"bytes"
	"fmt"
	"maps"
	"sync"

	"gopkg.in/yaml.v3"

	crawler "github.com/vnjp-monitor/crawler"
)

// shippedSection is the classifier section of the default config.yaml
// embedded in the binary.
var shippedSection = sync.OnceValues(func() (crawler.ClassifierConfig, error) {
	var cfg struct {
		Classifier crawler.ClassifierConfig `yaml:"classifier"`
	}
	if err := yaml.NewDecoder(bytes.NewReader(crawler.DefaultConfig)).Decode(&cfg); err != nil {
		return crawler.ClassifierConfig{}, fmt.Errorf("shipped classifier section: %w", err)
	}
	return cfg.Classifier, nil
})

// withShipped fills what a classifier section leaves out from the
// shipped one: the gazetteer, the country names and region members as a
// whole, the roles one by one. A file written before these keys existed
// thus keeps loading, and a user may retune one role without copying the
// others.
func withShipped(cfg crawler.ClassifierConfig) (crawler.ClassifierConfig, error) {
	def, err := shippedSection()
	if err != nil {
		return cfg, err
	}
	if cfg.Gazetteer == nil {
		cfg.Gazetteer = def.Gazetteer
	}
	if cfg.Countries == nil {
		cfg.Countries = def.Countries
	}
	if cfg.RegionMembers == nil {
		cfg.RegionMembers = def.RegionMembers
	}
	roles := maps.Clone(def.Roles)
	if roles == nil {
		roles = map[string]map[string][]string{}
	}
	maps.Copy(roles, cfg.Roles)
	cfg.Roles = roles
	return cfg, nil
}
