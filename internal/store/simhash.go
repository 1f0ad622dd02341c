package store

import (
	"math/bits"
	"slices"
)

// fingerprint is what near-duplicate detection knows about one text: its
// 64-bit SimHash and the sorted, distinct shingle hashes it was built from.
type fingerprint struct {
	hash     uint64
	shingles []uint64 // sorted, distinct
}

// Shingle sizes: three words for space-separated scripts, four characters
// for Han and kana, where one character carries about as much as a short
// word and there are no spaces to split on.
const (
	wordShingle = 3
	charShingle = 4
)

// fingerprintText tokenises text, builds its shingles and their SimHash.
func fingerprintText(text string) fingerprint {
	th := make([]uint64, 0, len(text)/5)
	cjk := 0
	scanTokens(text, func(tok []byte, isCJK bool) {
		th = append(th, hashBytes(tok))
		if isCJK {
			cjk++
		}
	})
	if len(th) == 0 {
		return fingerprint{}
	}
	k := wordShingle
	if cjk*2 > len(th) {
		k = charShingle
	}
	k = min(k, len(th))
	sh := make([]uint64, 0, len(th)-k+1)
	for i := 0; i+k <= len(th); i++ {
		var h uint64
		for _, x := range th[i : i+k] {
			h = mix64(h*fnvPrime ^ x)
		}
		sh = append(sh, h)
	}
	slices.Sort(sh)
	sh = slices.Compact(sh)
	return fingerprint{hash: simhash(sh), shingles: sh}
}

// simhash folds feature hashes into one 64-bit value whose Hamming distance
// to another approximates the angle between the two feature sets: bit i is
// set when most features have bit i set.
//
// Counting 64 bits per feature one at a time dominated the cost of a
// fingerprint, so the counts are kept eight at a time: byte j of a feature
// adds spread[byte], whose eight 8-bit lanes hold that byte's bits, to
// acc[j]. Lanes are emptied into counts before they can overflow.
func simhash(features []uint64) uint64 {
	var counts [64]int
	var acc [8]uint64
	flush := func() {
		for j, a := range acc {
			for k := range 8 {
				counts[8*j+k] += int(a >> (8 * k) & 0xff)
			}
		}
		acc = [8]uint64{}
	}
	for i, f := range features {
		for j := range acc {
			acc[j] += spread[byte(f>>(8*j))]
		}
		if i%255 == 254 {
			flush()
		}
	}
	flush()
	var h uint64
	for i, ones := range counts {
		if ones*2 > len(features) {
			h |= 1 << i
		}
	}
	return h
}

// spread[b] has bit k of b in the lowest bit of byte k.
var spread = func() (t [256]uint64) {
	for b := range t {
		for k := range 8 {
			t[b] |= uint64(b>>k&1) << (8 * k)
		}
	}
	return t
}()

// hamming is the number of differing bits.
func hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// jaccard is |a∩b| / |a∪b| for two sorted, distinct slices.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := intersection(a, b)
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// intersection is |a∩b| for two sorted, distinct slices.
func intersection(a, b []uint64) int {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return inter
}

// titleSimilarity is the Dice coefficient of the titles' words, or of their
// character bigrams when the title is mostly Han or kana.
func titleSimilarity(a, b string) float64 {
	sa, sb := titleTerms(a), titleTerms(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	inter := 0
	for t := range sa {
		if sb[t] {
			inter++
		}
	}
	return 2 * float64(inter) / float64(len(sa)+len(sb))
}

func titleTerms(title string) map[string]bool {
	toks := tokenize(title)
	set := make(map[string]bool, len(toks))
	if !cjkMajority(toks) {
		for _, t := range toks {
			set[t] = true
		}
		return set
	}
	for i := 0; i+1 < len(toks); i++ {
		set[toks[i]+toks[i+1]] = true
	}
	if len(toks) == 1 {
		set[toks[0]] = true
	}
	return set
}
