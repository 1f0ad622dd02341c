package digest

import (
	"html/template"
	"log/slog"
	"net/http"
)

// maxUnsubscribeBody bounds the form read from an unsubscribe POST: RFC
// 8058's body is one short field.
const maxUnsubscribeBody = 4 << 10

// oneClick is the form field and value of RFC 8058's one-click POST; the
// confirmation page's button posts it too.
const (
	oneClickField = "List-Unsubscribe"
	oneClickValue = "One-Click"
)

var unsubscribePage = template.Must(template.New("unsubscribe").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title></head>
<body style="margin:0;background:#eef1f5;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2933;">
<main style="max-width:480px;margin:48px auto;padding:24px;background:#fff;border-radius:8px;">
<h1 style="font-size:20px;margin:0 0 12px;color:#16324f;">{{.Title}}</h1>
<p style="font-size:15px;line-height:1.5;">{{.Text}}</p>
{{if .Confirm}}<form method="post" action="?t={{.Token}}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size:15px;padding:10px 18px;border:0;border-radius:6px;background:#c8102e;color:#fff;cursor:pointer;">Unsubscribe</button>
</form>{{end}}
</main></body></html>
`))

type unsubscribeView struct {
	Title, Text, Token string
	Confirm            bool
}

// UnsubscribeHandler serves /unsubscribe?t=TOKEN: GET shows a confirmation
// page whose button posts; POST with List-Unsubscribe=One-Click (RFC 8058,
// as mail clients send it) unsubscribes at once. The signed token is the
// only authorisation needed. The unsubscription is stored, so it outlives
// reloads, restarts and the recipient's entry in the configuration.
func (s *Service) UnsubscribeHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The token is in the URL: keep it out of referrers and caches.
		h := w.Header()
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		token := r.URL.Query().Get("t")
		email, ok := ParseToken(s.key, token)
		if !ok {
			s.page(w, http.StatusBadRequest, unsubscribeView{Title: "Link not valid",
				Text: "This unsubscribe link is incomplete or was not made by this monitor. Use the link at the foot of a digest."})
			return
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			s.confirmPage(w, email, token)
		case http.MethodPost:
			s.unsubscribe(w, r, email)
		default:
			w.Header().Set("Allow", "GET, HEAD, POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	})
}

func (s *Service) confirmPage(w http.ResponseWriter, email, token string) {
	st, _, err := s.st.DigestState(email)
	if err != nil {
		s.log.Error("unsubscribe page", slog.String("error", err.Error()))
		s.page(w, http.StatusInternalServerError, unsubscribeView{Title: "Try again later", Text: "The monitor could not read its records."})
		return
	}
	if !st.Subscribed() {
		s.page(w, http.StatusOK, unsubscribeView{Title: "Already unsubscribed", Text: email + " receives no more digests."})
		return
	}
	s.page(w, http.StatusOK, unsubscribeView{Title: "Unsubscribe from the Viet Nam–Japan digest?",
		Text: email + " will receive no more digests.", Token: token, Confirm: true})
}

func (s *Service) unsubscribe(w http.ResponseWriter, r *http.Request, email string) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUnsubscribeBody)
	if err := r.ParseForm(); err != nil || r.PostForm.Get(oneClickField) != oneClickValue {
		s.page(w, http.StatusBadRequest, unsubscribeView{Title: "Not unsubscribed",
			Text: "The request did not say List-Unsubscribe=One-Click. Open the link in a browser to confirm."})
		return
	}
	changed, err := s.st.Unsubscribe(email, s.now())
	if err != nil {
		s.log.Error("unsubscribe", slog.String("recipient", email), slog.String("error", err.Error()))
		s.page(w, http.StatusInternalServerError, unsubscribeView{Title: "Try again later", Text: "The monitor could not record the request."})
		return
	}
	if changed {
		s.log.Info("recipient unsubscribed", slog.String("recipient", email))
	}
	s.page(w, http.StatusOK, unsubscribeView{Title: "Unsubscribed", Text: email + " will receive no more digests."})
}

func (s *Service) page(w http.ResponseWriter, status int, v unsubscribeView) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := unsubscribePage.Execute(w, v); err != nil {
		s.log.Debug("write unsubscribe page", slog.String("error", err.Error()))
	}
}

// SetSubscribed unsubscribes or resubscribes email by hand, as the
// operator does for a request that came by mail. A resubscribed recipient's
// next digest reaches back no further than the backfill.
func (s *Service) SetSubscribed(email string, subscribed bool) error {
	if _, ok := s.Recipient(email); !ok {
		return errUnknownRecipient(email)
	}
	now := s.now()
	if subscribed {
		if err := s.st.Resubscribe(email, now.Add(-s.cfg.Digest.Backfill)); err != nil {
			return err
		}
		s.log.Info("recipient resubscribed", slog.String("recipient", email))
		return nil
	}
	changed, err := s.st.Unsubscribe(email, now)
	if err == nil && changed {
		s.log.Info("recipient unsubscribed", slog.String("recipient", email))
	}
	return err
}
