package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// An opaque Google News id is resolved in two steps: the article page at
// the provider carries a signature and a timestamp for the id, and a POST
// of id, timestamp and signature to the provider's batchexecute endpoint
// answers with the publisher's URL. One POST carries several ids, one
// envelope each, told apart by a request id.

// rpcID names the remote procedure that resolves article links.
const rpcID = "Fbv4je"

// signature is what the article page says about one id.
type signature struct {
	ID  string
	TS  int64  // Unix seconds
	Sig string // opaque
}

// maxSigLen bounds the signature taken from a page.
const maxSigLen = 1024

// errNoSignature means the article page lacks the signature attributes.
var errNoSignature = errors.New("article page carries no data-n-a-sg and data-n-a-ts attributes")

// parseSignature reads data-n-a-sg and data-n-a-ts from the article page:
// on the c-wiz element's div[jscontroller], else on any element.
func parseSignature(page []byte) (ts int64, sig string, err error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return 0, "", fmt.Errorf("parse article page: %w", err)
	}
	for _, sel := range []string{"c-wiz > div[jscontroller]", "[data-n-a-sg][data-n-a-ts]"} {
		var found bool
		doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			sg, ok1 := s.Attr("data-n-a-sg")
			tsAttr, ok2 := s.Attr("data-n-a-ts")
			if !ok1 || !ok2 {
				return true
			}
			sg, tsAttr = strings.TrimSpace(sg), strings.TrimSpace(tsAttr)
			n, perr := strconv.ParseInt(tsAttr, 10, 64)
			if sg == "" || len(sg) > maxSigLen || perr != nil || n <= 0 {
				return true
			}
			ts, sig, found = n, sg, true
			return false
		})
		if found {
			return ts, sig, nil
		}
	}
	return 0, "", errNoSignature
}

// batchRequestBody builds the form body of one batchexecute POST for sigs,
// whose request ids are their positions counted from 1. ceid names the
// edition, as the site's own requests do.
func batchRequestBody(sigs []signature, ceid string) ([]byte, error) {
	ctxArr := []any{
		[]any{"X", "X", []any{"X", "X"}, nil, nil, 1, 1, ceid, nil, 1, nil, nil, nil, nil, nil, 0, 1},
		"X", "X", 1, []any{1, 1, 1}, 1, 1, nil, 0, 0, nil, 0,
	}
	envelopes := make([]any, 0, len(sigs))
	for i, s := range sigs {
		inner, err := json.Marshal([]any{"garturlreq", ctxArr, s.ID, s.TS, s.Sig})
		if err != nil {
			return nil, err
		}
		envelopes = append(envelopes, []any{rpcID, string(inner), nil, strconv.Itoa(i + 1)})
	}
	freq, err := json.Marshal([]any{envelopes})
	if err != nil {
		return nil, err
	}
	return []byte("f.req=" + url.QueryEscape(string(freq))), nil
}

// batchResult is the answer for one request id: a URL or an error.
type batchResult struct {
	URL string
	Err error
}

// batchAnswer is a parsed answer: results by request id, and in the order
// they came.
type batchAnswer struct {
	byID    map[string]batchResult
	inOrder []batchResult
}

// forRequest is the URL for the i-th of n requests, or why there is none.
// batchErr is the error of the whole call, if any. An answer whose request
// ids are not ours ("generic") is matched by position when it holds as
// many results as requests.
func (a *batchAnswer) forRequest(i, n int, batchErr error) (string, error) {
	if batchErr != nil {
		return "", batchErr
	}
	r, ok := a.byID[strconv.Itoa(i+1)]
	if !ok && len(a.inOrder) == n {
		r, ok = a.inOrder[i], true
	}
	if !ok {
		return "", errors.New("no answer for this link")
	}
	return r.URL, r.Err
}

// maxBatchRows bounds the rows read from one answer.
const maxBatchRows = 1000

// parseBatchAnswer reads a batchexecute answer: the ")]}'" guard, then
// JSON arrays of rows, optionally preceded by length lines. It returns the
// result of each request id it names. Bookkeeping rows ("di", "af.httprm",
// "e") are skipped.
func parseBatchAnswer(body []byte) (*batchAnswer, error) {
	rest, ok := bytes.CutPrefix(bytes.TrimLeft(body, " \t\r\n\ufeff"), []byte(")]}'"))
	if !ok {
		return nil, fmt.Errorf("not a batchexecute answer: %s", firstLine(body))
	}
	dec := json.NewDecoder(bytes.NewReader(rest))
	dec.UseNumber()
	out := &batchAnswer{byID: make(map[string]batchResult)}
	rows := 0
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if len(out.inOrder) > 0 {
				break // a truncated tail after complete rows
			}
			return nil, fmt.Errorf("malformed batchexecute answer: %w", err)
		}
		chunk, ok := v.([]any)
		if !ok {
			continue // a length line
		}
		for _, r := range chunk {
			if rows++; rows > maxBatchRows {
				return out, nil
			}
			if row, ok := r.([]any); ok {
				readRow(row, out)
			}
		}
	}
	return out, nil
}

// readRow records one ["wrb.fr", rpc, payload, ..., reqid] row.
func readRow(row []any, out *batchAnswer) {
	if len(row) < 3 || row[0] != "wrb.fr" || row[1] != rpcID {
		return
	}
	r := rowResult(row)
	if reqID, _ := row[len(row)-1].(string); reqID != "" {
		out.byID[reqID] = r
	}
	out.inOrder = append(out.inOrder, r)
}

func rowResult(row []any) batchResult {
	payload, ok := row[2].(string)
	if !ok {
		return batchResult{Err: fmt.Errorf("provider error %s", rowError(row))}
	}
	var res []any
	if err := json.Unmarshal([]byte(payload), &res); err != nil || len(res) < 2 || res[0] != "garturlres" {
		return batchResult{Err: fmt.Errorf("unexpected payload %.80q", payload)}
	}
	u, _ := res[1].(string)
	if u == "" {
		return batchResult{Err: errors.New("empty url in answer")}
	}
	return batchResult{URL: u}
}

// rowError renders the error code an error row carries, compactly.
func rowError(row []any) string {
	for _, cell := range row[3:] {
		if cell != nil {
			b, _ := json.Marshal(cell)
			return fmt.Sprintf("%.80s", b)
		}
	}
	return "(no code)"
}

// firstLine is the first non-empty line of an answer, bounded, for
// messages.
func firstLine(body []byte) string {
	for line := range strings.Lines(string(body)) {
		if line = strings.TrimSpace(line); line != "" {
			return fmt.Sprintf("%.200q", line)
		}
	}
	return `""`
}
