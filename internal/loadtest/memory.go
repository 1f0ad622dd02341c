package loadtest

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// memoryNow reads the resident set size (Linux; 0 elsewhere) and the heap
// in use after a collection.
func memoryNow(passes int) PassMemory {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return PassMemory{Passes: passes, RSS: residentBytes(), Heap: ms.HeapInuse}
}

// residentBytes is VmRSS from /proc/self/status.
func residentBytes() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
