package digest

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/schedule"
)

// Preview formats.
const (
	FormatText = "text"
	FormatHTML = "html"
)

// Preview writes the digest each recipient (or only email) would receive
// now, in format, recording nothing. Several recipients are separated by
// a line naming each; the HTML format takes one recipient.
func (s *Service) Preview(w io.Writer, email, format string) error {
	recipients := s.cfg.Digest.Recipients
	if email != "" {
		r, ok := s.Recipient(email)
		if !ok {
			return errUnknownRecipient(email)
		}
		recipients = []config.Recipient{r}
	}
	switch {
	case len(recipients) == 0:
		return fmt.Errorf("no digest recipients configured (digest.recipients in %s)", s.cfg.Path)
	case format == FormatHTML && len(recipients) > 1:
		return fmt.Errorf("--format html shows one digest: choose one of the %d recipients with --recipient", len(recipients))
	case format != FormatText && format != FormatHTML:
		return fmt.Errorf("unknown format %q (use text or html)", format)
	}
	for i, r := range recipients {
		d, err := s.Build(r)
		if err != nil {
			return err
		}
		if format == FormatHTML {
			return RenderHTML(w, d)
		}
		if len(recipients) > 1 {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "%s\nTo: %s\nSubject: %s\n%s\n\n", strings.Repeat("#", textWidth), r.Email, d.Subject, strings.Repeat("#", textWidth))
		}
		if err := RenderText(w, d); err != nil {
			return err
		}
	}
	return nil
}

// RecipientStatus is one line of `crawler digest recipients`.
type RecipientStatus struct {
	Email     string    `json:"email"`
	Name      string    `json:"name,omitempty"`
	Pillars   []string  `json:"pillars"`
	Languages []string  `json:"languages"`
	Schedule  string    `json:"schedule"`
	Timezone  string    `json:"timezone"`
	Status    string    `json:"status"` // subscribed or unsubscribed
	Since     time.Time `json:"unsubscribed,omitzero"`
	// Undelivered counts the articles the next digest would carry.
	Undelivered   int       `json:"undelivered"`
	LastDelivered time.Time `json:"last_delivered,omitzero"`
	LastAttempt   time.Time `json:"last_attempt,omitzero"`
	LastError     string    `json:"last_error,omitempty"`
	Failures      int       `json:"failures"`
	// NextSend is when the daemon sends next: the schedule's next time,
	// or a retry's when that is earlier. Zero for an unsubscribed
	// recipient.
	NextSend  time.Time `json:"next_send,omitzero"`
	Digests   int       `json:"digests"`
	Delivered int       `json:"delivered"`
}

// Status reports on each configured recipient.
func (s *Service) Status() ([]RecipientStatus, error) {
	now := s.now()
	out := make([]RecipientStatus, 0, len(s.cfg.Digest.Recipients))
	for _, r := range s.cfg.Digest.Recipients {
		st, found, err := s.st.DigestState(r.Email)
		if err != nil {
			return nil, err
		}
		spec := s.cfg.Digest.RecipientSchedule(r)
		rs := RecipientStatus{
			Email: r.Email, Name: r.Name, Pillars: nonNil(r.Pillars), Languages: nonNil(r.Languages),
			Schedule: spec, Timezone: r.Location.String(), Status: "subscribed",
			LastDelivered: st.LastDelivered, LastAttempt: st.LastAttempt, LastError: st.LastError,
			Failures: st.Failures, Digests: st.Digests, Delivered: st.Delivered,
		}
		if !st.Subscribed() {
			rs.Status, rs.Since = "unsubscribed", st.Unsubscribed
			out = append(out, rs)
			continue
		}
		arts, err := s.candidates(r, s.window(st, found, now))
		if err != nil {
			return nil, err
		}
		rs.Undelivered = len(arts)
		if next, err := schedule.Next(spec, r.Location, now); err == nil {
			rs.NextSend = next
		}
		if st.Open != "" && !st.NextAttempt.IsZero() && st.NextAttempt.Before(rs.NextSend) {
			rs.NextSend = st.NextAttempt
		}
		out = append(out, rs)
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
