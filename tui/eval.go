package tui

import (
	"context"
	"errors"
	"time"

	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/located"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

// Evaluation never runs in Update: a change bumps the file's generation and
// returns a command that parses and scores a snapshot of the text on another
// goroutine. The result comes back as an evalMsg carrying the generation it was
// started for; a message for an older generation is stale and dropped, so a slow
// evaluation can never overwrite a newer one. Starting a new evaluation cancels
// the one in flight (OPA stops at its next check). While the text does not
// score, the last good result stays on screen and the errors are shown beside it.

// evalMsg is the outcome of one evaluation.
type evalMsg struct {
	file    int
	gen     uint64
	archs   []archState
	errs    []fileError
	elapsed time.Duration
}

// debounceMsg fires when typing has paused; it starts the evaluation if no
// newer change came in meanwhile.
type debounceMsg struct {
	file int
	gen  uint64
}

// changed records a change to file i and schedules its re-evaluation.
func (m *Model) changed(i int) tea.Cmd {
	f := m.files[i]
	f.gen++
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	f.evaluating = true
	if m.cfg.Debounce <= 0 {
		return m.evaluate(i)
	}
	gen := f.gen
	return tea.Tick(m.cfg.Debounce, func(time.Time) tea.Msg { return debounceMsg{file: i, gen: gen} })
}

// evaluate returns the command that scores file i's current text.
func (m *Model) evaluate(i int) tea.Cmd {
	f := m.files[i]
	if f.loadErr != "" {
		return nil
	}
	a, err := m.advisor()
	if err != nil {
		m.setStatus(false, "%s", err)
		return nil
	}
	if f.cancel != nil {
		f.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.evaluating = true
	gen, path, src := f.gen, f.path, f.src
	return func() tea.Msg {
		defer cancel()
		start := time.Now()
		archs, errs := score(ctx, a, path, src, m.cfg.Defaults)
		return evalMsg{file: i, gen: gen, archs: archs, errs: errs, elapsed: time.Since(start)}
	}
}

// score parses and scores one file's text. Either archs or errs is set.
func score(ctx context.Context, a *advisor.Advisor, path string, src []byte, defaults advisor.BatchOptions) ([]archState, []fileError) {
	pf, err := profile.Parse(path, src)
	if err != nil {
		return nil, parseErrors(err)
	}
	out := make([]archState, 0, len(pf.Architectures))
	for _, arch := range pf.Architectures {
		res, err := a.ArchitectureWith(ctx, arch, defaults)
		if err != nil {
			var ie *advisor.InputError
			if errors.As(err, &ie) {
				return nil, []fileError{{Source: located.Source{File: path, Line: ie.Pos.Line, Column: ie.Pos.Column}, Document: arch.Document, Message: ie.Message}}
			}
			return nil, []fileError{{Source: located.Source{File: path}, Document: arch.Document, Message: err.Error()}}
		}
		out = append(out, archState{doc: arch.Document - 1, res: res})
	}
	return out, nil
}

func parseErrors(err error) []fileError {
	var list profile.Errors
	if errors.As(err, &list) {
		out := make([]fileError, 0, len(list))
		for _, e := range list {
			out = append(out, *e)
		}
		return out
	}
	return []fileError{{Message: err.Error()}}
}

// applyEval adopts an evaluation unless it is stale.
func (m *Model) applyEval(msg evalMsg) {
	if msg.file < 0 || msg.file >= len(m.files) {
		return
	}
	f := m.files[msg.file]
	if msg.gen != f.gen {
		return // a newer change is being evaluated
	}
	f.evaluating = false
	f.cancel = nil
	if len(msg.errs) > 0 {
		f.errs = msg.errs
	} else {
		f.errs = nil
		f.archs = msg.archs
		if m.form != nil && m.form.sel.file == msg.file {
			m.form.refreshDefaults()
		}
	}
	m.fixSelection()
	m.comp.setFocus(m.focus())
	if m.comp.option >= m.optionCount() {
		m.comp.resetOption()
	}
}

func (m *Model) optionCount() int {
	if _, _, c := m.current(); c != nil {
		return len(c.Options)
	}
	return 0
}

// reevaluateAll re-scores every file (after a change of cloud or free tier).
func (m *Model) reevaluateAll() tea.Cmd {
	var cmds []tea.Cmd
	for i, f := range m.files {
		if f.loadErr != "" {
			continue
		}
		f.gen++
		cmds = append(cmds, m.evaluate(i))
	}
	return tea.Batch(cmds...)
}
