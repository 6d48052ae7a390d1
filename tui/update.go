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
		m.clampScroll()
		return m, nil
	case evalMsg:
		m.applyEval(msg)
		m.clampScroll()
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
		m.clampScroll()
		return m, cmd
	}
	return m, nil
}

// typing reports whether keys go into a text field.
func (m *Model) typing() bool {
	if m.prompt != nil {
		return m.prompt.hasInput()
	}
	return m.form != nil && m.form.fields[m.form.focus].spec.kind == fieldText
}

func (m *Model) updateBrowse(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if m.showHelp {
		switch {
		case key.Matches(msg, k.Quit):
			return m.requestQuit()
		case key.Matches(msg, k.Help), msg.String() == "esc":
			m.showHelp = false
			m.scroll = 0
		case key.Matches(msg, k.PageUp), key.Matches(msg, k.Up):
			m.scroll -= m.pageSize()
		case key.Matches(msg, k.PageDown), key.Matches(msg, k.Down):
			m.scroll += m.pageSize()
		case key.Matches(msg, k.Top):
			m.scroll = 0
		case key.Matches(msg, k.Bottom):
			m.scroll = scrollBottom
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.requestQuit()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		m.scroll = 0
	case key.Matches(msg, k.Up):
		m.moveSelection(-1)
	case key.Matches(msg, k.Down):
		m.moveSelection(1)
	case key.Matches(msg, k.Left):
		m.moveOption(-1)
	case key.Matches(msg, k.Right):
		m.moveOption(1)
	case key.Matches(msg, k.PageUp):
		m.scroll -= m.pageSize()
	case key.Matches(msg, k.PageDown):
		m.scroll += m.pageSize()
	case key.Matches(msg, k.Top):
		m.scroll = 0
	case key.Matches(msg, k.Bottom):
		m.scroll = scrollBottom
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
		m.prompt = &prompt{kind: promptFilter, question: "filter components:", input: newTextField(m.filter)}
		m.prompt.input.limit = 60
	case msg.String() == "esc":
		m.status = ""
		if m.filter != "" {
			m.setFilter("")
		}
	}
	return nil
}

func (m *Model) setScreen(s screen) {
	if s != m.screen {
		m.scroll = 0
	}
	m.screen = s
}

// moveOption moves the options table's selection (component screen) or the
// curve's cloud (curve screen).
func (m *Model) moveOption(delta int) {
	switch m.screen {
	case screenComponent:
		n := m.optionCount()
		if n > 0 {
			m.option = (m.option + delta + n) % n
		}
	case screenCurve:
		cl := m.clouds()
		if len(cl) == 0 {
			return
		}
		cur := m.curveCloud
		if cur == "" {
			cur = m.primaryCloud()
		}
		i := 0
		for j, c := range cl {
			if c == cur {
				i = j
			}
		}
		m.curveCloud = cl[(i+delta+len(cl))%len(cl)]
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
	m.curveCloud = ""
	return m.reevaluateAll()
}

// pageSize is how far pgup/pgdn scroll.
func (m *Model) pageSize() int { return max(1, m.bodyHeight()-3) }

// updateFilter handles a key while the filter is typed: the list follows
// every change; enter keeps the filter, esc clears it.
func (m *Model) updateFilter(msg tea.KeyMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		m.prompt = nil
		return nil
	case "esc", "ctrl+c":
		m.prompt = nil
		m.setFilter("")
		return nil
	}
	if m.prompt.input.Update(msg) {
		m.setFilter(m.prompt.input.Value())
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
