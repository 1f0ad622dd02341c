package store

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vnjp-monitor/crawler"
)

func relevantArticle(url string, fetched time.Time, pillars ...string) *crawler.Article {
	a := newArticle(url, "Title of "+url, "Text of "+url)
	a.Fetched = fetched
	a.Relevant = true
	a.Pillars = pillars
	if len(pillars) > 0 {
		a.Primary = pillars[0]
	}
	return a
}

func TestStoredSinceFollowsStoringTime(t *testing.T) {
	s := MustOpen(t)
	t0 := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	old := relevantArticle("https://a.example/old-news", t0, "labour")
	old.Published = t0.Add(-30 * 24 * time.Hour) // published long ago, found today
	putArticle(t, s, old)
	putArticle(t, s, relevantArticle("https://a.example/earlier", t0.Add(-2*time.Hour), "labour"))
	irrelevant := relevantArticle("https://a.example/irrelevant", t0.Add(time.Hour))
	irrelevant.Relevant = false
	putArticle(t, s, irrelevant)
	putArticle(t, s, relevantArticle("https://a.example/later", t0.Add(2*time.Hour), "health"))

	got, err := s.StoredSince(t0)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, a := range got {
		urls = append(urls, a.URL)
	}
	if want := []string{"https://a.example/old-news", "https://a.example/later"}; !slices.Equal(urls, want) {
		t.Errorf("StoredSince = %v, want %v (relevant, by storing time, oldest first)", urls, want)
	}
	// A reclassification that drops relevance takes the article out.
	a := got[1]
	a.Relevant = false
	if err := s.Update(a); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.StoredSince(t0); len(got) != 1 {
		t.Errorf("after the update StoredSince returns %d articles, want 1", len(got))
	}
}

func TestStoredIndexBuiltForOlderFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	putArticle(t, s, relevantArticle("https://a.example/one", t0, "labour"))
	putArticle(t, s, relevantArticle("https://a.example/two", t0.Add(time.Hour), "labour"))
	// Make it look like a file written before the index existed.
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketStored); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(bucketStored); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(keyStoredIndex)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, err := s.StoredSince(t0); err != nil || len(got) != 2 {
		t.Fatalf("StoredSince after reopening = %d articles, %v; want 2", len(got), err)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

func TestDigestKeyKeptWithTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	k1, err := s.DigestKey()
	if err != nil || len(k1) != digestKeySize {
		t.Fatalf("key %x, %v", k1, err)
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if k2, _ := s.DigestKey(); !bytes.Equal(k1, k2) {
		t.Error("the key changed when the file was reopened")
	}
	other := MustOpen(t)
	if k3, _ := other.DigestKey(); bytes.Equal(k1, k3) {
		t.Error("two databases share a key")
	}
}

func putArticle(tb testing.TB, s *Store, a *crawler.Article) {
	tb.Helper()
	if _, _, err := s.Put(a); err != nil {
		tb.Fatal(err)
	}
}

func claimFor(email, period, owner string, now time.Time, ids ...string) crawler.DigestClaim {
	return crawler.DigestClaim{Email: email, Period: period, Owner: owner, MessageID: "id-" + period,
		Candidates: ids, Until: now, Start: now.Add(-24 * time.Hour), Now: now, StaleAfter: time.Hour}
}

func TestDigestClaimDeliverFail(t *testing.T) {
	s := MustOpen(t)
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	const who = "Reader@Example.org"

	run, out, err := s.ClaimDigest(claimFor(who, "p1", "me", now, "a1", "a2"))
	if err != nil || out != crawler.ClaimSend || !slices.Equal(run.Articles, []string{"a1", "a2"}) || run.Status != crawler.RunSending {
		t.Fatalf("first claim: %+v %v %v", run, out, err)
	}
	// While it is in flight, nobody else sends to this recipient.
	if _, out, _ := s.ClaimDigest(claimFor(who, "p2", "me", now, "a1", "a2", "a3")); out != crawler.ClaimBusy {
		t.Errorf("claim during a send: %v, want busy", out)
	}
	// A refusal keeps everything for a retry.
	if err := s.FailDigest(who, "p1", "me", now, "451 try later", false, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	st, _, _ := s.DigestState(who)
	if st.Failures != 1 || st.LastError != "451 try later" || st.Open != "p1" || st.Email != "reader@example.org" {
		t.Errorf("state after failure: %+v", st)
	}
	// The retry of the period carries what is undelivered now.
	run, out, _ = s.ClaimDigest(claimFor(who, "p1", "me", now.Add(time.Minute), "a1", "a2", "a3"))
	if out != crawler.ClaimSend || run.Attempts != 2 || run.MessageID != "id-p1" || len(run.Articles) != 3 {
		t.Fatalf("retry: %+v %v", run, out)
	}
	if err := s.DeliverDigest(who, "p1", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	done, _ := s.Delivered(who, []string{"a1", "a2", "a3", "a4"})
	if len(done) != 3 || done["a4"] {
		t.Errorf("ledger %v", done)
	}
	st, _, _ = s.DigestState(who)
	if st.Failures != 0 || st.Open != "" || st.Digests != 1 || st.Delivered != 3 || !st.Since.Equal(now.Add(time.Minute)) {
		t.Errorf("state after delivery: %+v", st)
	}
	// The period is sent; another period carries only what is new.
	if _, out, _ := s.ClaimDigest(claimFor(who, "p1", "me", now.Add(2*time.Minute), "a4")); out != crawler.ClaimAlreadySent {
		t.Errorf("claim of a sent period: %v", out)
	}
	if _, out, _ := s.ClaimDigest(claimFor(who, "p2", "me", now.Add(2*time.Minute), "a1", "a2")); out != crawler.ClaimNothingNew {
		t.Errorf("claim with everything delivered: %v", out)
	}
	run, out, _ = s.ClaimDigest(claimFor(who, "p3", "me", now.Add(3*time.Minute), "a1", "a4"))
	if out != crawler.ClaimSend || !slices.Equal(run.Articles, []string{"a4"}) {
		t.Errorf("claim with one new: %+v %v", run, out)
	}
}

func TestDigestAbandonedRunIsResent(t *testing.T) {
	s := MustOpen(t)
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	const who = "reader@example.org"
	if _, _, err := s.ClaimDigest(claimFor(who, "p1", "dead process", now, "a1")); err != nil {
		t.Fatal(err)
	}
	run, out, err := s.ClaimDigest(claimFor(who, "p2", "me", now.Add(time.Hour), "a1", "a2"))
	if err != nil || out != crawler.ClaimResend || run.Period != "p1" || run.MessageID != "id-p1" || !run.Uncertain || run.Owner != "me" {
		t.Fatalf("claim after a crash: %+v %v %v, want p1 to resend", run, out, err)
	}
	if err := s.DeliverDigest(who, "p1", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	run, out, _ = s.ClaimDigest(claimFor(who, "p2", "me", now.Add(time.Hour), "a1", "a2"))
	if out != crawler.ClaimSend || !slices.Equal(run.Articles, []string{"a2"}) {
		t.Errorf("claim after the resend: %+v %v", run, out)
	}
	// A run of this owner older than StaleAfter is abandoned too.
	later := now.Add(3 * time.Hour)
	if _, out, _ := s.ClaimDigest(claimFor(who, "p3", "me", later, "a3")); out != crawler.ClaimResend {
		t.Errorf("claim after a stale run of our own: %v, want resend", out)
	}
}

func TestDigestFailedRunSupersededByNextPeriod(t *testing.T) {
	s := MustOpen(t)
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	const who = "reader@example.org"
	s.ClaimDigest(claimFor(who, "monday", "me", now, "a1"))
	s.FailDigest(who, "monday", "me", now, "550 no such user", false, now.Add(time.Hour))
	run, out, _ := s.ClaimDigest(claimFor(who, "tuesday", "me", now.Add(24*time.Hour), "a1", "a2"))
	if out != crawler.ClaimSend || len(run.Articles) != 2 {
		t.Fatalf("tuesday: %+v %v", run, out)
	}
	if old, _, _ := s.DigestRun(who, "monday"); old.Status != crawler.RunSuperseded {
		t.Errorf("monday's run is %s, want superseded", old.Status)
	}
}

func TestUnsubscribeSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "unsub.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	if changed, err := s.Unsubscribe("Reader@example.org", at); err != nil || !changed {
		t.Fatalf("unsubscribe: %v %v", changed, err)
	}
	if changed, _ := s.Unsubscribe("reader@example.org", at.Add(time.Hour)); changed {
		t.Error("a second unsubscribe reported a change")
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, found, _ := s.DigestState("READER@example.org")
	if !found || st.Subscribed() || !st.Unsubscribed.Equal(at) {
		t.Fatalf("state after reopening: %+v", st)
	}
	if _, out, _ := s.ClaimDigest(claimFor("reader@example.org", "p1", "me", at, "a1")); out != crawler.ClaimUnsubscribed {
		t.Errorf("claim for an unsubscribed reader: %v", out)
	}
	if err := s.Resubscribe("reader@example.org", at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := s.DigestState("reader@example.org"); !st.Subscribed() || !st.Since.Equal(at.Add(time.Hour)) {
		t.Errorf("after resubscribing: %+v", st)
	}
}

func TestPruneLedger(t *testing.T) {
	s := MustOpen(t)
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	for i, who := range []string{"a@example.org", "a@example.org", "b@example.org"} {
		period := []string{"p1", "p2", "p1"}[i]
		at := now.Add(time.Duration(i) * 24 * time.Hour)
		if _, _, err := s.ClaimDigest(claimFor(who, period, "me", at, period+"-x", period+"-y")); err != nil {
			t.Fatal(err)
		}
		if err := s.DeliverDigest(who, period, at); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.PruneLedger("a@example.org", now.Add(12*time.Hour))
	if err != nil || n != 2 {
		t.Fatalf("pruned %d, %v; want the 2 entries of a's first digest", n, err)
	}
	if done, _ := s.Delivered("a@example.org", []string{"p1-x", "p2-x"}); done["p1-x"] || !done["p2-x"] {
		t.Errorf("a's ledger after pruning: %v", done)
	}
	if done, _ := s.Delivered("b@example.org", []string{"p1-x"}); !done["p1-x"] {
		t.Error("pruning a's ledger touched b's")
	}
}
