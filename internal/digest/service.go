package digest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// ErrUnknownRecipient means an address is not among digest.recipients.
var ErrUnknownRecipient = errors.New("not a configured recipient")

func errUnknownRecipient(email string) error {
	return fmt.Errorf("%s: %w (see digest.recipients)", email, ErrUnknownRecipient)
}

// Store is what the digest needs from the database.
type Store interface {
	// StoredSince returns the relevant articles stored at or after since.
	StoredSince(since time.Time) ([]*crawler.Article, error)
	// Articles returns the articles with these IDs, skipping missing ones.
	Articles(ids []string) ([]*crawler.Article, error)
	// Delivered reports which ids the ledger records as delivered to email.
	Delivered(email string, ids []string) (map[string]bool, error)
	SourceStates() ([]crawler.SourceState, error)
	DigestKey() ([]byte, error)
	DigestState(email string) (crawler.DigestState, bool, error)
	ClaimDigest(c crawler.DigestClaim) (crawler.DigestRun, crawler.ClaimOutcome, error)
	DeliverDigest(email, period string, at time.Time) error
	FailDigest(email, period, owner string, at time.Time, reason string, uncertain bool, next time.Time) error
	Unsubscribe(email string, at time.Time) (bool, error)
	Resubscribe(email string, start time.Time) error
	// PruneLedger forgets deliveries to email before the time before.
	PruneLedger(email string, before time.Time) (int, error)
}

// Observer counts what the digest does, for metrics.
type Observer interface {
	// ObserveDigest counts one digest ending with result (ResultSent or
	// ResultFailed) that carried articles.
	ObserveDigest(result string, articles int)
}

// Results of a send to one recipient.
const (
	ResultSent         = "sent"
	ResultFailed       = "failed"
	ResultNothingNew   = "nothing new"
	ResultUnsubscribed = "unsubscribed"
	ResultAlreadySent  = "already sent"
	ResultBusy         = "busy"
	ResultDryRun       = "dry run"
)

// Options tune a Service beyond its configuration.
type Options struct {
	Logger   *slog.Logger
	Now      func() time.Time // default time.Now
	Sender   Sender           // default: SMTP as configured
	Observer Observer         // nil: no metrics
	// Owner names this sender in run records; two Services sharing a
	// database in one process must share it. Default: one random name per
	// process.
	Owner string
	// Backoff paces retries after failures: the next attempt is due after
	// health.Backoff(failures). Default: 1 minute doubling up to 1 hour.
	Backoff health.Policy
}

// processOwner names the runs of this process: a database is written by
// one process at a time, so a run marked as being sent by another name
// was abandoned by a process that stopped.
var processOwner = func() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}()

// staleAfter is how long a run of this process may stay in the sending
// status before it counts as abandoned: far longer than the SMTP timeouts
// allow a send to take.
const staleAfter = 30 * time.Minute

// overlap is how far before a recipient's window the selection looks
// again: an article stamped just before a digest was selected but
// committed just after it is still found; the ledger drops what was sent.
const overlap = time.Hour

// ledgerKeep is how long ledger entries are kept past the point where a
// digest can still look at them: a margin against clock changes.
const ledgerKeep = 7 * 24 * time.Hour

// Service builds, sends and records digests for the configured recipients.
// It is safe for concurrent use; a configuration reload makes a new one.
type Service struct {
	cfg     *config.Config
	st      Store
	key     []byte
	sender  Sender
	log     *slog.Logger
	now     func() time.Time
	owner   string
	obs     Observer
	backoff health.Policy
	pillars map[string]pillarInfo
}

// pillarInfo is what the digest shows and matches for one pillar.
type pillarInfo struct {
	name    string
	rank    int // position in the taxonomy
	phrases pillarPhrases
}

// New returns a Service for cfg's digest section over st. The HMAC key of
// unsubscribe links comes from digest.key_file when set, else from the
// database. No SMTP connection is made until a digest is sent.
func New(cfg *config.Config, st Store, opts Options) (*Service, error) {
	s := &Service{cfg: cfg, st: st, sender: opts.Sender, log: opts.Logger, now: opts.Now,
		owner: opts.Owner, obs: opts.Observer, backoff: opts.Backoff}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.owner == "" {
		s.owner = processOwner
	}
	if s.backoff == (health.Policy{}) {
		s.backoff = health.Policy{BaseBackoff: time.Minute, MaxBackoff: time.Hour}
	}
	if s.sender == nil {
		s.sender = NewSMTPSender(cfg.Digest.SMTP)
	}
	key, err := loadKey(cfg.Digest.KeyFile, st)
	if err != nil {
		return nil, err
	}
	s.key = key
	s.pillars = make(map[string]pillarInfo, len(cfg.Pillars))
	for i, p := range cfg.Pillars {
		s.pillars[p.ID] = pillarInfo{name: p.Name, rank: i, phrases: newPillarPhrases(p)}
	}
	return s, nil
}

// Sender returns the sender digests go through.
func (s *Service) Sender() Sender { return s.sender }

// maxKeyFile bounds what is read from digest.key_file.
const maxKeyFile = 4096

// loadKey reads the HMAC key from path, or from the database when path is
// empty. A key file holds at least 32 bytes (for instance 32 random bytes
// in base64); surrounding white space is ignored.
func loadKey(path string, st Store) ([]byte, error) {
	if path == "" {
		return st.DigestKey()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("digest.key_file: %w", err)
	}
	key := bytes.TrimSpace(data)
	if len(key) < 32 || len(key) > maxKeyFile {
		return nil, fmt.Errorf("digest.key_file %s: want 32 to %d bytes, such as the output of `head -c 32 /dev/urandom | base64`", path, maxKeyFile)
	}
	return key, nil
}

// Recipient returns the configured recipient with this address (any case).
func (s *Service) Recipient(email string) (config.Recipient, bool) {
	for _, r := range s.cfg.Digest.Recipients {
		if strings.EqualFold(r.Email, email) {
			return r, true
		}
	}
	return config.Recipient{}, false
}

// Recipients returns the configured recipients.
func (s *Service) Recipients() []config.Recipient { return s.cfg.Digest.Recipients }

// Config returns the configuration the Service was made with.
func (s *Service) Config() *config.Config { return s.cfg }

func (s *Service) pillarName(id string) string {
	if p, ok := s.pillars[id]; ok && p.name != "" {
		return p.name
	}
	return id
}
