package loadtest

import (
	"bytes"
	"fmt"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/google/pprof/profile"
)

// profileStages runs fn under the CPU profiler and returns the processor
// time by stage. The crawler labels its goroutines with "stage" (see
// internal/crawl); samples without a label are put down to the loopback
// site, the garbage collector's workers, or other.
func profileStages(fn func()) (map[string]time.Duration, error) {
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		fn()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	fn()
	pprof.StopCPUProfile()
	p, err := profile.Parse(&buf)
	if err != nil {
		return nil, fmt.Errorf("read cpu profile: %w", err)
	}
	cpu := -1
	for i, st := range p.SampleType {
		if st.Type == "cpu" {
			cpu = i
		}
	}
	if cpu < 0 {
		return nil, fmt.Errorf("cpu profile without cpu samples")
	}
	out := map[string]time.Duration{}
	for _, s := range p.Sample {
		out[stageOf(s)] += time.Duration(s.Value[cpu])
	}
	return out, nil
}

// stageOf names the stage a sample belongs to.
func stageOf(s *profile.Sample) string {
	if l := s.Label["stage"]; len(l) > 0 {
		return l[0]
	}
	for _, loc := range s.Location {
		for _, line := range loc.Line {
			if line.Function == nil {
				continue
			}
			switch name := line.Function.Name; {
			case strings.Contains(name, "/internal/testsite."):
				return "site"
			case strings.HasPrefix(name, "runtime.gcBgMarkWorker"), strings.HasPrefix(name, "runtime.bgsweep"),
				strings.HasPrefix(name, "runtime.bgscavenge"):
				return "gc"
			}
		}
	}
	return "other"
}

// perArticle divides stage times by the number of articles fetched.
func perArticle(cpu map[string]time.Duration, articles int) map[string]time.Duration {
	out := make(map[string]time.Duration, len(cpu))
	for k, v := range cpu {
		out[k] = v / time.Duration(max(articles, 1))
	}
	return out
}

// Stages lists the stage names in report order.
var Stages = []string{"discover", "fetch", "extract", "classify", "store", "site", "gc", "other"}
