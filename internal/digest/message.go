package digest

import (
	"fmt"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/vnjp-monitor/crawler"
)

// Message builds the email for d: multipart/alternative with the plain
// text first and the HTML last (the part clients prefer), RFC 2047
// encoded headers, the run's Message-ID, and the List-Unsubscribe headers
// of RFC 2369 and RFC 8058.
func (s *Service) Message(d *Digest, messageID string, now time.Time) (*mail.Msg, error) {
	from := s.cfg.Digest.FromAddress
	if from == nil {
		return nil, fmt.Errorf("digest.from is not set")
	}
	var text, html strings.Builder
	if err := RenderText(&text, d); err != nil {
		return nil, err
	}
	if err := RenderHTML(&html, d); err != nil {
		return nil, err
	}
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	m.FromMailAddress(from)
	if err := m.AddToFormat(d.Recipient.Name, d.Recipient.Email); err != nil {
		return nil, fmt.Errorf("recipient %s: %w", d.Recipient.Email, err)
	}
	m.Subject(d.Subject)
	m.SetMessageIDWithValue(messageID)
	m.SetDateWithValue(now)
	m.SetUserAgent("vnjp-monitor/" + crawler.Version)
	// RFC 3834: no vacation replies to a digest.
	m.SetGenHeader(mail.Header("Auto-Submitted"), "auto-generated")
	m.SetBulk()
	m.SetGenHeaderPreformatted(mail.Header("List-Id"), "<digest."+domainOf(from.Address)+">")
	m.SetListUnsubscribe(d.UnsubscribeURL, d.UnsubscribeMailto)
	m.SetListUnsubscribePost()
	m.SetBodyString(mail.TypeTextPlain, text.String())
	m.AddAlternativeString(mail.TypeTextHTML, html.String())
	return m, nil
}

// domainOf returns the domain of an address, for Message-IDs and List-Id.
func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return "localhost"
}
