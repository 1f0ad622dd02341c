package digest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/vnjp-monitor/crawler/internal/config"
)

// Sender hands one message to a mail server.
type Sender interface {
	// Send delivers msg. It calls accepted as soon as the server has
	// accepted the message, before anything else happens on the
	// connection, so that the caller records the delivery at once; once
	// accepted has been called, Send returns nil whatever happens next.
	// An error wrapping ErrUncertain means the server may have accepted
	// the message without saying so.
	Send(ctx context.Context, msg *mail.Msg, accepted func()) error
}

// ErrUncertain marks a failure after the whole message went to the server:
// its answer was lost, so it may have accepted it.
var ErrUncertain = errors.New("the server's answer to the message was lost")

// DefaultSMTPTimeout bounds each step of an SMTP conversation.
const DefaultSMTPTimeout = 30 * time.Second

// maxPasswordFile bounds what is read from smtp.password_file.
const maxPasswordFile = 4096

// SMTPSender sends through the configured SMTP server with go-mail. The
// password is read from its environment variable or file at each send, so
// a rotated password needs no reload.
type SMTPSender struct {
	cfg     config.SMTP
	Timeout time.Duration // per step; DefaultSMTPTimeout when zero
}

var _ Sender = (*SMTPSender)(nil)

// NewSMTPSender returns a sender for the server cfg describes.
func NewSMTPSender(cfg config.SMTP) *SMTPSender { return &SMTPSender{cfg: cfg} }

// Check reads the password and the CA file, as a send would, so that a
// daemon can refuse to start with a configuration that cannot send.
func (s *SMTPSender) Check() error {
	if _, err := s.password(); err != nil {
		return err
	}
	_, err := s.tlsConfig()
	return err
}

// password returns the SMTP password, "" without a username. Errors name
// the variable or file, never the value.
func (s *SMTPSender) password() (string, error) {
	switch {
	case s.cfg.Username == "":
		return "", nil
	case s.cfg.PasswordEnv != "":
		if p := os.Getenv(s.cfg.PasswordEnv); p != "" {
			return p, nil
		}
		return "", fmt.Errorf("smtp password: environment variable %s (digest.smtp.password_env) is empty or unset", s.cfg.PasswordEnv)
	case s.cfg.PasswordFile != "":
		f, err := os.Open(s.cfg.PasswordFile)
		if err != nil {
			return "", fmt.Errorf("smtp password: %w", err)
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, maxPasswordFile+1))
		if err != nil {
			return "", fmt.Errorf("smtp password: read %s: %w", s.cfg.PasswordFile, err)
		}
		p := strings.TrimRight(string(data), "\r\n")
		if p == "" || len(data) > maxPasswordFile {
			return "", fmt.Errorf("smtp password: %s must hold the password on one line", s.cfg.PasswordFile)
		}
		return p, nil
	}
	return "", errors.New("smtp password: digest.smtp.username needs password_env or password_file")
}

// tlsConfig verifies the server's certificate for the configured host,
// against the system's roots plus those of ca_file.
func (s *SMTPSender) tlsConfig() (*tls.Config, error) {
	conf := &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
	if s.cfg.CAFile == "" {
		return conf, nil
	}
	pem, err := os.ReadFile(s.cfg.CAFile)
	if err != nil {
		return nil, fmt.Errorf("smtp ca_file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("smtp ca_file %s: no PEM certificate in it", s.cfg.CAFile)
	}
	conf.RootCAs = pool
	return conf, nil
}

// Send implements Sender: one connection per message, closed before
// Send returns.
func (s *SMTPSender) Send(ctx context.Context, msg *mail.Msg, accepted func()) error {
	password, err := s.password()
	if err != nil {
		return err
	}
	tlsConf, err := s.tlsConfig()
	if err != nil {
		return err
	}
	var dialed connTracker
	client, err := mail.NewClient(s.cfg.Host, s.options(tlsConf, password, &dialed)...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	defer dialed.close() // go-mail leaves the connection open when the greeting fails
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", addr, err)
	}
	err = client.SendWithSMTPClient(conn, msg)
	if msg.IsDelivered() {
		accepted()
		_ = client.CloseWithSMTPClient(conn) // QUIT: the message is the server's now
		return nil
	}
	_ = client.CloseWithSMTPClient(conn)
	if uncertain(err) {
		err = fmt.Errorf("%w: %w", ErrUncertain, err)
	}
	return fmt.Errorf("smtp %s: %w", addr, err)
}

// options translates the configuration into go-mail's: the TLS mode,
// login, timeouts, and no NOOP or RSET around the message, so that the
// server's acceptance is the last thing before accepted is called.
func (s *SMTPSender) options(tlsConf *tls.Config, password string, dialed *connTracker) []mail.Option {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultSMTPTimeout
	}
	dialer := &net.Dialer{Timeout: timeout}
	dial := dialer.DialContext
	opts := []mail.Option{
		mail.WithPort(s.cfg.Port), mail.WithTimeout(timeout), mail.WithTLSConfig(tlsConf),
		mail.WithoutNoop(), mail.WithoutRset(),
	}
	switch s.cfg.TLS {
	case config.TLSImplicit:
		opts = append(opts, mail.WithSSL())
		dial = (&tls.Dialer{NetDialer: dialer, Config: tlsConf}).DialContext
	case config.TLSNone:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default: // STARTTLS is required: go-mail fails rather than go on in clear
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	opts = append(opts, mail.WithDialContextFunc(dialed.wrap(dial)))
	if s.cfg.Username != "" {
		opts = append(opts,
			mail.WithOpportunisticSMTPAuth(mail.SMTPAuthPlain, mail.SMTPAuthLogin, mail.SMTPAuthSCRAMSHA256, mail.SMTPAuthCramMD5),
			mail.WithUsername(s.cfg.Username), mail.WithPassword(password))
	}
	return opts
}

// uncertain reports a failure after the end of the message was sent with
// no answer from the server: it may have accepted it. A refusal (a reply
// with a code) is certain.
func uncertain(err error) bool {
	var se *mail.SendError
	return errors.As(err, &se) && se.Reason == mail.ErrSMTPDataClose && se.ErrorCode() == 0
}

// connTracker remembers the connection a dial made, to close it whatever
// happens to the SMTP conversation.
type connTracker struct {
	mu   sync.Mutex
	conn net.Conn
}

func (t *connTracker) wrap(dial mail.DialContextFunc) mail.DialContextFunc {
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		c, err := dial(ctx, network, address)
		if err == nil {
			t.mu.Lock()
			t.conn = c
			t.mu.Unlock()
		}
		return c, err
	}
}

func (t *connTracker) close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.conn != nil {
		_ = t.conn.Close()
	}
}
