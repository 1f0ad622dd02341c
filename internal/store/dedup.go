package store

import (
	"bytes"
	"cmp"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// Near-duplicate detection, tuned on testdata/dedup. There, copies of one
// story with a dateline added, a headline rewritten and a source line
// appended are 2–5 bits apart and share 93–97% of their shingles; different
// stories on the same topic, written to the same press-release template,
// are 32–36 bits apart and share under 10%. Short wire copies (wire_*)
// that add a dateline, an "UPDATE:" headline prefix, a credit line and an
// advertisement's lines are up to 16 bits away and share only 60–66% of
// the union, but contain 95–100% of the original's shingles; short
// stories on the same topic from the same template contain at most 50% of
// each other's.
const (
	// numBands 16-bit bands make up the 64-bit SimHash. Put probes each band
	// at its own value and at every value one bit away, which finds every
	// stored hash within 2*numBands-1 = 7 bits (pigeonhole: one band then
	// differs in at most one bit) and most of those within maxDistance.
	// The sketch index (sketch.go) finds the copies SimHash misses.
	numBands = 4
	// maxDistance is the Hamming distance under which a stored article is a
	// candidate; candidates are then confirmed on their shingles.
	maxDistance = 10
	// minShingles: below this a text says too little to be compared at all
	// (a body that could not be extracted, a one-line teaser).
	minShingles = 8
	// shortText: below this many shingles, a shared standfirst or a
	// site's boilerplate could make two stories look alike, so the titles
	// must agree too.
	shortText = 60
	// minJaccard is the share of shingles two longer texts must have in
	// common; minShortJaccard and minTitle apply to short texts.
	minJaccard      = 0.5
	minShortJaccard = 0.7
	minTitle        = 0.5
	// minContainment is the share of the smaller text's shingles found in
	// the larger that makes them one story despite inserts (dateline,
	// credit, advertisement) in one copy, provided the inserts are small:
	// the larger may have at most maxInsertShare of the smaller's size
	// plus maxInsertShingles shingles of its own. A brief quoted whole in
	// a round-up of several stories is not the round-up.
	minContainment    = 0.85
	maxInsertShare    = 0.5
	maxInsertShingles = 20
	// maxConfirm bounds the candidates read and compared per new article,
	// nearest first: each costs a record decode and a fingerprint, and a
	// site whose stories share template sentences (or one built to) would
	// otherwise make every write read dozens of records. A copy is among
	// the nearest: 2–5 bits away, or sharing most of its sketch.
	maxConfirm = 8
)

// candidate is a stored article whose SimHash is near the new one.
type candidate struct {
	id   string
	dist int
}

// findNearDuplicate returns the stored article that tells the same story as
// a, or nil. fp is a's fingerprint.
func findNearDuplicate(tx *bolt.Tx, a *crawler.Article, fp fingerprint) (*crawler.Article, error) {
	if len(fp.shingles) < minShingles {
		return nil, nil
	}
	var best *crawler.Article
	bestScore := 0.0
	for _, c := range candidates(tx, fp) {
		stored, err := getArticle(tx, c.id)
		if err != nil {
			return nil, err
		}
		if stored == nil {
			continue
		}
		if score, ok := sameStory(a, fp, stored); ok && score > bestScore {
			best, bestScore = stored, score
		}
	}
	return best, nil
}

// candidates returns the stored articles near fp by SimHash, then those
// the sketch index finds, each once, at most maxConfirm of them.
func candidates(tx *bolt.Tx, fp fingerprint) []candidate {
	out := nearHashes(tx.Bucket(bucketBands), fp.hash)
	seen := make(map[string]bool, len(out))
	for _, c := range out {
		seen[c.id] = true
	}
	for _, c := range sketchCandidates(tx, fp.shingles) {
		if !seen[c.id] {
			out = append(out, c)
		}
	}
	return out[:min(len(out), maxConfirm)]
}

// nearHashes probes the band index and returns the stored articles within
// maxDistance of h, nearest first.
func nearHashes(bands *bolt.Bucket, h uint64) []candidate {
	seen := make(map[string]bool)
	var out []candidate
	c := bands.Cursor()
	probe := func(band int, bits uint16) {
		prefix := bandKey(band, bits, "")
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			id := string(k[len(prefix):]) // copies out of the page
			if seen[id] {
				continue
			}
			seen[id] = true
			if d := hamming(h, decodeUint64(v)); d <= maxDistance {
				out = append(out, candidate{id: id, dist: d})
			}
		}
	}
	for b := range numBands {
		bits := bandBits(h, b)
		probe(b, bits)
		for i := range 16 {
			probe(b, bits^1<<i)
		}
	}
	sortCandidates(out)
	return out
}

// sortCandidates orders candidates nearest first, then by ID.
func sortCandidates(out []candidate) {
	slices.SortFunc(out, func(x, y candidate) int {
		return cmp.Or(cmp.Compare(x.dist, y.dist), cmp.Compare(x.id, y.id))
	})
}

// sameStory confirms a candidate on the shingles themselves: a large
// enough share of the union in common (Jaccard), or of the smaller text
// found in the larger with small inserts (containment); short texts must
// also have similar titles. score ranks confirmed candidates.
func sameStory(a *crawler.Article, fp fingerprint, stored *crawler.Article) (score float64, ok bool) {
	sfp := fingerprintText(stored.Text)
	inter := intersection(fp.shingles, sfp.shingles)
	small, large := min(len(fp.shingles), len(sfp.shingles)), max(len(fp.shingles), len(sfp.shingles))
	if small == 0 {
		return 0, false
	}
	j := float64(inter) / float64(small+large-inter)
	contained := float64(inter)/float64(small) >= minContainment &&
		float64(large-inter) <= maxInsertShare*float64(small)+maxInsertShingles
	if small >= shortText {
		return j, j >= minJaccard || contained
	}
	return j, (j >= minShortJaccard || contained) && titleSimilarity(a.Title, stored.Title) >= minTitle
}

// mergeInto folds a newly found copy src into the stored record dst: its
// URLs (except those another record already owns) and sources are added,
// and fields dst lacks are filled from src. dst keeps its ID, its first text
// and the classification of that text, unless dst had no text at all; then
// src's text and classification are taken and textTaken is true.
func mergeInto(tx *bolt.Tx, dst, src *crawler.Article) (textTaken bool) {
	urls := tx.Bucket(bucketURLs)
	for _, u := range src.URLs {
		if owner := urls.Get([]byte(u)); owner != nil && string(owner) != dst.ID {
			continue
		}
		dst.URLs = appendMissing(dst.URLs, u)
	}
	if dst.Source == "" {
		dst.Source = src.Source
	}
	dst.Sources = sourcesOf(dst)
	for _, s := range src.Sources {
		dst.Sources = appendMissing(dst.Sources, s)
	}
	if dst.Published.IsZero() {
		dst.Published = src.Published
	}
	dst.Title = cmp.Or(dst.Title, src.Title)
	dst.Author = cmp.Or(dst.Author, src.Author)
	dst.SiteName = cmp.Or(dst.SiteName, src.SiteName)
	dst.Lang = cmp.Or(dst.Lang, src.Lang)
	if dst.Text == "" && src.Text != "" {
		dst.Text = src.Text
		dst.Classification = src.Classification
		return true
	}
	return false
}

func appendMissing(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
