package advisor

import (
	"maps"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// memoLimit bounds the memo: past it, the memo starts again empty. The TUI
// holds a few hundred components; a batch run does not memoise at all.
const memoLimit = 4096

// Memo remembers, per decision input and pricing settings, what an advisor
// derives from them alone: the decision, the break-even points and the cost
// curves. A what-if edit changes one component's input, so the others are not
// evaluated again. Keys are exact (the input value is compared, not only its
// hash), so a hit gives what an evaluation would; advisors with other options
// (another primary cloud, say) can share one Memo. Safe for concurrent use.
type Memo struct {
	mu      sync.Mutex
	entries map[int][]*memoEntry
	n       int
}

type memoEntry struct {
	input    ast.Value
	settings string
	decision *engine.Decision

	// derived is filled once, by the first component that needs it.
	derived   sync.Once
	breakEven map[string]result.BreakEven
	curves    map[string]result.CostCurve
}

// NewMemo returns an empty memo for Options.Memo.
func NewMemo() *Memo { return &Memo{entries: map[int][]*memoEntry{}} }

// lookup returns the entry for (input, settings), or nil.
func (m *Memo) lookup(input ast.Value, settings string) *memoEntry {
	h := input.Hash()
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.find(h, input, settings)
}

// store records a fresh decision and returns its entry (or the entry another
// goroutine stored first for the same key).
func (m *Memo) store(input ast.Value, settings string, d *engine.Decision) *memoEntry {
	h := input.Hash()
	m.mu.Lock()
	defer m.mu.Unlock()
	if e := m.find(h, input, settings); e != nil {
		return e
	}
	if m.n >= memoLimit {
		m.entries, m.n = map[int][]*memoEntry{}, 0
	}
	e := &memoEntry{input: input, settings: settings, decision: d}
	m.entries[h] = append(m.entries[h], e)
	m.n++
	return e
}

// find is the entry of the key with hash h; m.mu must be held.
func (m *Memo) find(h int, input ast.Value, settings string) *memoEntry {
	for _, e := range m.entries[h] {
		if e.settings == settings && e.input.Compare(input) == 0 {
			return e
		}
	}
	return nil
}

// derive returns the break-even points and curves of the entry, computing them
// with f the first time. The maps are copies: results never share them.
func (e *memoEntry) derive(f func() (map[string]result.BreakEven, map[string]result.CostCurve)) (map[string]result.BreakEven, map[string]result.CostCurve) {
	e.derived.Do(func() { e.breakEven, e.curves = f() })
	return maps.Clone(e.breakEven), maps.Clone(e.curves)
}
