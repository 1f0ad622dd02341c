package search

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
)

// A Google News article id is the base64url encoding (without padding) of a
// small protobuf message. Its first length-delimited field (field 4, tag
// byte 0x22) is, in ids minted before mid-2024, the publisher's URL, which
// can be read offline; in later ids it is an opaque token that only the
// provider can turn into the URL (see resolve.go).

// Errors of DecodeID.
var (
	// ErrOpaqueID means the id is well formed but does not carry the
	// publisher's URL: it must be resolved online.
	ErrOpaqueID = errors.New("opaque article id")
	// ErrBadID means the string is not an article id.
	ErrBadID = errors.New("malformed article id")
)

// maxIDLen bounds the ids accepted; real ones have a few hundred
// characters.
const maxIDLen = 4096

// fieldPayload is the protobuf field holding the URL or the token.
const fieldPayload = 4

// DecodeID returns the publisher URL carried by a Google News article id.
// It fails with ErrOpaqueID for ids that must be resolved online and with
// ErrBadID for strings that are not ids.
func DecodeID(id string) (string, error) {
	if id == "" || len(id) > maxIDLen || !validIDChars(id) {
		return "", ErrBadID
	}
	raw, err := decodeBase64(id)
	if err != nil {
		return "", ErrBadID
	}
	payload, err := firstBytesField(raw, fieldPayload)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(string(payload))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", ErrOpaqueID
	}
	return string(payload), nil
}

func validIDChars(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '=') {
			return false
		}
	}
	return true
}

// decodeBase64 reads base64url with or without padding.
func decodeBase64(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// firstBytesField walks a protobuf message and returns the first
// length-delimited field with the given number. Varint, fixed-size and
// length-delimited fields before it are skipped; anything else, or a length
// running past the end, is ErrBadID.
func firstBytesField(msg []byte, field uint64) ([]byte, error) {
	for len(msg) > 0 {
		tag, n := varint(msg)
		if n == 0 {
			return nil, ErrBadID
		}
		msg = msg[n:]
		switch tag & 7 {
		case 0: // varint
			_, n := varint(msg)
			if n == 0 {
				return nil, ErrBadID
			}
			msg = msg[n:]
		case 1: // 64-bit
			if len(msg) < 8 {
				return nil, ErrBadID
			}
			msg = msg[8:]
		case 5: // 32-bit
			if len(msg) < 4 {
				return nil, ErrBadID
			}
			msg = msg[4:]
		case 2: // length-delimited
			l, n := varint(msg)
			if n == 0 || l > uint64(len(msg)-n) {
				return nil, ErrBadID
			}
			body := msg[n : n+int(l)]
			if tag>>3 == field {
				return body, nil
			}
			msg = msg[n+int(l):]
		default:
			return nil, ErrBadID
		}
	}
	return nil, ErrBadID
}

// varint decodes a protobuf varint; n is 0 when b does not start with one.
func varint(b []byte) (v uint64, n int) {
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}
