package search

import (
	"slices"
	"sync"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
)

// MemoryState is a State held in memory, for `crawler check` (which must
// write nothing) and tests. The zero value is ready to use.
type MemoryState struct {
	mu         sync.Mutex
	queue      map[string][]crawler.SearchLink // by source, oldest first
	resolved   map[string]string
	validators map[string]fetch.Validators
}

var _ State = (*MemoryState)(nil)

// Validators implements fetch.ValidatorStore.
func (m *MemoryState) Validators(url string) (fetch.Validators, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.validators[url], nil
}

// SetValidators implements fetch.ValidatorStore.
func (m *MemoryState) SetValidators(url string, v fetch.Validators) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.validators == nil {
		m.validators = make(map[string]fetch.Validators)
	}
	m.validators[url] = v
	return nil
}

// Unresolved implements State.
func (m *MemoryState) Unresolved(source string) ([]crawler.SearchLink, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.queue[source]), nil
}

// AddUnresolved implements State.
func (m *MemoryState) AddUnresolved(source string, links []crawler.SearchLink) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.queue == nil {
		m.queue = make(map[string][]crawler.SearchLink)
	}
	added := 0
	for _, l := range links {
		if slices.ContainsFunc(m.queue[source], func(q crawler.SearchLink) bool { return q.ID == l.ID }) {
			continue
		}
		m.queue[source] = append(m.queue[source], l)
		added++
	}
	return added, nil
}

// UpdateUnresolved implements State.
func (m *MemoryState) UpdateUnresolved(source string, links []crawler.SearchLink) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, l := range links {
		if i := slices.IndexFunc(m.queue[source], func(q crawler.SearchLink) bool { return q.ID == l.ID }); i >= 0 {
			m.queue[source][i] = l
		}
	}
	return nil
}

// RemoveUnresolved implements State.
func (m *MemoryState) RemoveUnresolved(source string, ids ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.queue[source] == nil {
		return nil
	}
	m.queue[source] = slices.DeleteFunc(m.queue[source], func(q crawler.SearchLink) bool { return slices.Contains(ids, q.ID) })
	return nil
}

// Resolved implements State.
func (m *MemoryState) Resolved(id string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	u, ok := m.resolved[id]
	return u, ok, nil
}

// SetResolved implements State.
func (m *MemoryState) SetResolved(source, id, url string) error {
	m.mu.Lock()
	if m.resolved == nil {
		m.resolved = make(map[string]string)
	}
	m.resolved[id] = url
	m.mu.Unlock()
	return m.RemoveUnresolved(source, id)
}
