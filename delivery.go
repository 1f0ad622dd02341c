package crawler

import "time"

// DigestState is what the database remembers about one digest recipient,
// by address: whether they unsubscribed, where their next digest starts,
// and how the last attempts went.
type DigestState struct {
	Email string `json:"email"` // lower case
	// Unsubscribed is when the recipient unsubscribed; zero while
	// subscribed. It outlives the recipient's entry in the configuration.
	Unsubscribed time.Time `json:"unsubscribed,omitzero"`
	// Since is where the next digest starts: articles stored (Fetched) at
	// or after it are candidates. A new recipient starts at the time of
	// their first digest minus the configured backfill; each delivered
	// digest moves it to the time its articles were selected.
	Since         time.Time `json:"since"`
	LastDelivered time.Time `json:"last_delivered,omitzero"` // the server last accepted a digest
	LastAttempt   time.Time `json:"last_attempt,omitzero"`
	LastError     string    `json:"last_error,omitempty"` // the server's answer, no secrets
	Failures      int       `json:"failures"`             // consecutive failed attempts
	NextAttempt   time.Time `json:"next_attempt,omitzero"`
	// Open is the period of the run not yet delivered (being sent, or
	// failed and waiting for a retry); "" when none.
	Open      string `json:"open,omitempty"`
	Digests   int    `json:"digests"`   // digests delivered, all time
	Delivered int    `json:"delivered"` // articles delivered, all time
}

// Subscribed reports whether the recipient has not unsubscribed.
func (s DigestState) Subscribed() bool { return s.Unsubscribed.IsZero() }

// DigestRun statuses.
const (
	RunSending    = "sending"    // claimed; the message is being built or sent
	RunSent       = "sent"       // the server accepted the message
	RunFailed     = "failed"     // the last attempt failed; the daemon retries
	RunSuperseded = "superseded" // a later run took over its articles
)

// DigestRun is one digest for one recipient and one period: a scheduled
// time, or a manual send. Each period is sent at most once.
type DigestRun struct {
	Email     string `json:"email"`
	Period    string `json:"period"`
	MessageID string `json:"message_id"` // the same for every attempt of the run
	Status    string `json:"status"`
	// Articles are the IDs the message carries, listed or counted in an
	// "N more" line, fixed when the run was claimed.
	Articles []string `json:"articles"`
	// Until is when the articles were selected: those stored later wait
	// for the next run.
	Until    time.Time `json:"until"`
	Owner    string    `json:"owner,omitempty"` // the sending instance while Status is sending
	Claimed  time.Time `json:"claimed"`
	Finished time.Time `json:"finished,omitzero"`
	Attempts int       `json:"attempts"`
	// Uncertain means an attempt may have reached the recipient although
	// it was not recorded as accepted (the process stopped, or the server's
	// final answer was lost): the run is then sent again as it was, with
	// the same Message-ID, before anything newer.
	Uncertain bool   `json:"uncertain,omitempty"`
	Error     string `json:"error,omitempty"`
}

// DigestClaim asks to send one period's digest to one recipient; see
// the store's ClaimDigest.
type DigestClaim struct {
	Email     string
	Period    string
	MessageID string // used when the run is new
	Owner     string // the sending instance, to tell its own runs from abandoned ones
	// Candidates are the IDs selected for the digest, in the order of the
	// message; those already delivered to Email are dropped.
	Candidates []string
	Until      time.Time // when Candidates were selected
	Start      time.Time // Since of a recipient seen for the first time
	Now        time.Time
	SendEmpty  bool // claim even when no candidate is left
	// StaleAfter is how long a run of Owner may stay in the sending status
	// before it counts as abandoned.
	StaleAfter time.Duration
}

// ClaimOutcome says what a claim decided.
type ClaimOutcome int

// Claim outcomes.
const (
	ClaimSend         ClaimOutcome = iota // send the returned run
	ClaimResend                           // first send the returned earlier run again, as it was
	ClaimAlreadySent                      // this period was sent already
	ClaimBusy                             // another run to this recipient is in flight
	ClaimUnsubscribed                     // the recipient unsubscribed
	ClaimNothingNew                       // nothing undelivered, and empty digests are not sent
)

var claimOutcomeNames = [...]string{"send", "resend", "already sent", "busy", "unsubscribed", "nothing new"}

func (o ClaimOutcome) String() string {
	if int(o) < len(claimOutcomeNames) {
		return claimOutcomeNames[o]
	}
	return "unknown"
}
