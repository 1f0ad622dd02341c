package digest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// Result is what a send did for one recipient.
type Result struct {
	Email     string `json:"email"`
	Result    string `json:"result"` // ResultSent, ResultFailed, ResultNothingNew, ...
	Period    string `json:"period,omitempty"`
	Articles  int    `json:"articles"`
	Subject   string `json:"subject,omitempty"`
	MessageID string `json:"message_id,omitempty"`
	// Resend is true for the resend of an earlier run that may have been
	// delivered: it carries that run's articles and Message-ID.
	Resend bool   `json:"resend,omitempty"`
	Error  string `json:"error,omitempty"` // the server's answer, no secrets
}

// Failed reports whether the send failed.
func (r Result) Failed() bool { return r.Result == ResultFailed }

// ManualPeriod names the period of a send asked for by a person at now:
// unique, even for two sends in the same millisecond, and distinct from
// every scheduled period.
func ManualPeriod(now time.Time) string {
	b := make([]byte, 3)
	_, _ = rand.Read(b) // never fails on supported platforms
	return "manual-" + now.UTC().Format("20060102T150405.000Z") + "-" + hex.EncodeToString(b)
}

// ScheduledPeriod names the period of a scheduled activation.
func ScheduledPeriod(at time.Time) string { return at.UTC().Format("20060102T150405Z") }

// SendNow sends a digest of everything still undelivered to each
// configured recipient, or only to email when it is not empty, whatever
// the schedule and any backoff. With dryRun it builds the digests and
// reports what would go out, sending and recording nothing.
func (s *Service) SendNow(ctx context.Context, email string, dryRun bool) ([]Result, error) {
	recipients := s.cfg.Digest.Recipients
	if email != "" {
		r, ok := s.Recipient(email)
		if !ok {
			return nil, errUnknownRecipient(email)
		}
		recipients = []config.Recipient{r}
	}
	var results []Result
	for _, r := range recipients {
		if dryRun {
			results = append(results, s.dryRun(r))
			continue
		}
		results = append(results, s.Send(ctx, r, ManualPeriod(s.now()))...)
	}
	return results, nil
}

func (s *Service) dryRun(r config.Recipient) Result {
	res := Result{Email: r.Email, Result: ResultDryRun}
	st, _, err := s.st.DigestState(r.Email)
	if err == nil && !st.Subscribed() {
		res.Result = ResultUnsubscribed
		return res
	}
	d, err := s.Build(r)
	if err != nil {
		res.Result, res.Error = ResultFailed, err.Error()
		return res
	}
	if d.Empty() && !s.cfg.Digest.SendEmpty {
		res.Result = ResultNothingNew
	}
	res.Articles, res.Subject = d.Count, d.Subject
	return res
}

// Send sends r the digest of period: first, when an earlier run may have
// reached r unrecorded, that run again as it was; then everything
// undelivered, unless period was sent already. Failures are recorded for a
// retry and returned in the results, never lost.
func (s *Service) Send(ctx context.Context, r config.Recipient, period string) []Result {
	var results []Result
	for range 2 { // one resend at most, then the period itself
		res, again := s.attempt(ctx, r, period)
		results = append(results, res)
		if !again {
			break
		}
	}
	return results
}

// attempt claims period for r and sends what the claim allows; again is
// true after a successful resend, when the period itself is still due.
func (s *Service) attempt(ctx context.Context, r config.Recipient, period string) (res Result, again bool) {
	now := s.now()
	res = Result{Email: r.Email, Period: period}
	fail := func(err error) (Result, bool) {
		res.Result, res.Error = ResultFailed, err.Error()
		s.log.Error("digest not built", slog.String("recipient", r.Email), slog.String("error", res.Error))
		return res, false
	}
	if s.cfg.Digest.FromAddress == nil {
		return fail(errors.New("digest.from is not set"))
	}
	st, found, err := s.st.DigestState(r.Email)
	if err != nil {
		return fail(err)
	}
	arts, err := s.candidates(r, s.window(st, found, now))
	if err != nil {
		return fail(err)
	}
	d, err := s.assemble(r, arts, now)
	if err != nil {
		return fail(err)
	}
	run, outcome, err := s.st.ClaimDigest(crawler.DigestClaim{
		Email: r.Email, Period: period, Owner: s.owner,
		MessageID:  messageID(s.key, r.Email, period, domainOf(s.cfg.Digest.FromAddress.Address)),
		Candidates: d.IDs(), Until: now, Start: now.Add(-s.cfg.Digest.Backfill), Now: now,
		SendEmpty: s.cfg.Digest.SendEmpty, StaleAfter: staleAfter,
	})
	if err != nil {
		return fail(err)
	}
	switch outcome {
	case crawler.ClaimSend, crawler.ClaimResend:
		if outcome == crawler.ClaimResend || !slices.Equal(run.Articles, d.IDs()) {
			// Render exactly what the run records: an earlier run's
			// articles, or the candidates minus any delivered meanwhile.
			if d, err = s.rebuild(r, run.Articles, now); err != nil {
				return s.failed(r, run, st, res, err, false), false
			}
		}
		res = s.deliver(ctx, r, d, run, st)
		res.Resend = outcome == crawler.ClaimResend
		return res, res.Resend && res.Result == ResultSent
	}
	res.Result = map[crawler.ClaimOutcome]string{
		crawler.ClaimAlreadySent: ResultAlreadySent, crawler.ClaimBusy: ResultBusy,
		crawler.ClaimUnsubscribed: ResultUnsubscribed, crawler.ClaimNothingNew: ResultNothingNew,
	}[outcome]
	s.log.Debug("no digest to send", slog.String("recipient", r.Email), slog.String("period", period), slog.String("reason", res.Result))
	return res, false
}

