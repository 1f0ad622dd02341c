package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestPut_NearDuplicates(t *testing.T) {
	tests := []struct {
		name          string
		first, second string // fixtures in testdata/dedup
		wantMerged    bool
	}{
		{"same text at a tracking URL", "en_loan", "en_loan", true},
		{"syndicated copy with dateline and source line", "en_loan", "en_loan_syndicated", true},
		{"different loan from the same press-release template", "en_loan", "en_loan_other", false},
		{"different stories on interns", "en_interns_a", "en_interns_b", false},
		{"Vietnamese copy with dateline", "vi_chip", "vi_chip_copy", true},
		{"Vietnamese different story", "vi_chip", "vi_labour", false},
		{"Japanese copy with full-width digits", "ja_chip", "ja_chip_copy", true},
		{"Japanese different story", "ja_chip", "ja_labour", false},
		{"translation stays separate", "vi_chip", "ja_chip", false},
		{"short copy with a similar title", "en_brief", "en_brief_copy", true},
		{"short text under an unrelated title", "en_brief", "en_brief_retitled", false},
		{"short story from the same template", "en_brief", "en_brief_other", false},
		// Short wire copies with a dateline, an UPDATE headline prefix, a
		// credit line and advertisement lines, either way round.
		{"wire copy with dateline, credit and ad", "wire_pontoon", "wire_pontoon_copy", true},
		{"original after its wire copy", "wire_pontoon_copy", "wire_pontoon", true},
		{"wire copy with read-more line and source", "wire_scholarship", "wire_scholarship_copy", true},
		{"Vietnamese wire copy", "wire_vi_bridge", "wire_vi_bridge_copy", true},
		{"Japanese wire copy", "wire_ja_trainee", "wire_ja_trainee_copy", true},
		// Different short stories on the same topic stay apart.
		{"another ferry crossing", "wire_pontoon", "wire_pontoon_other", false},
		{"another ferry crossing, copy first", "wire_pontoon_copy", "wire_pontoon_other", false},
		{"another scholarship", "wire_scholarship_copy", "wire_scholarship_other", false},
		{"another Vietnamese grant", "wire_vi_bridge_copy", "wire_vi_bridge_other", false},
		{"another Japanese employer", "wire_ja_trainee_copy", "wire_ja_trainee_other", false},
		{"a round-up quoting the story whole", "wire_pontoon", "wire_pontoon_roundup", false},
		{"the story after a round-up quoting it", "wire_pontoon_roundup", "wire_pontoon", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustOpen(t)
			title1, body1 := readFixture(t, tt.first)
			title2, body2 := readFixture(t, tt.second)
			first := newArticle("https://first.example/"+tt.first, title1, body1)
			first.Source = "first"
			id1, _, err := s.Put(first)
			mustDo(t, err)
			second := newArticle("https://second.example/"+tt.second+"?utm_source=feed", title2, body2)
			second.Source = "second"
			second.Published = time.Date(2025, 3, 12, 4, 0, 0, 0, time.UTC)
			id2, merged, err := s.Put(second)
			mustDo(t, err)
			if merged != tt.wantMerged || (id1 == id2) != tt.wantMerged {
				t.Fatalf("Put(second) merged=%v (ids %s, %s), want %v", merged, id1, id2, tt.wantMerged)
			}
			if !merged {
				return
			}
			got, err := s.Get(id1)
			mustDo(t, err)
			if want := []string{first.URL, second.URL}; !slices.Equal(got.URLs, want) {
				t.Errorf("URLs=%q, want %q", got.URLs, want)
			}
			if want := []string{"first", "second"}; !slices.Equal(got.Sources, want) {
				t.Errorf("Sources=%q, want %q", got.Sources, want)
			}
			if got.Title != title1 || got.Text != body1 {
				t.Errorf("Title=%q and text kept=%v, want the first copy's", got.Title, got.Text == body1)
			}
			if !got.Published.Equal(second.Published) {
				t.Errorf("Published=%v, want %v filled from the copy", got.Published, second.Published)
			}
		})
	}
}

func TestPut_NearDuplicateAmongMany(t *testing.T) {
	s := MustOpen(t)
	s.db.NoSync = true // 500 unsynced commits: the test is about the index, not durability
	for i := range 500 {
		a := newArticle(fmt.Sprintf("https://decoy.example/%d", i), "Decoy", synthText(uint64(i), 250))
		if _, merged, err := s.Put(a); err != nil || merged {
			t.Fatalf("Put(decoy %d) merged=%v err=%v, want a new record", i, merged, err)
		}
	}
	title, body := readFixture(t, "en_loan")
	id, _, err := s.Put(newArticle("https://first.example/loan", title, body))
	mustDo(t, err)
	title, body = readFixture(t, "en_loan_syndicated")
	got, merged, err := s.Put(newArticle("https://second.example/loan", title, body))
	if err != nil || !merged || got != id {
		t.Fatalf("Put(copy)=%q,%v,%v, want %q,true", got, merged, err, id)
	}
}

