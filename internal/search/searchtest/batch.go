package searchtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// serveBatch answers a batchexecute POST: f.req holds envelopes
// [rpc, inner, null, reqid] whose inner JSON string is
// ["garturlreq", context, id, timestamp, signature]. Each envelope gets a
// "wrb.fr" row with the URL, or an error row when the id, timestamp or
// signature does not match the article page's.
func (g *GoogleNews) serveBatch(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	limited, sorry := g.limit > 0, g.sorry > 0
	if limited {
		g.limit--
	} else if sorry {
		g.sorry--
	}
	g.mu.Unlock()
	switch {
	case limited:
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, "<html><body>Too Many Requests. Try again later.</body></html>")
		return
	case sorry:
		http.Redirect(w, r, strings.Replace(g.srv.URL, "127.0.0.1", "localhost", 1)+"/sorry/index", http.StatusFound)
		return
	}
	var envelopes [][][]any
	if err := json.Unmarshal([]byte(r.PostFormValue("f.req")), &envelopes); err != nil || len(envelopes) != 1 {
		http.Error(w, "bad f.req", http.StatusBadRequest)
		return
	}
	var rows []any
	for _, env := range envelopes[0] {
		rows = append(rows, g.answer(env))
	}
	rows = append(rows, []any{"di", 27}, []any{"af.httprm", 26, "-4416538371874421233", 14})
	body, _ := json.Marshal(rows)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if g.Chunked {
		fmt.Fprintf(w, ")]}'\n\n%d\n%s\n25\n[[\"e\",4,null,null,%d]]\n", len(body)+1, body, len(body))
		return
	}
	fmt.Fprintf(w, ")]}'\n\n%s", body)
}

// answer is the row for one envelope.
func (g *GoogleNews) answer(env []any) []any {
	if len(env) < 4 {
		return []any{"er", nil, nil, nil, nil, 400}
	}
	reqID, _ := env[3].(string)
	fail := []any{"wrb.fr", env[0], nil, nil, nil, []any{3}, reqID}
	inner, _ := env[1].(string)
	var req []any
	if env[0] != "Fbv4je" || json.Unmarshal([]byte(inner), &req) != nil || len(req) != 5 || req[0] != "garturlreq" {
		return fail
	}
	id, _ := req[2].(string)
	ts, _ := req[3].(float64)
	sig, _ := req[4].(string)
	g.mu.Lock()
	a := g.articles[id]
	g.mu.Unlock()
	if a == nil || int64(ts) != a.ts || sig != a.sig {
		return fail
	}
	payload, _ := json.Marshal([]any{"garturlres", a.URL, 1})
	return []any{"wrb.fr", "Fbv4je", string(payload), nil, nil, nil, reqID}
}
