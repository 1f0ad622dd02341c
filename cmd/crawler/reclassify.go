package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/store"
)

func runReclassify(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("reclassify", "")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	clf, err := crawl.NewClassifier(cfg)
	if err != nil {
		return err
	}
	st, err := openStore(cfg)
	if errors.Is(err, store.ErrLocked) {
		return reclassifyViaDaemon(ctx, a, cfg)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	total, changed, err := crawl.Reclassify(ctx, st, clf)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Reclassified %d articles: %d changed.\n", total, changed)
	return nil
}
