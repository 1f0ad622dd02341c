package digest_test

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
	actAccept   = "accept"
	actRcpt451  = "451 at RCPT"          // temporary refusal of the recipient
	actData554  = "554 after DATA"       // permanent refusal of the message
	actDropData = "drop after the data"  // the whole message read, no answer
	actDropConn = "drop before greeting" // the connection closed at once
	actSlow     = "no answer after DATA" // hold the answer past the client's timeout
)

// received is one message the server accepted.
type received struct {
	From string
	To   []string
	Data []byte
}

// mailServer is a real SMTP server on 127.0.0.1, built with go-smtp.
type mailServer struct {
	t      testing.TB
	srv    *smtp.Server
	ln     net.Listener
	Port   int
	CAFile string // PEM of the CA that signed the server's certificate, when TLS is on

	user, pass string // AUTH PLAIN credentials; "" for no authentication

	mu       sync.Mutex
	script   []string
	msgs     []received
	attempts int // connections that got as far as a message
	slowFor  time.Duration
}

type serverOptions struct {
	starttls bool // offer STARTTLS with a certificate for 127.0.0.1
	implicit bool // TLS from the first byte
	user     string
	pass     string
}

// startMailServer starts a server with opts and stops it when the test
// ends.
func startMailServer(t testing.TB, opts serverOptions) *mailServer {
	t.Helper()
	m := &mailServer{t: t, user: opts.user, pass: opts.pass}
	m.srv = smtp.NewServer(smtp.BackendFunc(m.newSession))
	m.srv.Domain = "mx.test"
	m.srv.ReadTimeout = 10 * time.Second
	m.srv.WriteTimeout = 10 * time.Second
	m.srv.MaxMessageBytes = 10 << 20
	m.srv.AllowInsecureAuth = !opts.starttls && !opts.implicit
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if opts.starttls || opts.implicit {
		conf, caFile := testTLS(t)
		m.CAFile = caFile
		m.srv.TLSConfig = conf
		if opts.implicit {
			ln = tls.NewListener(ln, conf)
		}
	}
	m.ln = ln
	m.Port = ln.Addr().(*net.TCPAddr).Port
	go func() { _ = m.srv.Serve(ln) }()
	t.Cleanup(func() { _ = m.srv.Close() })
	return m
}

// Script sets the actions for the next connections.
func (m *mailServer) Script(actions ...string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.script = append(m.script, actions...)
}

// Messages returns the messages accepted so far.
func (m *mailServer) Messages() []received {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]received(nil), m.msgs...)
}

func (m *mailServer) next() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.attempts++
	if len(m.script) == 0 {
		return actAccept
	}
	a := m.script[0]
	m.script = m.script[1:]
	return a
}

func (m *mailServer) newSession(c *smtp.Conn) (smtp.Session, error) {
	action := m.next()
	if action == actDropConn {
		_ = c.Conn().Close()
		return nil, errors.New("dropped")
	}
	return &session{m: m, conn: c, action: action}, nil
}

type session struct {
	m      *mailServer
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
	if s.action == actRcpt451 {
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
	case actData554:
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "message refused by policy"}
	case actDropData:
		_ = s.conn.Conn().Close()
		return errors.New("dropped")
	case actSlow:
		time.Sleep(s.m.slowFor)
		_ = s.conn.Conn().Close()
		return errors.New("too slow")
	}
	s.m.mu.Lock()
	s.m.msgs = append(s.m.msgs, received{From: s.from, To: s.to, Data: bytes.Clone(data)})
	s.m.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

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

// portString is m's port for a configuration.
func (m *mailServer) portString() string { return strconv.Itoa(m.Port) }
