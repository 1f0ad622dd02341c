package digest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

// Admin routes let `crawler digest` work while the daemon holds the
// database. The daemon mounts them with admin access: loopback callers, or
// requests with the token.
const (
	RouteSend       = "POST /admin/digest/send"
	RoutePreview    = "GET /admin/digest/preview"
	RouteRecipients = "GET /admin/digest/recipients"
	RouteSubscribe  = "POST /admin/digest/subscription"
)

// SubscriptionRequest is the body of RouteSubscribe.
type SubscriptionRequest struct {
	Recipient  string `json:"recipient"`
	Subscribed bool   `json:"subscribed"`
}

// SendRequest is the body of RouteSend.
type SendRequest struct {
	Recipient string `json:"recipient,omitempty"` // "" for every recipient
	DryRun    bool   `json:"dry_run,omitempty"`
}

// SendResponse is the answer of RouteSend.
type SendResponse struct {
	Results []Result `json:"results"`
}

// SendTimeout bounds a send asked for through RouteSend: every recipient
// in turn, each SMTP step within its own timeout.
const SendTimeout = 15 * time.Minute

// maxAdminBody bounds a RouteSend body.
const maxAdminBody = 64 << 10

// AdminRoutes returns the handlers of RouteSend, RoutePreview,
// RouteRecipients and RouteSubscribe, keyed by route. current returns the Service of the
// running configuration, so a reload takes effect at the next request.
func AdminRoutes(current func() *Service) map[string]http.Handler {
	return map[string]http.Handler{
		RouteSend:       http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handleSend(current(), w, r) }),
		RoutePreview:    http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handlePreview(current(), w, r) }),
		RouteRecipients: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handleRecipients(current(), w) }),
		RouteSubscribe:  http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handleSubscription(current(), w, r) }),
	}
}

func handleSend(s *Service, w http.ResponseWriter, r *http.Request) {
	var req SendRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAdminBody)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{"body: " + err.Error()})
		return
	}
	// Sending may outlast the server's write timeout; the caller waits.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(SendTimeout + time.Minute))
	// A caller that gives up must not cut a send short mid-conversation.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), SendTimeout)
	defer cancel()
	results, err := s.SendNow(ctx, req.Recipient, req.DryRun)
	if errors.Is(err, ErrUnknownRecipient) {
		writeJSON(w, http.StatusNotFound, apiError{err.Error()})
		return
	}
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, apiError{err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, SendResponse{Results: nonNilResults(results)})
}

func nonNilResults(r []Result) []Result {
	if r == nil {
		return []Result{}
	}
	return r
}

func handlePreview(s *Service, w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = FormatText
	}
	var b bytes.Buffer
	if err := s.Preview(&b, q.Get("recipient"), format); err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, ErrUnknownRecipient) {
			status = http.StatusNotFound
		}
		writeJSON(w, status, apiError{err.Error()})
		return
	}
	ctype := "text/plain; charset=utf-8"
	if format == FormatHTML {
		ctype = "text/html; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	_, _ = w.Write(b.Bytes())
}

func handleSubscription(s *Service, w http.ResponseWriter, r *http.Request) {
	var req SubscriptionRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAdminBody)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{"body: " + err.Error()})
		return
	}
	err := s.SetSubscribed(req.Recipient, req.Subscribed)
	switch {
	case errors.Is(err, ErrUnknownRecipient):
		writeJSON(w, http.StatusNotFound, apiError{err.Error()})
	case err != nil:
		writeJSON(w, http.StatusInternalServerError, apiError{err.Error()})
	default:
		writeJSON(w, http.StatusOK, req)
	}
}

func handleRecipients(s *Service, w http.ResponseWriter) {
	status, err := s.Status()
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, apiError{err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, status)
}

// apiError is the body of every error answer, as the daemon's API writes
// it.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
