package classify

// automaton finds every occurrence of a set of byte strings in one pass
// (Aho–Corasick compiled to a full transition table). Bytes that occur in
// no pattern share one class, which keeps the table small: a few hundred
// kilobytes for a language's whole taxonomy. Matching costs one table
// lookup per input byte, whatever the number of patterns, which is what
// lets the classifier handle thousands of articles per second.
type automaton struct {
	class    [256]uint8
	nclass   int
	delta    []int32 // state*nclass + class -> next state
	outStart []int32 // outputs of state s: outIDs[outStart[s]:outStart[s+1]]
	outIDs   []int32
	lens     []int // byte length of each pattern
}

// newAutomaton compiles patterns; pattern i is reported with id i. Empty
// patterns are never reported.
func newAutomaton(patterns []string) *automaton {
	a := &automaton{lens: make([]int, len(patterns))}
	used := [256]bool{}
	for i, p := range patterns {
		a.lens[i] = len(p)
		for j := 0; j < len(p); j++ {
			used[p[j]] = true
		}
	}
	a.nclass = 1
	for b := range 256 {
		if used[b] {
			a.class[b] = uint8(a.nclass)
			a.nclass++
		}
	}
	// A pattern set whose bytes exceed 255 classes cannot occur in
	// practice (UTF-8 text uses at most 243 distinct bytes).
	children, outs := a.buildTrie(patterns)
	a.buildTable(children, outs)
	return a
}

// buildTrie returns the goto function as per-state child maps and the
// patterns that end in each state.
func (a *automaton) buildTrie(patterns []string) ([]map[uint8]int32, [][]int32) {
	children := []map[uint8]int32{{}}
	outs := [][]int32{nil}
	for id, p := range patterns {
		if p == "" {
			continue
		}
		s := int32(0)
		for j := 0; j < len(p); j++ {
			c := a.class[p[j]]
			next, ok := children[s][c]
			if !ok {
				next = int32(len(children))
				children = append(children, map[uint8]int32{})
				outs = append(outs, nil)
				children[s][c] = next
			}
			s = next
		}
		outs[s] = append(outs[s], int32(id))
	}
	return children, outs
}

// buildTable walks the trie breadth-first, filling failure transitions
// and merging each state's outputs with those of its failure state.
func (a *automaton) buildTable(children []map[uint8]int32, outs [][]int32) {
	n, nc := len(children), a.nclass
	a.delta = make([]int32, n*nc)
	fail := make([]int32, n)
	queue := make([]int32, 0, n)
	for c, next := range children[0] {
		a.delta[int(c)] = next
		queue = append(queue, next)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		outs[s] = append(outs[s], outs[fail[s]]...)
		for c := range nc {
			next, ok := children[s][uint8(c)]
			if !ok {
				a.delta[int(s)*nc+c] = a.delta[int(fail[s])*nc+c]
				continue
			}
			a.delta[int(s)*nc+c] = next
			fail[next] = a.delta[int(fail[s])*nc+c]
			queue = append(queue, next)
		}
	}
	a.outStart = make([]int32, n+1)
	for s := range n {
		a.outStart[s] = int32(len(a.outIDs))
		a.outIDs = append(a.outIDs, outs[s]...)
	}
	a.outStart[n] = int32(len(a.outIDs))
}

// scan calls fn for every occurrence of every pattern in text, in order
// of end position, with the pattern id and the occurrence's byte span.
func (a *automaton) scan(text []byte, fn func(id, start, end int)) {
	s, nc := int32(0), a.nclass
	for i, b := range text {
		s = a.delta[int(s)*nc+int(a.class[b])]
		for _, id := range a.outIDs[a.outStart[s]:a.outStart[s+1]] {
			fn(int(id), i+1-a.lens[id], i+1)
		}
	}
}
