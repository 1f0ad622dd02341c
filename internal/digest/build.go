package digest

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
)

// Build returns the digest r would receive now: the relevant articles of
// their window matching their filters and not yet delivered to them,
// grouped by pillar. It records nothing.
func (s *Service) Build(r config.Recipient) (*Digest, error) {
	now := s.now()
	st, found, err := s.st.DigestState(r.Email)
	if err != nil {
		return nil, err
	}
	arts, err := s.candidates(r, s.window(st, found, now))
	if err != nil {
		return nil, err
	}
	return s.assemble(r, arts, now)
}

// window returns where r's next digest starts: the stored window of a
// recipient seen before, else the backfill before now.
func (s *Service) window(st crawler.DigestState, found bool, now time.Time) time.Time {
	if found && !st.Since.IsZero() {
		return st.Since.Add(-overlap)
	}
	return now.Add(-s.cfg.Digest.Backfill)
}

// candidates returns the articles stored since since that r wants and has
// not received.
func (s *Service) candidates(r config.Recipient, since time.Time) ([]*crawler.Article, error) {
	stored, err := s.st.StoredSince(since)
	if err != nil {
		return nil, err
	}
	var arts []*crawler.Article
	var ids []string
	for _, a := range stored {
		if wants(r, a) {
			arts = append(arts, a)
			ids = append(ids, a.ID)
		}
	}
	done, err := s.st.Delivered(r.Email, ids)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(arts, func(a *crawler.Article) bool { return done[a.ID] }), nil
}

// wants reports whether a matches r's filters.
func wants(r config.Recipient, a *crawler.Article) bool {
	if !a.Relevant {
		return false
	}
	if len(r.Languages) > 0 && !slices.Contains(r.Languages, a.Lang) {
		return false
	}
	return len(r.Pillars) == 0 || slices.ContainsFunc(a.Pillars, func(p string) bool { return slices.Contains(r.Pillars, p) })
}

// sectionOf is the pillar a is listed under for r: its primary pillar, or
// when r does not follow that one, the first of its pillars r follows.
func sectionOf(r config.Recipient, a *crawler.Article) string {
	follows := func(p string) bool { return len(r.Pillars) == 0 || slices.Contains(r.Pillars, p) }
	if a.Primary != "" && follows(a.Primary) {
		return a.Primary
	}
	for _, p := range a.Pillars {
		if follows(p) {
			return p
		}
	}
	if a.Primary != "" {
		return a.Primary
	}
	if len(a.Pillars) > 0 {
		return a.Pillars[0]
	}
	return ""
}

// otherSection holds relevant articles without a pillar; it comes last.
const otherSection = "other"

// assemble groups arts for r into a digest built at now.
func (s *Service) assemble(r config.Recipient, arts []*crawler.Article, now time.Time) (*Digest, error) {
	loc := r.Location
	if loc == nil {
		loc = s.cfg.Location
	}
	d := &Digest{
		Recipient: r, Name: cmp.Or(r.Name, r.Email), Date: now.In(loc), Zone: loc.String(),
		WebURL:  s.cfg.Digest.BaseURL + "/",
		Filters: s.filters(r),
	}
	d.UnsubscribeURL = s.cfg.Digest.BaseURL + "/unsubscribe?t=" + url.QueryEscape(Token(s.key, r.Email))
	if from := s.cfg.Digest.FromAddress; from != nil {
		d.UnsubscribeMailto = "mailto:" + from.Address + "?subject=unsubscribe"
	}
	notes, err := s.sourceNotes(now, loc)
	if err != nil {
		return nil, err
	}
	d.Sources = notes
	bySection := map[string][]*crawler.Article{}
	for _, a := range arts {
		id := cmp.Or(sectionOf(r, a), otherSection)
		bySection[id] = append(bySection[id], a)
	}
	hosts := s.sourceHosts()
	for _, id := range s.sectionOrder(bySection) {
		sec := s.section(id, bySection[id], d, loc, hosts)
		d.Sections = append(d.Sections, sec)
		d.Count += sec.Count
	}
	subject, err := s.subject(d)
	if err != nil {
		return nil, err
	}
	d.Subject = subject
	return d, nil
}

// sectionOrder returns the sections present, in the taxonomy's order;
// pillars no longer in the taxonomy follow by ID, then otherSection.
func (s *Service) sectionOrder(bySection map[string][]*crawler.Article) []string {
	ids := make([]string, 0, len(bySection))
	for id := range bySection {
		ids = append(ids, id)
	}
	rank := func(id string) int {
		if id == otherSection {
			return len(s.pillars) + 1
		}
		if p, ok := s.pillars[id]; ok {
			return p.rank
		}
		return len(s.pillars)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b)) })
	return ids
}

// section lists one pillar's articles newest first, up to max_per_pillar,
// and counts the rest.
func (s *Service) section(id string, arts []*crawler.Article, d *Digest, loc *time.Location, hosts map[string][]string) Section {
	slices.SortFunc(arts, func(a, b *crawler.Article) int {
		return cmp.Or(b.Date().Compare(a.Date()), cmp.Compare(a.ID, b.ID))
	})
	sec := Section{ID: id, Name: s.pillarName(id), Count: len(arts)}
	if id == otherSection {
		sec.Name = "Other Viet Nam–Japan news"
	}
	limit := s.cfg.Digest.MaxPerPillar
	for i, a := range arts {
		d.ids = append(d.ids, a.ID)
		if i < limit {
			sec.Items = append(sec.Items, s.item(a, id, loc, hosts))
		}
	}
	if sec.More = len(arts) - len(sec.Items); sec.More > 0 {
		sec.MoreURL = s.cfg.Digest.BaseURL + "/?pillar=" + url.QueryEscape(id)
	}
	return sec
}

// filters describes r's choices for the footer.
func (s *Service) filters(r config.Recipient) Filters {
	var f Filters
	for _, p := range r.Pillars {
		f.Pillars = append(f.Pillars, s.pillarName(p))
	}
	for _, l := range r.Languages {
		f.Languages = append(f.Languages, langName(l))
	}
	return f
}

// subject renders the subject template for d, on one line.
func (s *Service) subject(d *Digest) (string, error) {
	var b strings.Builder
	data := config.SubjectData{Date: d.Date.Format("2 Jan 2006"), Count: d.Count, Name: d.Name, Email: d.Recipient.Email}
	if err := s.cfg.Digest.SubjectTemplate.Execute(&b, data); err != nil {
		return "", fmt.Errorf("digest subject: %w", err)
	}
	return clip(collapse(b.String()), 200), nil
}
