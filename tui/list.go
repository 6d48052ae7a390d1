package tui

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/hybridadvisor/hybridadvisor/tui/internal/bubbles/help"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// listPane is the left pane, a component: each file, its architectures and
// their components; up/down move the selection over the selectable rows. The
// root gives it the rows and the selection (show) and adopts the selection it
// moves to.
type listPane struct {
	st     styles
	keys   listKeys
	files  []*file
	rows   []row
	sel    selection
	moved  bool // the last key moved the selection
	width  int
	height int
}

type listKeys struct{ Up, Down key.Binding }

func (k listKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Up, k.Down} }
func (k listKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newListPane(st styles, k browseKeys) *listPane {
	return &listPane{st: st, keys: listKeys{Up: k.Up, Down: k.Down}}
}

// show sets what the list shows.
func (l *listPane) show(files []*file, rows []row, sel selection) {
	l.files, l.rows, l.sel = files, rows, sel
}

func (l *listPane) SetSize(w, h int)    { l.width, l.height = w, h }
func (l *listPane) KeyMap() help.KeyMap { return l.keys }
func (l *listPane) View() string        { return strings.Join(l.lines(l.width, l.height), "\n") }

// Update moves the selection on up/down.
func (l *listPane) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	l.moved = false
	switch {
	case key.Matches(km, l.keys.Up):
		l.move(-1)
	case key.Matches(km, l.keys.Down):
		l.move(1)
	}
	return nil
}

// move moves by delta selectable rows.
func (l *listPane) move(delta int) {
	var sel []row
	cur := 0
	for _, r := range l.rows {
		if selectable(l.files, r) {
			if r.selection() == l.sel {
				cur = len(sel)
			}
			sel = append(sel, r)
		}
	}
	if len(sel) == 0 {
		return
	}
	l.sel = sel[min(max(cur+delta, 0), len(sel)-1)].selection()
	l.moved = true
}

// lines renders the architectures and components, the selection in view.
func (l *listPane) lines(w, h int) []string {
	rows := l.rows
	lines := make([]string, 0, len(rows))
	selIdx := 0
	for i, r := range rows {
		selected := selectable(l.files, r) && r.selection() == l.sel
		if selected {
			selIdx = i
		}
		lines = append(lines, l.listRow(r, w, selected))
	}
	// Keep the selection in view.
	off := 0
	if selIdx >= h {
		off = selIdx - h + 1
	}
	if off > 0 && len(lines) > 0 {
		lines = lines[off:]
	}
	return fill(lines, h, w)
}

func (l *listPane) listRow(r row, w int, selected bool) string {
	f := l.files[r.file]
	marker := "  "
	if selected {
		marker = l.st.accent.Render("▸ ")
	}
	switch r.kind {
	case rowFile:
		name := filepath.Base(f.path)
		if strings.HasPrefix(f.path, "example:") {
			name = f.path
		}
		var tags string
		switch {
		case f.loadErr != "":
			tags = l.st.err.Render(" ✗ unreadable")
		case len(f.errs) > 0 && len(f.archs) == 0:
			tags = l.st.err.Render(fmt.Sprintf(" ✗ %d error%s", len(f.errs), plural(len(f.errs))))
		case len(f.errs) > 0:
			tags = l.st.err.Render(" ✗")
		case len(f.archs) == 0 && f.evaluating:
			tags = l.st.dim.Render(" …")
		}
		if f.dirty() {
			tags += l.st.warn.Render(" ●")
		}
		s := marker + l.st.bold.Render(clean(name))
		line := fit(s, w-lipgloss.Width(tags)) + tags
		if selected {
			return l.st.highlight(line, w)
		}
		return line
	case rowArch:
		a := f.archs[r.arch].res
		verdict := clean(a.Verdict)
		return fit("  "+l.st.dim.Render(clean(a.Name)+" · ")+l.st.accent.Render(verdict), w)
	}
	c := f.archs[r.arch].res.Components[r.comp]
	badge := modelShort(c.Recommendation.Model)
	sev := ""
	for _, fd := range c.Findings {
		if !fd.Waived && (fd.Severity == "critical" || fd.Severity == "high") {
			sev = l.st.severity(fd.Severity).Render("!")
			break
		}
	}
	if sev == "" {
		sev = " "
	}
	right := " " + l.st.model(c.Recommendation.Model).Render(fmt.Sprintf("%-3s", badge)) + sev
	name := marker + "  " + clean(c.Name)
	line := fit(name, w-lipgloss.Width(right)) + right
	if selected {
		return l.st.highlight(line, w)
	}
	return line
}

// highlight renders a selected row as one bar: the inner styles are dropped
// (their resets would cut the bar's background), the ▸ marker stays.
func (st styles) highlight(line string, w int) string {
	return st.selected.Render(fit(ansi.Strip(line), w))
}
