package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/digest"
	"github.com/vnjp-monitor/crawler/internal/server"
	"github.com/vnjp-monitor/crawler/internal/store"
)

const digestUsage = `Usage: crawler digest COMMAND [flags]

Commands:
  preview [--recipient EMAIL] [--format text|html]   print the digest as it would go out now; records nothing
  send [--recipient EMAIL] [--dry-run]               send now what each recipient has not received
  recipients [--json]                                each recipient's state: subscribed, last delivery, errors, next send
  unsubscribe EMAIL                                  stop the digests to EMAIL (a request that came by mail)
  resubscribe EMAIL                                  start them again

When the daemon holds the database, these go through its admin routes on
http.listen (with http.token when set), so use the daemon's configuration.`

func runDigest(ctx context.Context, a *app, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "help" || args[0] == "--help" {
		fmt.Fprintln(a.stderr, digestUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "preview":
		return runDigestPreview(ctx, a, args[1:])
	case "send":
		return runDigestSend(ctx, a, args[1:])
	case "recipients":
		return runDigestRecipients(ctx, a, args[1:])
	case "unsubscribe", "resubscribe":
		return runDigestSubscription(ctx, a, args[0], args[1:])
	}
	fmt.Fprintf(a.stderr, "crawler digest: unknown command %q\n\n%s\n", args[0], digestUsage)
	return errUsage
}

// digestBackend is the digest Service over the database, or, when the
// daemon holds the file, a client of the daemon's admin routes
// (digest.RouteSend and the others).
type digestBackend struct {
	svc    *digest.Service
	client *server.Client
	close  func()
}

// ask calls a digest admin route with a JSON body (nil for none), within
// timeout, and decodes the answer into out (or copies it there when out is
// an io.Writer).
func (b *digestBackend) ask(ctx context.Context, timeout time.Duration, method, path string, v url.Values, body, out any) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(data)
	}
	return b.client.Do(ctx, method, path, v, r, out)
}