// rebuild assembles r's digest from exactly these article IDs.
func (s *Service) rebuild(r config.Recipient, ids []string, now time.Time) (*Digest, error) {
	arts, err := s.st.Articles(ids)
	if err != nil {
		return nil, err
	}
	return s.assemble(r, arts, now)
}

// deliver sends d as run and records the outcome: the delivery at once
// when the server accepts, or the failure with the server's answer.
func (s *Service) deliver(ctx context.Context, r config.Recipient, d *Digest, run crawler.DigestRun, st crawler.DigestState) Result {
	res := Result{Email: r.Email, Period: run.Period, Articles: len(run.Articles), Subject: d.Subject, MessageID: run.MessageID}
	msg, err := s.Message(d, run.MessageID, s.now().In(d.Date.Location()))
	if err != nil {
		return s.failed(r, run, st, res, err, false)
	}
	accepted := false
	var recordErr error
	err = s.sender.Send(ctx, msg, func() {
		accepted = true
		recordErr = s.st.DeliverDigest(r.Email, run.Period, s.now())
	})
	if !accepted {
		return s.failed(r, run, st, res, err, errors.Is(err, ErrUncertain))
	}
	if recordErr != nil {
		// The reader has the message; the ledger does not know. The run
		// stays open and will be resent, recognisably, as uncertain.
		s.log.Error("digest accepted but not recorded: it may be sent again",
			slog.String("recipient", r.Email), slog.String("period", run.Period),
			slog.String("message_id", run.MessageID), slog.String("error", recordErr.Error()))
		_ = s.st.FailDigest(r.Email, run.Period, s.owner, s.now(), "accepted, but the delivery could not be recorded", true, s.now())
	}
	s.log.Info("digest sent", slog.String("recipient", r.Email), slog.String("period", run.Period),
		slog.Int("articles", len(run.Articles)), slog.String("message_id", run.MessageID))
	if recordErr == nil {
		// Selections never look before the window minus overlap, and the
		// window is now past run.Until.
		if _, err := s.st.PruneLedger(r.Email, run.Until.Add(-overlap-ledgerKeep)); err != nil {
			s.log.Warn("prune digest ledger", slog.String("recipient", r.Email), slog.String("error", err.Error()))
		}
	}
	if s.obs != nil {
		s.obs.ObserveDigest(ResultSent, len(run.Articles))
	}
	res.Result = ResultSent
	return res
}

// failed records a failed attempt of run, due for a retry after the
// backoff, logs it with the server's answer, and fills res.
func (s *Service) failed(r config.Recipient, run crawler.DigestRun, st crawler.DigestState, res Result, err error, uncertain bool) Result {
	if err == nil {
		err = errors.New("send failed")
	}
	now := s.now()
	reason := health.Redact(err.Error())
	next := now.Add(health.Backoff(st.Failures+1, s.backoff))
	if recErr := s.st.FailDigest(r.Email, run.Period, s.owner, now, reason, uncertain, next); recErr != nil {
		s.log.Error("record failed digest", slog.String("recipient", r.Email), slog.String("error", recErr.Error()))
	}
	s.log.Warn("digest not delivered", slog.String("recipient", r.Email), slog.String("period", run.Period),
		slog.String("error", reason), slog.Bool("uncertain", uncertain), slog.Time("retry_after", next))
	if s.obs != nil {
		s.obs.ObserveDigest(ResultFailed, 0)
	}
	res.Result, res.Error = ResultFailed, reason
	return res
}