// TestPut_NearDuplicateAmongTemplated stores stories that each open with
// the same third of a wire story, so that every one of them is a sketch
// candidate for its copy: the copy must still find the original although
// only the nearest maxConfirm candidates are compared.
func TestPut_NearDuplicateAmongTemplated(t *testing.T) {
	s := MustOpen(t)
	s.db.NoSync = true
	title, body := readFixture(t, "wire_pontoon")
	words := strings.Fields(body)
	opening := strings.Join(words[:len(words)/3], " ")
	for i := range 4 * maxConfirm {
		a := newArticle(fmt.Sprintf("https://decoy.example/%d", i), title, opening+" "+synthText(uint64(i), len(words)))
		if _, merged, err := s.Put(a); err != nil || merged {
			t.Fatalf("Put(decoy %d) merged=%v err=%v, want a new record", i, merged, err)
		}
	}
	id, _, err := s.Put(newArticle("https://first.example/pontoon", title, body))
	mustDo(t, err)
	title, body = readFixture(t, "wire_pontoon_copy")
	got, merged, err := s.Put(newArticle("https://second.example/pontoon", title, body))
	if err != nil || !merged || got != id {
		t.Fatalf("Put(copy)=%q,%v,%v, want %q,true", got, merged, err, id)
	}
}

func TestPut_EmptyTextsStaySeparate(t *testing.T) {
	s := MustOpen(t)
	for i, text := range []string{"", "", "Photo: staff", "Photo: staff"} {
		a := newArticle(fmt.Sprintf("https://a.example/%d", i), "Gallery", text)
		if _, merged, err := s.Put(a); err != nil || merged {
			t.Fatalf("Put(%d, %q) merged=%v err=%v, want a new record", i, text, merged, err)
		}
	}
}

// TestNearHashes checks the band probe's guarantee: every stored hash
// within 7 bits is found, however the differing bits fall, and none beyond
// maxDistance is returned.
func TestNearHashes(t *testing.T) {
	s := MustOpen(t)
	r := rand.New(rand.NewPCG(7, 7))
	base := r.Uint64()
	tests := []struct {
		name    string
		perBand [numBands]int // bits flipped in each band
		want    bool
	}{
		{"identical", [4]int{0, 0, 0, 0}, true},
		{"7 bits, worst spread", [4]int{2, 2, 2, 1}, true},
		{"7 bits in one band", [4]int{7, 0, 0, 0}, true},
		{"6 bits, 3 and 3", [4]int{3, 0, 3, 0}, true},
		{"10 bits, one band off by one", [4]int{1, 3, 3, 3}, true},
		{"beyond maxDistance", [4]int{0, 0, 0, maxDistance + 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := base
			for b, n := range tt.perBand {
				for _, bit := range r.Perm(16)[:n] {
					h ^= 1 << (16*b + bit)
				}
			}
			id := fmt.Sprintf("%012x", h)[:12]
			mustDo(t, s.update(func(tx *bolt.Tx) error {
				return indexFingerprint(tx, id, fingerprint{hash: h, shingles: make([]uint64, minShingles)})
			}))
			var found bool
			mustDo(t, s.view(func(tx *bolt.Tx) error {
				for _, c := range nearHashes(tx.Bucket(bucketBands), base) {
					found = found || c.id == id
				}
				return nil
			}))
			// Unindex again: there is no article behind the hash.
			mustDo(t, s.update(func(tx *bolt.Tx) error {
				return indexFingerprint(tx, id, fingerprint{})
			}))
			if found != tt.want {
				t.Fatalf("hash %d bits away found=%v, want %v", hamming(base, h), found, tt.want)
			}
		})
	}
}

// TestPut_ConcurrentCopies puts copies of one story from several goroutines
// at once: each Put decides and writes in one transaction, so exactly one
// creates the record and the others merge into it.
func TestPut_ConcurrentCopies(t *testing.T) {
	s := MustOpen(t)
	title, body := readFixture(t, "en_loan")
	const n = 8
	type result struct {
		id     string
		merged bool
		err    error
	}
	results := make(chan result, n)
	for i := range n {
		go func() {
			a := newArticle(fmt.Sprintf("https://copy%d.example/loan", i), title, body)
			id, merged, err := s.Put(a)
			results <- result{id, merged, err}
		}()
	}
	ids := map[string]bool{}
	created := 0
	for range n {
		r := <-results
		mustDo(t, r.err)
		ids[r.id] = true
		if !r.merged {
			created++
		}
	}
	if len(ids) != 1 || created != 1 {
		t.Fatalf("%d records, %d created, want 1 and 1", len(ids), created)
	}
	for id := range ids {
		a, err := s.Get(id)
		mustDo(t, err)
		if len(a.URLs) != n {
			t.Errorf("record has %d URLs, want %d", len(a.URLs), n)
		}
	}
}

// A file written before the sketch index gets it at open, and copies
// found only through it are merged.
func TestOpen_BackfillsSketches(t *testing.T) {
	path := t.TempDir() + "/old.db"
	s, err := Open(path, Options{})
	mustDo(t, err)
	title, body := readFixture(t, "wire_pontoon")
	id, _, err := s.Put(newArticle("https://first.example/pontoon", title, body))
	mustDo(t, err)
	mustDo(t, s.update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketSketch, bucketSketches} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return nil
	}))
	mustDo(t, s.Close())

	s = MustOpenPath(t, path) // checks the indexes when the test ends
	title, body = readFixture(t, "wire_pontoon_copy")
	got, merged, err := s.Put(newArticle("https://wire.example/pontoon", title, body))
	if err != nil || !merged || got != id {
		t.Fatalf("Put(copy)=%q,%v,%v after reopening; want it merged into %s", got, merged, err, id)
	}
}
