package store

import (
	"bytes"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

// queryDay is the date of the newest query fixture.
var queryDay = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

// queryFixture stores six articles in three languages, one a day back from
// queryDay, and returns their IDs by name.
func queryFixture(t *testing.T, s *Store) map[string]string {
	t.Helper()
	rows := []struct {
		name, lang, source, title, text string
		pillars                         []string
		relevance                       float64
	}{
		{"chip", "en", "wire-en", "Chip makers train engineers in Da Nang",
			"Two firms from Kumamoto will train semiconductor engineers with a university in Đà Nẵng.",
			[]string{crawler.PillarSemiconductors, crawler.PillarEducation}, 0.9},
		{"metro", "vi", "bao-vi", "Tuyến metro số 1 vận hành ổn định",
			"Dự án vốn vay ODA của Nhật Bản tại Thành phố Hồ Chí Minh đã chở hai triệu lượt khách.",
			[]string{crawler.PillarDevelopment}, 0.8},
		{"kaigo", "ja", "shinbun-ja", "介護人材の受け入れ拡大",
			"ベトナムからの介護福祉士候補者が来月、横浜市の施設で研修を始める。",
			[]string{crawler.PillarHealth, crawler.PillarLabour}, 0.7},
		{"weather", "en", "wire-en", "Rain expected across the north",
			"Forecasters expect heavy rain in the northern provinces this weekend.", nil, 0.1},
		{"lao", "vi", "bao-vi", "Hợp tác lao động với Nhật Bản",
			"Thực tập sinh kỹ năng Việt Nam sang Nhật Bản làm việc tại tỉnh Aichi.",
			[]string{crawler.PillarLabour}, 0.6},
		{"wind", "ja", "shinbun-ja", "洋上風力で協力",
			"日越の企業がベトナム中部で洋上風力発電の調査を行う。",
			[]string{crawler.PillarGreen, crawler.PillarEconomy}, 0.5},
	}
	ids := map[string]string{}
	for i, r := range rows {
		a := newArticle("https://q.example/"+r.name, r.title, r.text)
		a.Lang, a.Source = r.lang, r.source
		a.Published = queryDay.AddDate(0, 0, -i)
		a.Relevant, a.Pillars, a.Relevance = r.pillars != nil, r.pillars, r.relevance
		if a.Relevant {
			a.Primary = r.pillars[0]
		}
		id, merged, err := s.Put(a)
		mustDo(t, err)
		if merged {
			t.Fatalf("%s merged", r.name)
		}
		ids[r.name] = id
	}
	return ids
}

func names(t *testing.T, ids map[string]string, list []*crawler.Article) []string {
	t.Helper()
	byID := map[string]string{}
	for n, id := range ids {
		byID[id] = n
	}
	out := []string{}
	for _, a := range list {
		out = append(out, byID[a.ID])
	}
	return out
}

func TestQuery_Filters(t *testing.T) {
	s := MustOpen(t)
	ids := queryFixture(t, s)
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"relevant", Query{}, []string{"chip", "metro", "kaigo", "lao", "wind"}},
		{"all", Query{All: true}, []string{"chip", "metro", "kaigo", "weather", "lao", "wind"}},
		{"pillar, any of several", Query{Pillar: crawler.PillarLabour}, []string{"kaigo", "lao"}},
		{"lang", Query{Lang: "ja"}, []string{"kaigo", "wind"}},
		{"source", Query{Source: "bao-vi"}, []string{"metro", "lao"}},
		{"since", Query{Since: queryDay.AddDate(0, 0, -2)}, []string{"chip", "metro", "kaigo"}},
		{"until", Query{Until: queryDay.AddDate(0, 0, -3)}, []string{"lao", "wind"}},
		{"min relevance", Query{MinRelevance: 0.75}, []string{"chip", "metro"}},
		{"lang and pillar", Query{Lang: "vi", Pillar: crawler.PillarLabour}, []string{"lao"}},
		{"limit", Query{Limit: 2}, []string{"chip", "metro"}},
		{"search en", Query{Text: "semiconductor engineers"}, []string{"chip"}},
		{"search en, case", Query{Text: "KUMAMOTO"}, []string{"chip"}},
		{"search vi with diacritics", Query{Text: "Nhật Bản"}, []string{"metro", "lao"}},
		{"search vi without diacritics", Query{Text: "nhat ban"}, []string{"metro", "lao"}},
		{"search vi đ folded", Query{Text: "da nang"}, []string{"chip"}},
		{"search vi title", Query{Text: "van hanh"}, []string{"metro"}},
		{"search ja, no spaces", Query{Text: "介護福祉士"}, []string{"kaigo"}},
		{"search ja, one character", Query{Text: "風"}, []string{"wind"}},
		{"search ja katakana", Query{Text: "ベトナム"}, []string{"kaigo", "wind"}},
		{"search and pillar", Query{Text: "ベトナム", Pillar: crawler.PillarGreen}, []string{"wind"}},
		{"search and lang", Query{Text: "nhat", Lang: "ja"}, []string{}},
		{"search needs every word", Query{Text: "metro Kumamoto"}, []string{}},
		{"search misses", Query{Text: "Osaka"}, []string{}},
		{"search of punctuation", Query{Text: "?!"}, []string{}},
		{"search irrelevant needs all", Query{Text: "rain"}, []string{}},
		{"search all", Query{Text: "rain", All: true}, []string{"weather"}},
		{"search since", Query{Text: "nhật", Since: queryDay.AddDate(0, 0, -2)}, []string{"metro"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := s.List(tt.q)
			mustDo(t, err)
			if got := names(t, ids, list); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestEach_Cursor pages through the articles two at a time while new ones
// arrive: no article is repeated or skipped, and the last page says so.
func TestEach_Cursor(t *testing.T) {
	for _, text := range []string{"", "nhat ban"} {
		t.Run("text="+text, func(t *testing.T) {
			s := MustOpen(t)
			for i := range 7 {
				a := newArticle("https://c.example/"+strconv.Itoa(i), "Nhật Bản "+strconv.Itoa(i), synthText(uint64(i), 40)+" Nhật Bản")
				a.Published = queryDay.Add(-time.Duration(i) * 24 * time.Hour)
				a.Relevant, a.Pillars = true, []string{crawler.PillarEconomy}
				_, _, err := s.Put(a)
				mustDo(t, err)
			}
			var seen []string
			cursor := ""
			for page := 0; ; page++ {
				var got []string
				next, err := s.Each(Query{Text: text, Limit: 2, Cursor: cursor}, func(a *crawler.Article) error {
					got = append(got, a.Title)
					return nil
				})
				mustDo(t, err)
				seen = append(seen, got...)
				// A newer article stored between pages must not shift them.
				a := newArticle("https://c.example/new"+strconv.Itoa(page), "Nhật Bản new", synthText(uint64(100+page), 40)+" Nhật Bản")
				a.Published, a.Relevant = queryDay.Add(time.Hour), true
				_, _, err = s.Put(a)
				mustDo(t, err)
				if next == "" {
					if len(got) == 0 && page > 0 {
						t.Error("the previous page handed out a cursor to an empty page")
					}
					break
				}
				cursor = next
			}
			want := []string{"Nhật Bản 0", "Nhật Bản 1", "Nhật Bản 2", "Nhật Bản 3", "Nhật Bản 4", "Nhật Bản 5", "Nhật Bản 6"}
			if !slices.Equal(seen, want) {
				t.Errorf("pages gave %v, want %v", seen, want)
			}
		})
	}
}

func TestEach_StopsOnError(t *testing.T) {
	s := MustOpen(t)
	queryFixture(t, s)
	stop := errors.New("stop")
	n := 0
	_, err := s.Each(Query{}, func(*crawler.Article) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Each returned %v after %d calls, want stop after 1", err, n)
	}
	if _, err := s.Each(Query{Cursor: "not a cursor!"}, func(*crawler.Article) error { return nil }); !errors.Is(err, ErrBadCursor) {
		t.Errorf("bad cursor: %v, want ErrBadCursor", err)
	}
}

func TestCount(t *testing.T) {
	s := MustOpen(t)
	queryFixture(t, s)
	tests := []struct {
		name    string
		q       Query
		total   int
		all     int
		pillars map[string]int
	}{
		{"no filter", Query{}, 5, 5, map[string]int{"semiconductors": 1, "human-resources-education": 1,
			"development-infrastructure": 1, "health": 1, "labour": 2, "green-transition-energy": 1, "economy-trade-investment": 1}},
		{"pillar", Query{Pillar: crawler.PillarLabour}, 2, 5, nil},
		{"lang", Query{Lang: "vi"}, 2, 2, map[string]int{"development-infrastructure": 1, "labour": 1}},
		{"lang and pillar", Query{Lang: "vi", Pillar: crawler.PillarLabour}, 1, 2, map[string]int{"development-infrastructure": 1, "labour": 1}},
		{"search", Query{Text: "ベトナム"}, 2, 2, map[string]int{"health": 1, "labour": 1, "green-transition-energy": 1, "economy-trade-investment": 1}},
		{"capped", Query{All: true, Limit: 4}, 4, 4, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := s.Count(tt.q)
			mustDo(t, err)
			if c.Total != tt.total || c.All != tt.all {
				t.Errorf("Total=%d All=%d, want %d %d", c.Total, c.All, tt.total, tt.all)
			}
			if c.Partial != (tt.q.Limit > 0) {
				t.Errorf("Partial=%v with limit %d", c.Partial, tt.q.Limit)
			}
			if tt.pillars != nil && !mapsEqual(c.Pillars, tt.pillars) {
				t.Errorf("Pillars=%v, want %v", c.Pillars, tt.pillars)
			}
		})
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestQuery_FollowsWrites checks that a reclassification, a changed date
// and a merge that brings a text are seen by the filters and the search.
func TestQuery_FollowsWrites(t *testing.T) {
	s := MustOpen(t)
	ids := queryFixture(t, s)
	a, err := s.Get(ids["weather"])
	mustDo(t, err)
	a.Relevant, a.Pillars, a.Primary = true, []string{crawler.PillarGreen}, crawler.PillarGreen
	a.Published = queryDay.AddDate(0, -2, 0) // moves to another week
	mustDo(t, s.Update(a))
	list, err := s.List(Query{Pillar: crawler.PillarGreen, Text: "forecasters"})
	mustDo(t, err)
	if got := names(t, ids, list); !slices.Equal(got, []string{"weather"}) {
		t.Errorf("after update: %v, want [weather]", got)
	}
	// A record first stored without text takes the text of a copy found
	// later; the search finds it by that text.
	empty := newArticle("https://q.example/empty", "Empty at first", "")
	id, _, err := s.Put(empty)
	mustDo(t, err)
	full := newArticle("https://q.example/empty", "Empty at first", "Hải Phòng đón tàu hàng từ Osaka.")
	_, merged, err := s.Put(full)
	mustDo(t, err)
	list, err = s.List(Query{All: true, Text: "hai phong osaka"})
	mustDo(t, err)
	if !merged || len(list) != 1 || list[0].ID != id {
		t.Errorf("merged=%v, search found %d articles, want the merged record", merged, len(list))
	}
}

// TestMigrate_BuildsQueryIndexes turns a file back into the version-2
// layout (no query indexes; the date index valued as version 2 wrote it:
// a relevance byte and the pillar IDs) with one record that does not
// decode, and opens it read-only, as `crawler list` does: the file is
// upgraded, the indexes are built in several transactions, the bad record
// is skipped with a warning, and the file is current.
func TestMigrate_BuildsQueryIndexes(t *testing.T) {
	path := t.TempDir() + "/old.db"
	s, err := Open(path, Options{})
	mustDo(t, err)
	defer s.Close()
	ids := queryFixture(t, s)
	bad, _, err := s.Put(newArticle("https://q.example/bad", "Nhật Bản", "Một bài về Nhật Bản."))
	mustDo(t, err)
	mustDo(t, s.update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketDocs, bucketDocIDs, bucketTerms, bucketFacets} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		order := tx.Bucket(bucketOrder)
		err := tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
			a, err := getArticle(tx, string(k))
			if err != nil {
				return err
			}
			return order.Put(orderKey(a.Date(), a.ID), orderValue(a))
		})
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketArticles).Put([]byte(bad), []byte(`{"id": 7`)); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("2"))
	}))
	mustDo(t, s.Close())
	defer func(n int) { migrateBatchSize = n }(migrateBatchSize)
	migrateBatchSize = 2 // several transactions
	var logs bytes.Buffer
	s2, err := Open(path, Options{ReadOnly: true, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	mustDo(t, err)
	defer s2.Close()
	if !strings.Contains(logs.String(), bad) || !strings.Contains(logs.String(), "level=WARN") {
		t.Errorf("no warning naming the bad record %s:\n%s", bad, logs.String())
	}
	list, err := s2.List(Query{Text: "nhat ban"})
	mustDo(t, err)
	if got := names(t, ids, list); !slices.Equal(got, []string{"metro", "lao"}) {
		t.Errorf("search after migration: %v", got)
	}
	list, err = s2.List(Query{Pillar: crawler.PillarLabour})
	mustDo(t, err)
	if got := names(t, ids, list); !slices.Equal(got, []string{"kaigo", "lao"}) {
		t.Errorf("pillar filter after migration: %v", got)
	}
	mustDo(t, s2.view(func(tx *bolt.Tx) error {
		if v := string(tx.Bucket(bucketMeta).Get(keySchema)); v != strconv.Itoa(schemaVersion) {
			t.Errorf("schema %q after migration", v)
		}
		if tx.Bucket(bucketMeta).Get(keyReindexAfter) != nil {
			t.Error("progress marker left behind")
		}
		return nil
	}))
}

// TestIndexArticle_Delete removes an article from the query indexes, as a
// future delete must: nothing of it is left to find.
func TestIndexArticle_Delete(t *testing.T) {
	s := MustOpen(t)
	ids := queryFixture(t, s)
	a, err := s.Get(ids["lao"])
	mustDo(t, err)
	var num uint32
	mustDo(t, s.update(func(tx *bolt.Tx) error {
		num = decodeUint32(tx.Bucket(bucketDocIDs).Get([]byte(a.ID)))
		return indexArticle(tx, nil, a, nil)
	}))
	list, err := s.List(Query{All: true, Text: "aichi"})
	mustDo(t, err)
	if len(list) != 0 {
		t.Errorf("search still finds the deleted article")
	}
	mustDo(t, s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketDocs).Get(uint32Key(num)) != nil || tx.Bucket(bucketDocIDs).Get([]byte(a.ID)) != nil {
			t.Error("document number left behind")
		}
		return tx.Bucket(bucketTerms).ForEach(func(k, v []byte) error {
			nums, _ := decodePostings(nil, v)
			if slices.Contains(nums, num) {
				t.Errorf("term %q still lists the article", k)
			}
			return nil
		})
	}))
	// Put the indexes back so that the cleanup's consistency check holds.
	mustDo(t, s.update(func(tx *bolt.Tx) error { return indexArticle(tx, nil, nil, a) }))
}
