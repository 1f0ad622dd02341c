package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1   // the command failed: configuration, database, I/O
	exitUsage       = 2   // the command line was wrong
	exitDamaged     = 3   // the database file is damaged: restore it, do not retry
	exitInterrupted = 130 // stopped by SIGINT, SIGTERM or SIGHUP (128 + SIGINT)
)

// app carries what every command needs: streams, global flags, a logger.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	configPath     string
	logFormat      string
	logLevel       string
	logLevelSet    bool // --log-level given explicitly
	logger         *slog.Logger
}

// command is one subcommand: its name, one-line summary and entry point.
type command struct {
	name, summary string
	run           func(ctx context.Context, a *app, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "crawl the built-in loopback news site into a temporary database and print the result", runDemo},
		{"run", "run the daemon: crawl every source on its schedule, serve /healthz and /metrics", runDaemon},
		{"crawl", "one pass over all sources (--once); -v lists the pages that failed and why", runCrawl},
		{"list", "list stored articles, newest first", runList},
		{"show", "print one stored article with its text and evidence", runShow},
		{"sources", "print the health of every source, or one source's latest failures (--errors)", runSources},
		{"check", "validate the configuration and try each source once, storing nothing; exit status 1 when one cannot be read", runCheck},
		{"extract", "extract title, date, author, language and text from a saved HTML page", runExtract},
		{"classify", "classify articles read as JSON lines (or one plain-text article)", runClassify},
		{"eval", "score the classifier on labelled JSON lines, or cross-validate its training (--cv)", runEval},
		{"train", "train the classifier's model on labelled JSON lines and write it to a file", runTrain},
		{"reclassify", "re-run the classifier over every stored article", runReclassify},
		{"digest", "preview, send and inspect the digest emails", runDigest},
		{"backup", "write a consistent copy of the database to a file, also while the daemon runs", runBackup},
		{"compact", "rewrite the database without its free space and prune old rejected articles", runCompact},
		{"bench", "measure the crawler on a generated loopback site against bare colly", runBench},
		{"db", "check the database file for damage (db check)", runDB},
		{"version", "print the version", runVersion},
	}
}

// errUsage marks errors caused by the command line; the message was printed.
var errUsage = errors.New("usage")

// Run parses global flags, dispatches to a command and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("crawler", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&a.configPath, "config", "", "configuration `file` (default ./config.yaml, else the embedded default)")
	fs.StringVar(&a.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&a.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	fs.Usage = func() { a.usage(fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	rest := fs.Args()
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" {
		a.usage(fs)
		if len(rest) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmdName, cmdArgs := rest[0], rest[1:]
	// Global flags may also follow the command: `crawler list --config F`.
	globals, cmdArgs := hoistGlobals(fs, cmdArgs)
	if err := fs.Parse(globals); err != nil {
		return exitUsage
	}
	fs.Visit(func(f *flag.Flag) { a.logLevelSet = a.logLevelSet || f.Name == "log-level" })
	if err := a.setupLogger(); err != nil {
		fmt.Fprintln(stderr, "crawler:", err)
		return exitUsage
	}
	for _, c := range commands() {
		if c.name == cmdName {
			return a.exit(c.run(ctx, a, cmdArgs))
		}
	}
	fmt.Fprintf(stderr, "crawler: unknown command %q\nRun 'crawler help' for the list of commands.\n", cmdName)
	return exitUsage
}

// hoistGlobals takes the flags of fs (the global ones) out of a command's
// arguments, up to a "--", and returns them apart: the command's own flag
// set would reject them.
func hoistGlobals(fs *flag.FlagSet, args []string) (globals, rest []string) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return globals, append(rest, args[i:]...)
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !strings.HasPrefix(arg, "-") || fs.Lookup(name) == nil {
			rest = append(rest, arg)
			continue
		}
		globals = append(globals, arg)
		if !hasValue && i+1 < len(args) {
			i++
			globals = append(globals, args[i])
		}
	}
	return globals, rest
}

func (a *app) exit(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(a.stderr, "crawler: interrupted")
		return exitInterrupted
	}
	fmt.Fprintln(a.stderr, "crawler:", err)
	if errors.Is(err, store.ErrDamaged) {
		return exitDamaged
	}
	return exitError
}

func (a *app) usage(fs *flag.FlagSet) {
	w := a.stderr
	fmt.Fprintln(w, "Usage: crawler [--config FILE] [--log-format text|json] [--log-level LEVEL] COMMAND [flags]")
	fmt.Fprintln(w, "\nMonitors news about Viet Nam–Japan relations and classifies it by cooperation pillar.")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nGlobal flags (before or after the command):")
	fs.PrintDefaults()
	fmt.Fprintln(w, "\nExit status: 0 success, 1 failure, 2 wrong command line, 3 database damaged, 130 interrupted.")
	fmt.Fprintln(w, "Run 'crawler COMMAND -h' for a command's flags.")
}

// quietLogs raises the log level to warn unless the user chose one: for
// commands whose output is the point (the demo).
func (a *app) quietLogs() {
	if !a.logLevelSet {
		a.logLevel = "warn"
		_ = a.setupLogger() // the format was valid a moment ago
	}
}

func (a *app) setupLogger() error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(a.logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(a.logFormat) {
	case "text":
		a.logger = slog.New(slog.NewTextHandler(a.stderr, opts))
	case "json":
		a.logger = slog.New(slog.NewJSONHandler(a.stderr, opts))
	default:
		return fmt.Errorf("--log-format must be text or json, got %q", a.logFormat)
	}
	return nil
}

// loadConfig loads the configuration named by --config (or the default).
func (a *app) loadConfig() (*config.Config, error) {
	cfg, err := config.Load(a.configPath)
	if err != nil {
		return nil, err
	}
	a.logger.Debug("configuration loaded", slog.String("path", cfg.Path))
	return cfg, nil
}

// newFlagSet returns a flag set for a subcommand whose usage gives a
// one-line synopsis, what the command does and its flags.
func (a *app) newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.Usage = func() {
		fmt.Fprintln(a.stderr, strings.TrimSpace("Usage: crawler "+name+" "+synopsis))
		for _, c := range commands() {
			if c.name == name {
				fmt.Fprintf(a.stderr, "\n%s%s.\n", strings.ToUpper(c.summary[:1]), c.summary[1:])
			}
		}
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(a.stderr, "\nFlags:")
			fs.PrintDefaults()
		}
		fmt.Fprintln(a.stderr, "\nGlobal flags --config FILE, --log-format, --log-level go before or after the command.")
	}
	return fs
}

// parseFlags parses args, mapping flag errors to errUsage (already printed).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// parseFlagsOnly is parseFlags for a command that takes no arguments
// besides its flags.
func parseFlagsOnly(fs *flag.FlagSet, args []string) error {
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "crawler %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// isTerminal reports whether f is a character device (a user's terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
