package extract

import "github.com/vnjp-monitor/crawler/internal/charset"

// Decode converts an HTML page to UTF-8 and reports the charset it was
// decoded from; see [charset.Decode], which fetch uses for listing pages
// too, so that both read a page the same way.
func Decode(body []byte, contentType string) (utf8Body []byte, charsetName string, err error) {
	return charset.Decode(body, contentType)
}
