package testsite

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// comment is one reader comment under an article.
type comment struct {
	Author, Time, Text string
	Likes              int
}

// commentPool holds content/comments.txt by language: lines of
// "lang|author|text".
var commentPool = sync.OnceValue(func() map[string][][2]string {
	pool := make(map[string][][2]string)
	data, err := contentFS.ReadFile("content/comments.txt")
	if err != nil {
		return pool
	}
	for line := range strings.Lines(string(data)) {
		parts := strings.SplitN(strings.TrimSpace(line), "|", 3)
		if len(parts) == 3 {
			pool[parts[0]] = append(pool[parts[0]], [2]string{parts[1], parts[2]})
		}
	}
	return pool
})

// commentsFor picks two to four comments for a story, always the same ones
// for the same slug, time-stamped after publication.
func commentsFor(st *Story) []comment {
	pool := commentPool()[st.Lang]
	if len(pool) == 0 {
		return nil
	}
	h := storyHash(st.Slug)
	n := 2 + int(h%3)
	out := make([]comment, 0, n)
	at := st.Published
	for i := range n {
		c := pool[(int(h>>4)+i*3)%len(pool)]
		at = at.Add(time.Duration(17+int(h>>(i+2))%90) * time.Minute)
		out = append(out, comment{Author: c[0], Text: c[1], Time: commentTime(st.Lang, at), Likes: int(h>>(i*3)) % 40})
	}
	return out
}

// commentTime formats a comment's time stamp in the edition's style.
func commentTime(lang string, t time.Time) string {
	t = t.In(editions[lang].Zone)
	switch lang {
	case "vi":
		return t.Format("15:04 02/01/2006")
	case "ja":
		return fmt.Sprintf("%d/%02d/%02d %02d:%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
	default:
		return t.Format("Jan 2, 2006 3:04 PM")
	}
}
