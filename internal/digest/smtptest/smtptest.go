// Package smtptest runs a real SMTP server on 127.0.0.1 for tests, built
// with go-smtp: STARTTLS or implicit TLS with a certificate made for the
// test, AUTH PLAIN, and a script of refusals (4xx, 5xx, dropped
// connections, lost answers) to play before it accepts. Parse reads a
// received message with net/mail and mime/multipart.
package smtptest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Actions the test mail server takes on a connection, in the order the
// connections arrive; once the script is used up it accepts everything.
const (
	Accept         = "accept"
	Rcpt451        = "451 at RCPT"          // temporary refusal of the recipient
	Data554        = "554 after DATA"       // permanent refusal of the message
	DropAfterData  = "drop after the data"  // the whole message read, no answer
	DropConnection = "drop at EHLO"         // the connection closed before any answer to EHLO
	Ehlo421        = "421 at EHLO"          // service not available
	NoAnswer       = "no answer after DATA" // hold the answer past the client's timeout
)

// Message is one message the server accepted.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Server is a real SMTP server on 127.0.0.1, built with go-smtp.
type Server struct {
	Port   int
	CAFile string // PEM of the CA that signed the server's certificate, when TLS is on
	// SlowFor is how long NoAnswer holds the answer; set it before use.
	SlowFor time.Duration

	srv        *smtp.Server
	user, pass string // AUTH PLAIN credentials; "" for no authentication

	mu          sync.Mutex
	script      []string
	msgs        []Message
	connections int
	actions     map[*smtp.Conn]string // the action of each connection, taken at its first greeting
}

// Options choose the server's security.
type Options struct {
	Starttls bool   // offer STARTTLS with a certificate for 127.0.0.1
	Implicit bool   // TLS from the first byte
	User     string // AUTH PLAIN login; "" for none
	Pass     string
}

// Start starts a server with opts and stops it when the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	m := &Server{user: opts.User, pass: opts.Pass}
	m.srv = smtp.NewServer(smtp.BackendFunc(m.newSession))
	m.srv.Domain = "mx.test"
	m.srv.ReadTimeout = 10 * time.Second
	m.srv.WriteTimeout = 10 * time.Second
	m.srv.MaxMessageBytes = 10 << 20
	m.srv.AllowInsecureAuth = !opts.Starttls && !opts.Implicit
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if opts.Starttls || opts.Implicit {
		conf, caFile := testTLS(t)
		m.CAFile = caFile
		m.srv.TLSConfig = conf
		if opts.Implicit {
			ln = tls.NewListener(ln, conf)
		}
	}
	m.Port = ln.Addr().(*net.TCPAddr).Port
	go func() { _ = m.srv.Serve(ln) }()
	t.Cleanup(func() { _ = m.srv.Close() })
	return m
}

// Script sets the actions for the next connections.
func (m *Server) Script(actions ...string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.script = append(m.script, actions...)
}

// Messages returns the messages accepted so far.
func (m *Server) Messages() []Message {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Message(nil), m.msgs...)
}

// Connections returns how many connections the server has taken.
func (m *Server) Connections() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.connections
}

// next returns the action for connection c: the next of the script at its
// first greeting, the same at a later one (a client falling back from EHLO
// to HELO meets the same refusal).
func (m *Server) next(c *smtp.Conn) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if a, ok := m.actions[c]; ok {
		return a
	}
	if m.actions == nil {
		m.actions = map[*smtp.Conn]string{}
	}
	m.actions[c] = Accept
	m.connections++
	if len(m.script) == 0 {
		return Accept
	}
	a := m.script[0]
	m.script = m.script[1:]
	m.actions[c] = a
	return a
}

func (m *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	action := m.next(c)
	switch action {
	case DropConnection:
		_ = c.Conn().Close()
		return nil, errors.New("dropped")
	case Ehlo421:
		return nil, &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "service not available, try later"}
	}
	return &session{m: m, conn: c, action: action}, nil
}

type session struct {
	m      *Server
	conn   *smtp.Conn
	action string
	authed bool
	from   string
	to     []string
}

func (s *session) AuthMechanisms() []string {
	if s.m.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.m.user || pass != s.m.pass {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "authentication failed"}
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.m.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.action == Rcpt451 {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "mailbox busy, try again later"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	switch s.action {
	case Data554:
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "message refused by policy"}
	case DropAfterData:
		_ = s.conn.Conn().Close()
		return errors.New("dropped")
	case NoAnswer:
		time.Sleep(s.m.SlowFor)
		_ = s.conn.Conn().Close()
		return errors.New("too slow")
	}
	s.m.mu.Lock()
	s.m.msgs = append(s.m.msgs, Message{From: s.from, To: s.to, Data: bytes.Clone(data)})
	s.m.mu.Unlock()
	return nil
}

func (s *session) Reset() { s.from, s.to = "", nil }
func (s *session) Logout() error {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	delete(s.m.actions, s.conn)
	return nil
}

// testTLS makes a CA and a server certificate for 127.0.0.1 signed by it,
// and writes the CA certificate to a PEM file for ca_file.
func testTLS(t testing.TB) (*tls.Config, string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "digest test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o644); err != nil {
		t.Fatal(err)
	}
	conf := &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{leafDER}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
	return conf, caFile
}

// PortString is the server's port, for a configuration file.
func (m *Server) PortString() string { return strconv.Itoa(m.Port) }
