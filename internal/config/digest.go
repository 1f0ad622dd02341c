package config

import (
	"fmt"
	"io"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"
)

// Digest configures the digest emails: when they go out, how they look,
// the SMTP server that carries them and who receives what.
type Digest struct {
	Schedule     string        `yaml:"schedule"`       // cron in the recipient's time zone
	From         string        `yaml:"from"`           // "Name <address>"
	Subject      string        `yaml:"subject"`        // text/template over SubjectData
	BaseURL      string        `yaml:"base_url"`       // the web page and the unsubscribe endpoint
	SendEmpty    bool          `yaml:"send_empty"`     // send a digest with nothing new
	MaxPerPillar int           `yaml:"max_per_pillar"` // items listed per pillar; the rest are counted
	Backfill     time.Duration `yaml:"backfill"`       // how far back a new recipient's first digest reaches
	KeyFile      string        `yaml:"key_file"`       // HMAC key for unsubscribe links; "" keeps it in the database
	SMTP         SMTP          `yaml:"smtp"`
	Recipients   []Recipient   `yaml:"recipients"`

	// FromAddress is From parsed by validation.
	FromAddress *mail.Address `yaml:"-"`
	// SubjectTemplate is Subject compiled by validation.
	SubjectTemplate *template.Template `yaml:"-"`
}

// SMTP configures the outgoing mail server. The password is never in the
// file: it comes from the environment variable named by PasswordEnv or
// from the file named by PasswordFile, read when a digest is sent.
type SMTP struct {
	Host         string `yaml:"host"`
	Port         int    `yaml:"port"` // 0: 587 for starttls, 465 for tls, 25 for none
	Username     string `yaml:"username"`
	PasswordEnv  string `yaml:"password_env"`
	PasswordFile string `yaml:"password_file"`
	TLS          string `yaml:"tls"`     // starttls, tls or none
	CAFile       string `yaml:"ca_file"` // PEM certificates trusted besides the system's

	// Password exists only so that an inline password is reported with a
	// reason rather than as an unknown key; validation clears it.
	Password string `yaml:"password"`
}

// SMTP TLS modes.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which must succeed
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: loopback or a trusted network only
)

// Recipient is one person or desk receiving digests.
type Recipient struct {
	Email     string   `yaml:"email"`
	Name      string   `yaml:"name"`
	Pillars   []string `yaml:"pillars"`   // pillar IDs; empty for all
	Languages []string `yaml:"languages"` // language codes; empty for all
	Schedule  string   `yaml:"schedule"`  // "" for digest.schedule
	Timezone  string   `yaml:"timezone"`  // "" for the top-level timezone

	// Location is the recipient's time zone, loaded by validation.
	Location *time.Location `yaml:"-"`
}

// SubjectData is what the subject template sees.
type SubjectData struct {
	Date  string // the digest's date in the recipient's zone, "21 Nov 2026"
	Count int    // articles in the digest
	Name  string // the recipient's name, or address when unnamed
	Email string
}

// Digest defaults.
const (
	DefaultDigestSchedule = "0 7 * * 1-5"
	DefaultDigestSubject  = "Viet Nam–Japan digest, {{.Date}}: {{.Count}} new"
	DefaultMaxPerPillar   = 20
	DefaultBackfill       = 24 * time.Hour
)

func defaultDigest() Digest {
	return Digest{
		Schedule: DefaultDigestSchedule, Subject: DefaultDigestSubject,
		MaxPerPillar: DefaultMaxPerPillar, Backfill: DefaultBackfill,
		SMTP: SMTP{TLS: TLSStartTLS},
	}
}

// RecipientSchedule returns the cron spec that applies to r.
func (d *Digest) RecipientSchedule(r Recipient) string {
	if r.Schedule != "" {
		return r.Schedule
	}
	return d.Schedule
}

// validateDigestSchedule checks a digest's cron spec. Its zone comes from
// the timezone keys, so a TZ= prefix is refused rather than half-honoured.
func validateDigestSchedule(spec string) error {
	if strings.Contains(spec, "TZ=") {
		return fmt.Errorf("invalid cron spec %q: give the zone with timezone:, not TZ=", spec)
	}
	if err := ValidateSchedule(spec); err != nil {
		return fmt.Errorf("invalid cron spec %q: %v", spec, err)
	}
	return nil
}

var langCodeRe = regexp.MustCompile(`^[a-z]{2,3}$`)

func (c *Config) validateDigest(v *validator) {
	d := &c.Digest
	if err := validateDigestSchedule(d.Schedule); err != nil {
		v.fail("digest.schedule", "%v", err)
	}
	if d.From != "" {
		addr, err := mail.ParseAddress(d.From)
		if err != nil {
			v.fail("digest.from", "not an email address %q: %v", d.From, err)
		}
		d.FromAddress = addr
	} else if len(d.Recipients) > 0 {
		v.fail("digest.from", "needed to send digests: a sender such as \"VN–JP Monitor <monitor@example.org>\"")
	}
	d.validateSubject(v)
	d.validateBaseURL(v, c.HTTP)
	if d.MaxPerPillar < 1 || d.MaxPerPillar > 1000 {
		v.fail("digest.max_per_pillar", "must be between 1 and 1000, got %d", d.MaxPerPillar)
	}
	if d.Backfill < 0 {
		v.fail("digest.backfill", "must not be negative")
	}
	d.SMTP.validate(v, len(d.Recipients) > 0)
	c.validateRecipients(v)
}

