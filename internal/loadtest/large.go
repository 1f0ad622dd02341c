package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/daemon"
	"github.com/vnjp-monitor/crawler/internal/server"
	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// LargeResult holds read timings over a large database (medians of five).
type LargeResult struct {
	Articles   int
	SinceDay   int           // articles dated within the last day
	List       time.Duration // store.List since a day ago, written as JSON lines
	API        time.Duration // GET /api/articles?since=... over loopback HTTP
	FileBytes  int64         // pages in use
	FillPerArt time.Duration // time to classify and store one article
}

// fillEvery is how far apart the large database's articles are dated:
// 100,000 articles then span about a year, 288 of them in the last day.
const fillEvery = 5 * time.Minute

// measureLarge fills a database with opts.Large generated, classified
// articles and times the reads.
func measureLarge(ctx context.Context, opts Options, path string) (*LargeResult, error) {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	clf, err := crawl.NewClassifier(opts.Config)
	if err != nil {
		return nil, err
	}
	latest := time.Now().UTC().Truncate(time.Minute)
	start := time.Now()
	if err := fill(ctx, st, clf, opts.Large, opts.Seed+1, latest); err != nil {
		return nil, err
	}
	res := &LargeResult{Articles: opts.Large, FillPerArt: time.Since(start) / time.Duration(opts.Large)}
	since := latest.Add(-24 * time.Hour)
	res.List, err = median(func() error {
		arts, err := st.List(store.Query{Since: since})
		if err != nil {
			return err
		}
		res.SinceDay = len(arts)
		enc := json.NewEncoder(io.Discard)
		for _, a := range arts {
			if err := enc.Encode(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(server.New("", daemon.StoreReader(st), nil, nil, nil).Handler())
	defer srv.Close()
	u := srv.URL + "/api/articles?since=" + url.QueryEscape(since.Format(time.RFC3339))
	if res.API, err = median(func() error { return get(ctx, u) }); err != nil {
		return nil, err
	}
	if res.FileBytes, err = st.Size(); err != nil {
		return nil, err
	}
	return res, nil
}

// fill stores n generated articles, classified, in batches.
func fill(ctx context.Context, st *store.Store, clf *classify.Classifier, n int, seed uint64, latest time.Time) error {
	const batch = 500
	for at := 0; at < n; at += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		var writes []store.PageWrite
		for i := at; i < min(at+batch, n); i++ {
			story := testsite.GenerateStory(i, seed, latest.Add(-time.Duration(i)*fillEvery))
			a := &crawler.Article{
				URL: fmt.Sprintf("https://bulk.example/%s/%s", story.Lang, story.Slug), Title: story.Title,
				Published: story.Published, Author: story.Author, Lang: story.Lang, Source: "bulk",
				Text: strings.Join(story.Body, "\n\n"),
			}
			a.Classification = clf.Classify(classify.Input{Title: a.Title, Text: a.Text, Lang: a.Lang, URL: a.URL})
			p, err := st.Prepare(a)
			if err != nil {
				return err
			}
			writes = append(writes, store.PageWrite{URL: a.URL, Article: p})
		}
		if _, err := st.Commit(writes); err != nil {
			return err
		}
	}
	return nil
}

// median runs fn five times and returns the median duration.
func median(fn func() error) (time.Duration, error) {
	var times []time.Duration
	for range 5 {
		start := time.Now()
		if err := fn(); err != nil {
			return 0, err
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

func get(ctx context.Context, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return nil
}
