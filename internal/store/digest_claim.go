package store

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// ClaimDigest decides, in one write transaction, whether c's period may be
// sent to c.Email now, and if so marks its run as being sent by c.Owner,
// so that no other run to that recipient starts until DeliverDigest or
// FailDigest closes it. The outcome says what to do:
//
//   - ClaimSend: send the returned run, whose Articles are c.Candidates
//     minus those the ledger records as delivered;
//   - ClaimResend: an earlier run may have reached the recipient without
//     being recorded (its sender stopped, or the server's last answer was
//     lost): send that returned run again as it was, then claim again;
//   - ClaimAlreadySent, ClaimBusy, ClaimUnsubscribed, ClaimNothingNew:
//     send nothing.
//
// A run left in the sending status by another owner, or by c.Owner for
// longer than c.StaleAfter, is abandoned: it becomes uncertain. A failed
// run of another period is superseded, since the new run carries its
// articles. When nothing is left to send, the recipient's window moves to
// c.Until, since every candidate before it is delivered.
func (s *Store) ClaimDigest(c crawler.DigestClaim) (run crawler.DigestRun, outcome crawler.ClaimOutcome, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		var r *crawler.DigestRun
		r, outcome, err = claim(tx, c)
		if r != nil {
			run = *r
		}
		return err
	})
	if err != nil {
		return crawler.DigestRun{}, 0, fmt.Errorf("claim digest %s for %s: %w", c.Period, c.Email, err)
	}
	return run, outcome, nil
}

func claim(tx *bolt.Tx, c crawler.DigestClaim) (*crawler.DigestRun, crawler.ClaimOutcome, error) {
	st, found, err := getDigestState(tx, c.Email)
	if err != nil {
		return nil, 0, err
	}
	if !found {
		st.Since = c.Start
	}
	if !st.Subscribed() {
		return nil, crawler.ClaimUnsubscribed, nil
	}
	open, outcome, err := settleOpen(tx, &st, c)
	if err != nil || open != nil || outcome == crawler.ClaimBusy {
		return open, outcome, err
	}
	r, err := getRun(tx, c.Email, c.Period)
	if err != nil {
		return nil, 0, err
	}
	if r != nil && r.Status == crawler.RunSent {
		return nil, crawler.ClaimAlreadySent, putDigestState(tx, st)
	}
	articles := undelivered(tx, c.Email, c.Candidates)
	if len(articles) == 0 && !c.SendEmpty {
		if r != nil && r.Status == crawler.RunFailed {
			r.Status = crawler.RunSuperseded // what it carried went out with another run
			if err := putRun(tx, r); err != nil {
				return nil, 0, err
			}
		}
		if st.Open == c.Period {
			st.Open = ""
		}
		if st.Since.Before(c.Until) {
			st.Since = c.Until
		}
		return nil, crawler.ClaimNothingNew, putDigestState(tx, st)
	}
	if r == nil {
		r = &crawler.DigestRun{Email: strings.ToLower(c.Email), Period: c.Period, MessageID: c.MessageID}
	}
	r.Status, r.Articles, r.Until, r.Owner, r.Claimed, r.Error = crawler.RunSending, articles, c.Until, c.Owner, c.Now, ""
	r.Attempts++
	st.Open = c.Period
	if err := putRun(tx, r); err != nil {
		return nil, 0, err
	}
	return r, crawler.ClaimSend, putDigestState(tx, st)
}

