package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// hugePage builds a page of about size bytes: a real article followed by
// repeated sections of teasers, comments and nested blocks, the shape of
// an endless-scroll page or a hostile one.
func hugePage(t testing.TB, size int) []byte {
	src := string(readArticle(t, "en-port.html"))
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `<section class="more"><h3>Section %d</h3><div><div><p>Exporters brace for a slower quarter, report %d says, as orders from Europe weaken and freight rates climb again.</p>`+
			`<ul><li><a href="/x/%d">Rice exporters look to new markets</a></li><li><a href="/y/%d">Port fees to rise next year</a></li></ul></div></div></section>`, i, i, i, i)
	}
	return []byte(strings.Replace(src, "</main>", b.String()+"</main>", 1))
}

func BenchmarkExtractSize(b *testing.B) {
	for _, size := range []int{100 << 10, 1 << 20, 8 << 20} {
		body := hugePage(b, size)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Extract(body, "", "https://example.com/a"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestExtractContextCancel(t *testing.T) {
	body := hugePage(t, 8<<20)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ExtractContext(ctx, body, "", ""); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled before: err=%v, want context.Canceled", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := ExtractContext(ctx, body, "", "")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err=%v, want context.DeadlineExceeded", err)
	}
	// Generous: the point is that the call does not wait for extraction.
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("returned %v after the deadline", d)
	}
}

func TestExtractBounds(t *testing.T) {
	body := hugePage(t, 12<<20) // over MaxHTML
	a, err := Extract(body, "", "https://example.com/a")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "signed a five-year partnership") {
		t.Errorf("article text lost: %.200q", a.Text)
	}
	if len(a.Text) > MaxText {
		t.Errorf("text is %d bytes, over MaxText", len(a.Text))
	}
	long := strings.Repeat(strings.Repeat("word ", 40)+".\n\n", 20000)
	if got := capText(long); len(got) > MaxText || !strings.HasSuffix(got, ".") {
		t.Errorf("capText: %d bytes, ends %q", len(got), got[len(got)-5:])
	}
}