func openDigest(a *app, cfg *config.Config) (*digestBackend, error) {
	st, err := store.Open(cfg.Database, store.Options{Timeout: readLockTimeout, MustExist: true})
	if errors.Is(err, store.ErrLocked) {
		c := adminClient(cfg)
		a.logger.Debug("database held by the daemon; asking it", slog.String("url", c.BaseURL))
		return &digestBackend{client: c, close: func() {}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	svc, err := digest.New(cfg, st, digest.Options{Logger: a.logger})
	if err != nil {
		st.Close()
		return nil, err
	}
	return &digestBackend{svc: svc, close: func() { st.Close() }}, nil
}

// digestCommand parses a digest subcommand's flags, loads the
// configuration and opens the digest backend; the caller closes it.
func digestCommand(a *app, fs *flag.FlagSet, args []string) (*config.Config, *digestBackend, error) {
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, nil, err
	}
	b, err := openDigest(a, cfg)
	if err != nil {
		return nil, nil, err
	}
	return cfg, b, nil
}

func runDigestPreview(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("digest preview", "[--recipient EMAIL] [--format text|html]")
	recipient := fs.String("recipient", "", "only this recipient's digest (required with several recipients and --format html)")
	format := fs.String("format", digest.FormatText, "text or html")
	_, b, err := digestCommand(a, fs, args)
	if err != nil {
		return err
	}
	defer b.close()
	if b.client != nil {
		v := url.Values{"format": {*format}}
		if *recipient != "" {
			v.Set("recipient", *recipient)
		}
		return b.ask(ctx, time.Minute, http.MethodGet, "/admin/digest/preview", v, nil, a.stdout)
	}
	return b.svc.Preview(a.stdout, *recipient, *format)
}

func runDigestSend(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("digest send", "[--recipient EMAIL] [--dry-run]")
	recipient := fs.String("recipient", "", "only this recipient")
	dryRun := fs.Bool("dry-run", false, "show what would be sent; send and record nothing")
	cfg, b, err := digestCommand(a, fs, args)
	if err != nil {
		return err
	}
	defer b.close()
	if len(cfg.Digest.Recipients) == 0 {
		return fmt.Errorf("no digest recipients in %s (add them under digest.recipients)", cfg.Path)
	}
	var results []digest.Result
	if b.client != nil {
		var resp digest.SendResponse
		req := digest.SendRequest{Recipient: *recipient, DryRun: *dryRun}
		err = b.ask(ctx, digest.SendTimeout+time.Minute, http.MethodPost, "/admin/digest/send", nil, req, &resp)
		results = resp.Results
	} else {
		results, err = b.svc.SendNow(ctx, *recipient, *dryRun)
	}
	if err != nil {
		return err
	}
	failed := writeSendResults(a.stdout, results)
	if failed > 0 {
		return fmt.Errorf("%d of %d digests failed and stay undelivered: the daemon retries them, or run `crawler digest send` again", failed, len(results))
	}
	return nil
}

// writeSendResults prints one line per result and returns the failures.
func writeSendResults(w io.Writer, results []digest.Result) (failed int) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RECIPIENT\tRESULT\tARTICLES\tDETAIL")
	for _, r := range results {
		detail := r.Subject
		switch {
		case r.Failed():
			failed++
			detail = r.Error
		case r.Resend:
			detail = "resent as it was, Message-ID <" + r.MessageID + ">: " + r.Subject
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", r.Email, r.Result, r.Articles, detail)
	}
	tw.Flush()
	return failed
}

func runDigestSubscription(ctx context.Context, a *app, verb string, args []string) error {
	fs := a.newFlagSet("digest "+verb, "EMAIL")
	_, b, err := digestCommand(a, fs, args)
	if err != nil {
		return err
	}
	defer b.close()
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	email, subscribed := fs.Arg(0), verb == "resubscribe"
	if b.client != nil {
		req := digest.SubscriptionRequest{Recipient: email, Subscribed: subscribed}
		err = b.ask(ctx, time.Minute, http.MethodPost, "/admin/digest/subscription", nil, req, &req)
	} else {
		err = b.svc.SetSubscribed(email, subscribed)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s: %sd\n", email, verb)
	return nil
}

func runDigestRecipients(ctx context.Context, a *app, args []string) error {
	fs := a.newFlagSet("digest recipients", "[--json]")
	asJSON := fs.Bool("json", false, "write JSON lines")
	cfg, b, err := digestCommand(a, fs, args)
	if err != nil {
		return err
	}
	defer b.close()
	var rows []digest.RecipientStatus
	if b.client != nil {
		err = b.ask(ctx, time.Minute, http.MethodGet, "/admin/digest/recipients", nil, nil, &rows)
	} else {
		rows, err = b.svc.Status()
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	if len(rows) == 0 {
		fmt.Fprintf(a.stdout, "No digest recipients in %s.\n", cfg.Path)
		return nil
	}
	writeRecipientTable(a.stdout, rows, time.Now())
	return nil
}

func writeRecipientTable(w io.Writer, rows []digest.RecipientStatus, now time.Time) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RECIPIENT\tSTATUS\tPILLARS\tLANGUAGES\tUNDELIVERED\tLAST DELIVERED\tLAST ATTEMPT\tNEXT SEND\tLAST ERROR")
	for _, r := range rows {
		next := "-"
		if !r.NextSend.IsZero() {
			next = until(r.NextSend, now) + " (" + r.Schedule + ", " + r.Timezone + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", r.Email, r.Status,
			orAll(r.Pillars), orAll(r.Languages), r.Undelivered,
			ago(r.LastDelivered, now), ago(r.LastAttempt, now), next, truncate(r.LastError, 60))
	}
	tw.Flush()
}

func orAll(list []string) string {
	if len(list) == 0 {
		return "all"
	}
	return strings.Join(list, ",")
}

// until renders a future time relative to now ("in 5h"), or "due now".
func until(t, now time.Time) string {
	d := t.Sub(now).Round(time.Minute)
	switch {
	case d <= 0:
		return "due now"
	case d < time.Hour:
		return fmt.Sprintf("in %dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("in %dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("in %dd", int(d.Hours()/24))
}
