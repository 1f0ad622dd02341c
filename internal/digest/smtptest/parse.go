package smtptest

import (
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
)

// Parsed is a received message read with net/mail and mime/multipart.
type Parsed struct {
	Header  mail.Header
	Subject string // decoded
	To      *mail.Address
	Parts   []string // content types, in order
	Text    string
	HTML    string
}

var wordDecoder = new(mime.WordDecoder)

// Parse reads a message as a mail client would, failing tb on anything
// malformed: the headers, the decoded subject and To, and the parts of a
// multipart/alternative body, quoted-printable decoded, with CRLF as LF.
func Parse(t testing.TB, data []byte) Parsed {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("read message: %v", err)
	}
	p := Parsed{Header: msg.Header}
	if p.Subject, err = wordDecoder.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("decode subject %q: %v", msg.Header.Get("Subject"), err)
	}
	if p.To, err = mail.ParseAddress(msg.Header.Get("To")); err != nil {
		t.Fatalf("parse To %q: %v", msg.Header.Get("To"), err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type %q: want multipart/alternative (%v)", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("next part: %v", err)
		}
		ctype, cparams, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			t.Fatal(err)
		}
		if cs := strings.ToLower(cparams["charset"]); cs != "utf-8" {
			t.Errorf("part %s has charset %q, want utf-8", ctype, cs)
		}
		body, err := io.ReadAll(part)
		if err != nil {
			t.Fatal(err)
		}
		body = []byte(strings.ReplaceAll(string(body), "\r\n", "\n"))
		p.Parts = append(p.Parts, ctype)
		switch ctype {
		case "text/plain":
			p.Text = string(body)
		case "text/html":
			p.HTML = string(body)
		}
	}
	return p
}
