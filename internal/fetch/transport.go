package fetch

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// capTransport enforces the body cap and decompresses gzip files itself.
//
// colly only truncates at MaxBodySize, silently, and gunzips ".xml.gz" and
// "Content-Type: ...gzip" bodies after its limit, so a small compressed
// sitemap could expand without bound. Here the cap applies to the bytes the
// parser will see, and a body over it fails with ErrTooLarge. Marking the
// response Uncompressed stops colly from gunzipping a second time.
type capTransport struct {
	base http.RoundTripper
	max  int64
}

// RoundTrip implements http.RoundTripper.
func (t *capTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if res.ContentLength > t.max {
		res.Body.Close()
		return nil, fmt.Errorf("%w: content-length %d over %d bytes", ErrTooLarge, res.ContentLength, t.max)
	}
	body := io.ReadCloser(res.Body)
	if !res.Uncompressed && gzipHinted(req, res) {
		body, err = gunzipIfMagic(res)
		if err != nil {
			res.Body.Close()
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		res.Uncompressed = true
	}
	res.Body = &capBody{r: body, left: t.max, max: t.max}
	return res, nil
}

// gzipHinted mirrors the cases in which colly would gunzip the body.
func gzipHinted(req *http.Request, res *http.Response) bool {
	return strings.Contains(strings.ToLower(res.Header.Get("Content-Encoding")), "gzip") ||
		strings.Contains(strings.ToLower(res.Header.Get("Content-Type")), "gzip") ||
		strings.HasSuffix(strings.ToLower(req.URL.Path), ".gz")
}

// gunzipIfMagic returns a gunzipping body when the body starts with the gzip
// magic number, and the body unchanged otherwise: servers often send
// sitemap.xml.gz already decompressed.
func gunzipIfMagic(res *http.Response) (io.ReadCloser, error) {
	br := bufio.NewReader(res.Body)
	magic, _ := br.Peek(2)
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return readCloser{br, res.Body}, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, err
	}
	res.Header.Del("Content-Encoding")
	res.Header.Del("Content-Length")
	res.ContentLength = -1
	return readCloser{zr, res.Body}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// capBody fails with ErrTooLarge once more than max bytes have been read.
type capBody struct {
	r    io.ReadCloser
	left int64
	max  int64
}

func (b *capBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, fmt.Errorf("%w: over %d bytes", ErrTooLarge, b.max)
	}
	// Read at most one byte past the cap: enough to tell "exactly max" from
	// "more than max".
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, fmt.Errorf("%w: over %d bytes", ErrTooLarge, b.max)
	}
	return n, err
}

func (b *capBody) Close() error { return b.r.Close() }

// CloseIdleConnections closes the base transport's idle connections.
func (t *capTransport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
