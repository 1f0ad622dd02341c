package digest

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/rivo/uniseg"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// Widths, in display columns, of what an item shows. Two lines of a
// plain-text mail client, or of the HTML part on a phone, hold about 150.
const (
	leadWidth    = 170
	whyWidth     = 260
	errorWidth   = 120
	minLeadWidth = 40 // shorter paragraphs are bylines and captions
)

// dateFormat shows an article's date; the zone is named once in the
// message.
const dateFormat = "2 Jan 2006 15:04"

// item builds the entry of a listed under section.
func (s *Service) item(a *crawler.Article, section string, loc *time.Location, hosts map[string][]string) Item {
	it := Item{
		ID: a.ID, Title: cmp.Or(collapse(a.Title), a.URL), URL: a.URL,
		Outlet: cmp.Or(collapse(a.SiteName), a.Source, displayHost(hostOf(a.URL))),
		Date:   a.Date().In(loc).Format(dateFormat), Lang: a.Lang, LangName: langName(a.Lang),
	}
	for _, p := range a.Pillars {
		if p != section {
			it.Tags = append(it.Tags, s.pillarName(p))
		}
	}
	it.Lead = lead(a.Text, a.Title)
	it.Why = s.why(a, section, it.Lead)
	it.Also = alsoReportedBy(a, hosts)
	return it
}

// langName names a language code in English ("vi" is "Vietnamese").
func langName(code string) string {
	if code == "" {
		return "unknown language"
	}
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := display.English.Languages().Name(tag); name != "" {
		return name
	}
	return code
}

// datelineRe matches the place (and agency) that opens many news
// paragraphs, "HO CHI MINH CITY — " or "(VNA) - ": the lead has little room
// and the outlet is shown anyway.
var datelineRe = regexp.MustCompile(`^(?:\p{Lu}[\p{Lu}\p{M}.'’ ]{2,40}(?:, [^—–\-]{1,30})?(?: \([^()]{1,30}\))?|\([^()]{2,40}\))\s*[—–-]{1,2}\s*`)

// lead returns the opening of the first paragraph of text that says
// something (not the title again, not a byline), clipped to two lines.
func lead(text, title string) string {
	title = collapse(title)
	for para := range strings.SplitSeq(text, "\n\n") {
		p := collapse(para)
		if p == "" || p == title {
			continue
		}
		p = datelineRe.ReplaceAllString(p, "")
		if uniseg.StringWidth(p) < minLeadWidth {
			continue
		}
		return clip(p, leadWidth)
	}
	return ""
}

