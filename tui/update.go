package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// Update handles messages: window sizes, evaluation results and keys. Keys go
// to the open prompt first, then the form, then the browsing keys.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.layout()
		return m, nil
	case evalMsg:
		m.applyEval(msg)
		return m, nil
	case debounceMsg:
		if msg.file >= 0 && msg.file < len(m.files) && m.files[msg.file].gen == msg.gen {
			return m, m.evaluate(msg.file)
		}
		return m, nil
	case tea.KeyMsg:
		// Keys typed faster than the terminal is read arrive as one message
		// ("jj"); outside a text field each is a command of its own.
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.typing() {
			var cmds []tea.Cmd
			for _, r := range msg.Runes {
				_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
				cmds = append(cmds, cmd)
			}
			return m, tea.Batch(cmds...)
		}
		var cmd tea.Cmd
		switch {
		case m.prompt != nil:
			cmd = m.updatePrompt(msg)
		case m.form != nil:
			cmd = m.updateForm(msg)
		default:
			cmd = m.updateBrowse(msg)
		}
		return m, cmd
	}
	return m, nil
}

// typing reports whether keys go into a text field.
func (m *Model) typing() bool {
	if m.prompt != nil {
		return m.prompt.hasInput()
	}
	return m.form != nil && m.form.typing()
}

// updateBrowse handles a key while neither a form nor a question is open:
// the root's own keys, the list's moves, and the rest to the screen.
func (m *Model) updateBrowse(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if m.showHelp {
		switch {
		case key.Matches(msg, k.Quit):
			return m.requestQuit()
		case key.Matches(msg, k.Help), msg.String() == "esc":
			m.showHelp = false
			m.activePane().top()
		default:
			m.helpView.Update(msg)
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.requestQuit()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		m.helpView.pane().top()
	case key.Matches(msg, k.Up), key.Matches(msg, k.Down):
		m.list.show(m.files, m.rows(), m.sel)
		if m.list.Update(msg); m.list.moved {
			m.setSelection(m.list.sel)
		}
	case key.Matches(msg, k.Left), key.Matches(msg, k.Right):
		scr := m.tabScreen()
		scr.setFocus(m.focus())
		return scr.Update(msg)
	case key.Matches(msg, k.PageUp), key.Matches(msg, k.PageDown), key.Matches(msg, k.Top), key.Matches(msg, k.Bottom):
		scr := m.activeScreen()
		scr.setFocus(m.focus())
		return scr.Update(msg)
	case key.Matches(msg, k.NextScreen):
		m.setScreen((m.screen + 1) % screenCount)
	case key.Matches(msg, k.PrevScreen):
		m.setScreen((m.screen + screenCount - 1) % screenCount)
	case key.Matches(msg, k.Component):
		m.setScreen(screenComponent)
	case key.Matches(msg, k.Curve):
		m.setScreen(screenCurve)
	case key.Matches(msg, k.Arch):
		m.setScreen(screenArch)
	case key.Matches(msg, k.Edit):
		m.openForm()
	case key.Matches(msg, k.Cloud):
		return m.cycleCloud()
	case key.Matches(msg, k.FreeTier):
		v := !m.effectiveFreeTier()
		m.freeTier = &v
		m.set = m.set.WithTUIFreeTier(v)
		return m.reevaluateAll()
	case key.Matches(msg, k.Undo):
		return m.undoEdit()
	case key.Matches(msg, k.Save):
		m.save()
	case key.Matches(msg, k.Export):
		m.export()
	case key.Matches(msg, k.Filter):
		m.prompt = &prompt{kind: promptFilter, question: "filter components:", input: newTextField(m.filter), st: m.st}
		m.prompt.input.setLimit(60)
	case msg.String() == "esc":
		m.status = ""
		if m.filter != "" {
			m.setFilter("")
		}
	}
	return nil
}

// setScreen selects a tab; a newly shown screen starts at its top.
func (m *Model) setScreen(s tab) {
	if s != m.screen {
		m.tabScreen().pane().top()
		m.screen = s
		m.tabScreen().pane().top()
	}
}

// cycleCloud steps the primary cloud: cheapest, then each evaluated cloud.
func (m *Model) cycleCloud() tea.Cmd {
	cl := m.clouds()
	if len(cl) < 2 {
		m.setStatus(false, "only %s is evaluated (--cloud); the primary cloud cannot change", strings.Join(cl, ", "))
		return nil
	}
	order := append([]string{""}, cl...)
	i := 0
	for j, c := range order {
		if c == m.cloud {
			i = j
		}
	}
	m.cloud = order[(i+1)%len(order)]
	m.curve.cloud = ""
	return m.reevaluateAll()
}

// pageSize is how far pgup/pgdn scroll.
func (m *Model) pageSize() int { return max(1, m.bodyHeight()-3) }

// filterAnswered follows the filter as it is typed: the list follows every
// change; enter keeps the filter, esc clears it.
func (m *Model) filterAnswered(p *prompt) tea.Cmd {
	switch p.outcome {
	case promptConfirmed:
		m.prompt = nil
	case promptCancelled:
		m.prompt = nil
		m.setFilter("")
	case promptEdited:
		m.setFilter(p.input.Value())
	}
	return nil
}

// setFilter filters the component list and keeps the selection on a shown
// component.
func (m *Model) setFilter(f string) {
	m.filter = f
	m.fixSelection()
}

// filterCount is how many components the filter shows, of how many.
func (m *Model) filterCount() (shown, total int) {
	for _, r := range m.rows() {
		if r.kind == rowComp {
			shown++
		}
	}
	for _, f := range m.files {
		for _, a := range f.archs {
			total += len(a.res.Components)
		}
	}
	return shown, total
}