// settleOpen looks at the recipient's open run before a new claim. It
// returns the run to resend when that run is uncertain, reports ClaimBusy
// when it is still being sent, and otherwise closes it when it belongs to
// another period. st is updated but not written unless a run is returned.
func settleOpen(tx *bolt.Tx, st *crawler.DigestState, c crawler.DigestClaim) (*crawler.DigestRun, crawler.ClaimOutcome, error) {
	if st.Open == "" {
		return nil, 0, nil
	}
	open, err := getRun(tx, c.Email, st.Open)
	if err != nil || open == nil {
		st.Open = ""
		return nil, 0, err
	}
	if open.Status == crawler.RunSending {
		if open.Owner == c.Owner && c.Now.Sub(open.Claimed) < c.StaleAfter {
			return nil, crawler.ClaimBusy, nil
		}
		open.Status, open.Owner, open.Uncertain = crawler.RunFailed, "", true
		open.Error = "the sender stopped during this run: it may have been delivered"
	}
	switch {
	case open.Uncertain:
		open.Status, open.Owner, open.Claimed = crawler.RunSending, c.Owner, c.Now
		open.Attempts++
		if err := putRun(tx, open); err != nil {
			return nil, 0, err
		}
		return open, crawler.ClaimResend, putDigestState(tx, *st)
	case open.Period != c.Period:
		if open.Status == crawler.RunFailed {
			open.Status = crawler.RunSuperseded
		}
		st.Open = ""
		return nil, 0, putRun(tx, open)
	}
	return nil, 0, nil
}

// undelivered returns ids minus those the ledger records for email.
func undelivered(tx *bolt.Tx, email string, ids []string) []string {
	b := tx.Bucket(bucketLedger)
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if b.Get(ledgerKey(email, id)) == nil {
			out = append(out, id)
		}
	}
	return out
}

// DeliverDigest records that the server accepted period's message to
// email at the time at: every article of the run goes into the ledger, the
// run is sent and the recipient's window moves past it, in one
// transaction. It is what closes the window between a server's acceptance
// and the record of it, so callers run it before anything else once the
// server has answered.
func (s *Store) DeliverDigest(email, period string, at time.Time) error {
	err := s.update(func(tx *bolt.Tx) error {
		r, err := getRun(tx, email, period)
		if err != nil {
			return err
		}
		if r == nil {
			return fmt.Errorf("no such run: %w", ErrNotFound)
		}
		ledger := tx.Bucket(bucketLedger)
		for _, id := range r.Articles {
			if err := putJSON(ledger, ledgerKey(email, id), ledgerEntry{Period: period, At: at}); err != nil {
				return err
			}
		}
		r.Status, r.Finished, r.Owner, r.Error, r.Uncertain = crawler.RunSent, at, "", "", false
		if err := putRun(tx, r); err != nil {
			return err
		}
		st, _, err := getDigestState(tx, email)
		if err != nil {
			return err
		}
		st.LastDelivered, st.LastAttempt, st.LastError, st.Failures, st.NextAttempt = at, at, "", 0, time.Time{}
		if st.Since.Before(r.Until) {
			st.Since = r.Until
		}
		if st.Open == period {
			st.Open = ""
		}
		st.Digests++
		st.Delivered += len(r.Articles)
		return putDigestState(tx, st)
	})
	if err != nil {
		return fmt.Errorf("record digest %s delivered to %s: %w", period, email, err)
	}
	return nil
}

// FailDigest records a failed attempt to send period to email: the run
// stays open for a retry not before next. uncertain says the server may
// have accepted the message although it did not say so (its final answer
// was lost); the run is then resent as it was. A run another owner has
// taken over since is left alone. reason must hold no secret.
func (s *Store) FailDigest(email, period, owner string, at time.Time, reason string, uncertain bool, next time.Time) error {
	err := s.update(func(tx *bolt.Tx) error {
		r, err := getRun(tx, email, period)
		if err != nil {
			return err
		}
		if r != nil && r.Status == crawler.RunSending && r.Owner == owner {
			r.Status, r.Owner, r.Error, r.Finished = crawler.RunFailed, "", reason, at
			r.Uncertain = r.Uncertain || uncertain
			if err := putRun(tx, r); err != nil {
				return err
			}
		}
		st, _, err := getDigestState(tx, email)
		if err != nil {
			return err
		}
		st.LastAttempt, st.LastError, st.NextAttempt = at, reason, next
		st.Failures++
		return putDigestState(tx, st)
	})
	if err != nil {
		return fmt.Errorf("record failed digest %s to %s: %w", period, email, err)
	}
	return nil
}
