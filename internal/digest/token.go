package digest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"strings"
)

// Unsubscribe tokens name the recipient and prove the link came from us:
// base64url(address) "." base64url(HMAC-SHA256(key, address)), with the
// address in lower case. Anyone holding a recipient's token can
// unsubscribe them, and nobody else; the token is only ever in their mail.

// maxToken bounds the token read from a request.
const maxToken = 512

// Domains of the HMAC key, so that no value computed for one purpose is
// valid for another.
const (
	macUnsubscribe = "unsubscribe\x00"
	macMessageID   = "message-id\x00"
)

func mac(key []byte, domain, msg string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(domain))
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// Token returns the unsubscribe token of email under key.
func Token(key []byte, email string) string {
	email = strings.ToLower(email)
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(email)) + "." + enc.EncodeToString(mac(key, macUnsubscribe, email))
}

// ParseToken returns the address a token made by Token under key names;
// ok is false for anything else. The signature is compared in constant
// time.
func ParseToken(key []byte, token string) (email string, ok bool) {
	if len(token) > maxToken {
		return "", false
	}
	addrPart, sigPart, found := strings.Cut(token, ".")
	if !found {
		return "", false
	}
	enc := base64.RawURLEncoding
	addr, err := enc.DecodeString(addrPart)
	if err != nil || len(addr) == 0 {
		return "", false
	}
	sig, err := enc.DecodeString(sigPart)
	if err != nil {
		return "", false
	}
	email = string(addr)
	if email != strings.ToLower(email) || !hmac.Equal(sig, mac(key, macUnsubscribe, email)) {
		return "", false
	}
	return email, true
}

// messageID derives a run's Message-ID from the recipient and the period,
// so that every attempt of a run, a resend after a crash included, carries
// the same one and a reader's client can tell it is the same message. The
// hash keeps the address out of the header.
func messageID(key []byte, email, period, domain string) string {
	sum := mac(key, macMessageID, strings.ToLower(email)+"\x00"+period)
	h := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:15]))
	return "digest." + periodToken(period) + "." + h + "@" + domain
}

// periodToken keeps the characters of period a Message-ID may hold.
func periodToken(period string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, period)
}