// why returns the evidence sentence for pillar with its deciding phrases
// marked: from the record's spans when it has them, else with the
// taxonomy phrases found in its evidence. Among the sentences, one with a
// marked phrase comes first, then one the item does not show already in
// its lead, then one other than the headline, then the most phrases.
func (s *Service) why(a *crawler.Article, pillar, lead string) []Segment {
	type candidate struct {
		sentence string
		marks    []crawler.Mark
	}
	var cands []candidate
	if spans := a.Spans[pillar]; len(spans) > 0 {
		for _, sp := range spans {
			cands = append(cands, candidate{sp.Sentence, validMarks(sp.Marks, len([]rune(sp.Sentence)))})
		}
	} else {
		pp := s.pillars[pillar].phrases
		for _, sent := range a.Evidence[pillar] {
			cands = append(cands, candidate{sent, pp.find(sent)})
		}
	}
	title, shown := collapse(a.Title), strings.TrimSuffix(lead, "…")
	best, bestScore := -1, -1
	for i, c := range cands {
		sent := strings.TrimSuffix(collapse(c.sentence), "…")
		score := min(len(c.marks), 9)
		if len(c.marks) > 0 {
			score += 40
		}
		if shown == "" || !strings.Contains(shown, sent) && !strings.HasPrefix(sent, shown) {
			score += 20
		}
		if sent != title {
			score += 10
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil
	}
	return excerpt(cands[best].sentence, cands[best].marks, whyWidth)
}

// validMarks returns the marks that lie within n runes, in order and
// without overlap; records written by other versions are not trusted.
func validMarks(marks []crawler.Mark, n int) []crawler.Mark {
	var out []crawler.Mark
	end := 0
	for _, m := range marks {
		if m.Start >= end && m.Start < m.End && m.End <= n {
			out = append(out, m)
			end = m.End
		}
	}
	return out
}

// excerpt splits sentence into marked and plain segments. A sentence wider
// than width is cut to a window around its first mark, with "…" where text
// was left out.
func excerpt(sentence string, marks []crawler.Mark, width int) []Segment {
	runes := []rune(sentence)
	marks = validMarks(marks, len(runes))
	start, end := 0, len(runes)
	if uniseg.StringWidth(sentence) > width {
		if len(marks) > 0 {
			start = max(0, marks[0].Start-width/4)
			for start > 0 && start < marks[0].Start && runes[start-1] != ' ' && !isCJK(runes[start]) {
				start++ // begin at a word
			}
		}
		end = start
		for col := 0; end < len(runes); end++ {
			if col += uniseg.StringWidth(string(runes[end])); col > width-2 {
				break
			}
		}
	}
	var segs []Segment
	add := func(from, to int, mark bool) {
		from, to = max(from, start), min(to, end)
		if from < to {
			segs = append(segs, Segment{Text: string(runes[from:to]), Mark: mark})
		}
	}
	pos := start
	for _, m := range marks {
		add(pos, m.Start, false)
		add(m.Start, m.End, true)
		pos = max(pos, m.End)
	}
	add(pos, end, false)
	if start > 0 {
		segs = append([]Segment{{Text: "…"}}, segs...)
	}
	if end < len(runes) {
		segs = append(segs, Segment{Text: "…"})
	}
	for i := range segs {
		segs[i].Text = strings.ReplaceAll(segs[i].Text, "\n", " ")
	}
	return segs
}

// sourceHosts maps each configured source's host to the source names on it.
func (s *Service) sourceHosts() map[string][]string {
	hosts := map[string][]string{}
	for _, src := range s.cfg.Sources {
		if h := hostOf(src.URL); h != "" {
			hosts[h] = append(hosts[h], src.Name)
		}
	}
	return hosts
}

// alsoReportedBy lists the other outlets of a merged story: one link per
// host other than the canonical URL's, named after the source that found
// it there when one did.
func alsoReportedBy(a *crawler.Article, hosts map[string][]string) []Link {
	seen := map[string]bool{hostOf(a.URL): true}
	var links []Link
	for _, u := range a.URLs {
		h := hostOf(u)
		if h == "" || seen[h] {
			continue
		}
		seen[h] = true
		name := displayHost(h)
		names := hosts[h]
		if i := slices.IndexFunc(a.Sources, func(n string) bool { return slices.Contains(names, n) }); i >= 0 {
			name = a.Sources[i]
		} else if len(names) == 1 {
			name = names[0]
		}
		links = append(links, Link{Name: name, URL: u})
	}
	return links
}

func hostOf(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(pu.Host)
}

func displayHost(h string) string { return strings.TrimPrefix(h, "www.") }

// sourceNotes lists the configured sources that are failing or silent, as
// the daemon's source health says, failing ones first.
func (s *Service) sourceNotes(now time.Time, loc *time.Location) ([]SourceNote, error) {
	states, err := s.st.SourceStates()
	if err != nil {
		return nil, err
	}
	byName := map[string]crawler.SourceState{}
	for _, st := range states {
		byName[st.Name] = st
	}
	var failing, silent []SourceNote
	for _, src := range s.cfg.Sources {
		st, ok := byName[src.Name]
		if !ok {
			continue
		}
		switch {
		case health.Failing(st):
			failing = append(failing, SourceNote{Name: src.Name, Status: health.StatusFailing,
				Detail: fmt.Sprintf("%d failed attempts in a row, the last on %s: %s",
					st.ConsecutiveFailures, st.LastAttempt.In(loc).Format(dateFormat), clip(collapse(st.LastError), errorWidth))})
		case health.Silent(st, s.cfg.SourceExpectEvery(src), now):
			since := cmp.Or(st.LastNew, st.FirstAttempt)
			silent = append(silent, SourceNote{Name: src.Name, Status: health.StatusSilent,
				Detail: "no new article since " + since.In(loc).Format(dateFormat)})
		}
	}
	return append(failing, silent...), nil
}
