package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	crawler "github.com/vnjp-monitor/crawler"
)

// Load reads the configuration: path when not empty, else ./config.yaml when
// it exists, else the embedded default.
func Load(path string) (*Config, error) {
	if path == "" {
		if _, err := os.Stat("config.yaml"); err == nil {
			path = "config.yaml"
		} else {
			return Parse(bytes.NewReader(crawler.DefaultConfig), EmbeddedPath)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open config: %w", err)
	}
	defer f.Close()
	return Parse(f, path)
}

// Default returns the embedded default configuration.
func Default() *Config {
	cfg, err := Parse(bytes.NewReader(crawler.DefaultConfig), EmbeddedPath)
	if err != nil {
		panic("embedded config.yaml is invalid: " + err.Error()) // caught by tests
	}
	return cfg
}

// Parse decodes and validates a configuration; name is used in messages.
// Errors name the file, the line and the key.
func Parse(r io.Reader, name string) (*Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	idx := indexKeys(&root)
	cfg := defaults()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, decodeError(name, err, idx)
	}
	cfg.Path = name
	if len(cfg.Pillars) == 0 && name != EmbeddedPath {
		cfg.Pillars = Default().Pillars
	}
	if errs := cfg.validate(idx); len(errs) > 0 {
		return nil, &Errors{File: name, List: errs}
	}
	return &cfg, nil
}

var lineRe = regexp.MustCompile(`^line (\d+): (.*)$`)

// decodeError rewrites yaml.v3's "line N: ..." messages to name the key too.
func decodeError(name string, err error, idx keyIndex) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var list []*FieldError
	for _, msg := range te.Errors {
		fe := &FieldError{Msg: msg}
		if m := lineRe.FindStringSubmatch(msg); m != nil {
			fe.Line, _ = strconv.Atoi(m[1])
			fe.Msg = m[2]
			fe.Key = idx.keyAt(fe.Line)
			if strings.HasPrefix(fe.Msg, "field ") && strings.Contains(fe.Msg, "not found") {
				fe.Msg = "unknown key (check its spelling and indentation)"
			}
		}
		list = append(list, fe)
	}
	return &Errors{File: name, List: list}
}
