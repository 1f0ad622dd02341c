package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	crawler "github.com/vnjp-monitor/crawler"
)

func runVersion(_ context.Context, a *app, args []string) error {
	fs := a.newFlagSet("version", "")
	verbose := fs.Bool("v", false, "also list module dependencies")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "crawler %s (%s, %s/%s)\n", crawler.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if bi, ok := debug.ReadBuildInfo(); ok && *verbose {
		for _, d := range bi.Deps {
			fmt.Fprintf(a.stdout, "  %s %s\n", d.Path, d.Version)
		}
	}
	return nil
}
