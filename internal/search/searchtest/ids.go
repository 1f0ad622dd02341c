package searchtest

import (
	"encoding/base64"
)

// OldID encodes a publisher URL as a Google News article id of the kind
// minted before mid-2024, which carries the URL: the protobuf message
// {1: 19, 4: url}, with an AMP link in field 26 when amp is not empty,
// in base64url without padding.
func OldID(publisherURL, amp string) string {
	msg := []byte{0x08, 0x13, 0x22}
	msg = appendBytes(msg, []byte(publisherURL))
	if amp != "" {
		msg = append(msg, 0xd2, 0x01)
		msg = appendBytes(msg, []byte(amp))
	}
	return base64.RawURLEncoding.EncodeToString(msg)
}

// NewID encodes an opaque token as a current Google News article id, which
// only the provider can resolve: the same message with a token starting
// "AU_yqL" in place of the URL.
func NewID(token string) string {
	msg := []byte{0x08, 0x13, 0x22}
	msg = appendBytes(msg, []byte("AU_yqL"+token))
	return base64.RawURLEncoding.EncodeToString(msg)
}

func appendBytes(msg, b []byte) []byte {
	n := uint64(len(b))
	for n >= 0x80 {
		msg = append(msg, byte(n)|0x80)
		n >>= 7
	}
	return append(append(msg, byte(n)), b...)
}