func (d *Digest) validateSubject(v *validator) {
	tmpl, err := template.New("subject").Option("missingkey=error").Parse(d.Subject)
	if err == nil {
		// Parsing accepts unknown fields; executing finds them.
		err = tmpl.Execute(io.Discard, SubjectData{Date: "21 Nov 2026", Count: 3, Name: "Analyst", Email: "analyst@example.org"})
	}
	if err != nil {
		v.fail("digest.subject", "invalid template: %v (fields: .Date .Count .Name .Email)", err)
		return
	}
	if strings.TrimSpace(d.Subject) == "" {
		v.fail("digest.subject", "must not be empty")
		return
	}
	d.SubjectTemplate = tmpl
}

func (d *Digest) validateBaseURL(v *validator, h HTTP) {
	if d.BaseURL == "" {
		d.BaseURL = h.LocalURL()
	}
	u, err := url.Parse(d.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		v.fail("digest.base_url", "must be an absolute http or https URL without query, got %q", d.BaseURL)
		return
	}
	if u.User != nil {
		v.fail("digest.base_url", "must not carry credentials: it goes into every email")
		return
	}
	d.BaseURL = strings.TrimSuffix(d.BaseURL, "/")
}

func (s *SMTP) validate(v *validator, needed bool) {
	if s.Password != "" || v.idx.lines["digest.smtp.password"] > 0 {
		v.fail("digest.smtp.password", "a password must not be written in the configuration: "+
			"name an environment variable with password_env, or a file readable only by the daemon with password_file")
	}
	s.Password = ""
	switch s.TLS {
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		v.fail("digest.smtp.tls", "unknown mode %q (use starttls, tls or none)", s.TLS)
	}
	if s.Port == 0 {
		s.Port = map[string]int{TLSStartTLS: 587, TLSImplicit: 465, TLSNone: 25}[s.TLS]
	}
	if s.Port < 0 || s.Port > 65535 {
		v.fail("digest.smtp.port", "must be a TCP port, got %d", s.Port)
	}
	if needed && s.Host == "" {
		v.fail("digest.smtp.host", "needed to send digests")
	}
	if s.PasswordEnv != "" && s.PasswordFile != "" {
		v.fail("digest.smtp.password_file", "give password_env or password_file, not both")
	}
	hasPassword := s.PasswordEnv != "" || s.PasswordFile != ""
	switch {
	case s.Username != "" && !hasPassword:
		v.fail("digest.smtp.username", "needs password_env or password_file")
	case s.Username == "" && hasPassword:
		v.fail("digest.smtp.username", "needed with a password")
	case s.Username != "" && s.TLS == TLSNone && !isLoopbackHost(s.Host):
		v.fail("digest.smtp.tls", "none would send the password in clear to %s: use starttls or tls", s.Host)
	}
	if s.CAFile != "" && s.TLS == TLSNone {
		v.fail("digest.smtp.ca_file", "has no use with tls: none")
	}
}

func (c *Config) validateRecipients(v *validator) {
	seen := map[string]bool{}
	for i := range c.Digest.Recipients {
		r := &c.Digest.Recipients[i]
		key := fmt.Sprintf("digest.recipients[%d]", i)
		addr, err := mail.ParseAddress(r.Email)
		switch {
		case err != nil:
			v.fail(key+".email", "not an email address %q: %v", r.Email, err)
		case addr.Name != "" || addr.Address != strings.TrimSpace(r.Email):
			v.fail(key+".email", "give the bare address (%s) and the name in name:", addr.Address)
		case seen[strings.ToLower(addr.Address)]:
			v.fail(key+".email", "duplicate recipient %q", r.Email)
		default:
			r.Email = addr.Address
			seen[strings.ToLower(addr.Address)] = true
		}
		if strings.ContainsFunc(r.Name, unicode.IsControl) || utf8.RuneCountInString(r.Name) > 200 {
			v.fail(key+".name", "must be one line of at most 200 characters")
		}
		for j, p := range r.Pillars {
			if !slices.Contains(c.pillarIDs(), p) {
				v.fail(fmt.Sprintf("%s.pillars[%d]", key, j), "unknown pillar %q (known: %s)", p, strings.Join(c.pillarIDs(), ", "))
			}
		}
		for j, l := range r.Languages {
			if !langCodeRe.MatchString(l) {
				v.fail(fmt.Sprintf("%s.languages[%d]", key, j), "want a lowercase ISO 639-1 code such as en, vi or ja, got %q", l)
			}
		}
		if r.Schedule != "" {
			if err := validateDigestSchedule(r.Schedule); err != nil {
				v.fail(key+".schedule", "%v", err)
			}
		}
		r.Location = c.Location
		if r.Timezone != "" {
			loc, err := time.LoadLocation(r.Timezone)
			if err != nil {
				v.fail(key+".timezone", "unknown time zone %q (use an IANA name such as Asia/Tokyo)", r.Timezone)
			}
			r.Location = loc
		}
	}
}

func (c *Config) pillarIDs() []string {
	ids := make([]string, len(c.Pillars))
	for i, p := range c.Pillars {
		ids[i] = p.ID
	}
	return ids
}
