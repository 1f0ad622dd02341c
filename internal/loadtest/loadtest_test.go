package loadtest

import (
	"context"
	"testing"
	"time"
)

// TestRunSmall runs the whole harness on a small site, as `crawler bench`
// does on a large one, and checks that every figure was measured.
func TestRunSmall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var steps []string
	res, err := Run(ctx, Options{Articles: 40, Passes: 3, Large: 60, Dir: t.TempDir(), Progress: func(s string) { steps = append(steps, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 40 || res.Errors != 0 {
		t.Errorf("stored %d with %d errors, want 40 and none", res.Stored, res.Errors)
	}
	if res.BaselineBefore <= 0 || res.BaselineAfter <= 0 || res.Pipeline <= 0 || res.Ratio() <= 0 {
		t.Errorf("rates %v %v %v, ratio %v: want all positive", res.BaselineBefore, res.BaselineAfter, res.Pipeline, res.Ratio())
	}
	if len(res.CPU) > 0 && (res.CPU["extract"] <= 0 || res.CPU["store"] <= 0) {
		t.Errorf("CPU by stage %v lacks extract or store", res.CPU)
	}
	if res.DBBytesPer1000 <= 0 || res.FileBytes < res.DBBytesPer1000*40/1000 {
		t.Errorf("database %d bytes per 1,000, file %d bytes", res.DBBytesPer1000, res.FileBytes)
	}
	if len(res.RSS) != 1 || res.RSS[0].Passes != 3 || res.RSS[0].Heap == 0 {
		t.Errorf("memory %+v, want one reading after 3 passes", res.RSS)
	}
	if l := res.Large; l == nil || l.Articles != 60 || l.SinceDay == 0 || l.List <= 0 || l.API <= 0 {
		t.Errorf("large database figures %+v", l)
	}
	if len(steps) < 5 {
		t.Errorf("progress steps %q", steps)
	}
}
