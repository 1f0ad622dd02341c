package config

import (
	"fmt"
	"sort"

	"gopkg.in/yaml.v3"
)

// keyIndex maps dotted key paths to the line of their key (or item) in the
// file, so validation messages can point at the line a user must edit.
type keyIndex struct {
	lines  map[string]int
	byLine []keyLine // sorted by line
}

type keyLine struct {
	line int
	key  string
}

func indexKeys(root *yaml.Node) keyIndex {
	idx := keyIndex{lines: map[string]int{}}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		idx.walk(root.Content[0], "")
	}
	sort.SliceStable(idx.byLine, func(i, j int) bool { return idx.byLine[i].line < idx.byLine[j].line })
	return idx
}

func (idx *keyIndex) add(path string, line int) {
	if _, ok := idx.lines[path]; !ok {
		idx.lines[path] = line
	}
	idx.byLine = append(idx.byLine, keyLine{line, path})
}

func (idx *keyIndex) walk(n *yaml.Node, prefix string) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			path := k.Value
			if prefix != "" {
				path = prefix + "." + k.Value
			}
			idx.add(path, k.Line)
			idx.walk(v, path)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			path := fmt.Sprintf("%s[%d]", prefix, i)
			idx.add(path, item.Line)
			idx.walk(item, path)
		}
	}
}

// line returns the line of key, or of its nearest ancestor present in the
// file, or 0.
func (idx keyIndex) line(key string) int {
	for key != "" {
		if l, ok := idx.lines[key]; ok {
			return l
		}
		key = parent(key)
	}
	return 0
}

// keyAt returns the deepest key that starts on line, or "".
func (idx keyIndex) keyAt(line int) string {
	best := ""
	for _, kl := range idx.byLine {
		if kl.line == line && len(kl.key) > len(best) {
			best = kl.key
		}
	}
	return best
}

func parent(key string) string {
	for i := len(key) - 1; i >= 0; i-- {
		if key[i] == '.' || key[i] == '[' {
			return key[:i]
		}
	}
	return ""
}
