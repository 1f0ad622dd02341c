// Command crawler monitors news about Viet Nam–Japan relations: it crawls
// configured sources, keeps the articles about the relationship, classifies
// them by cooperation pillar and stores them in a bbolt database.
//
// Run `crawler help` for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
