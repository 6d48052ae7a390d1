package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/hybridadvisor/hybridadvisor/tui/internal/bubbles/help"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"

	"github.com/hybridadvisor/hybridadvisor/advisor/atomicfile"
	"github.com/hybridadvisor/hybridadvisor/advisor/report"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Saving writes the file's current text (the original bytes with the edits
// spliced in; see profile.Doc) atomically: a reader sees the old file or the new
// one, never half of it. Read-only sources (the embedded examples) are saved
// under a new path that the user confirms. A file whose current text does not
// parse is not saved.

type promptKind int

const (
	promptSaveAs promptKind = iota
	promptExport
	promptOverwrite
	promptQuit
	promptFilter // the component list filter, applied as it is typed
)

// prompt is an open question in the footer, a component of its own: a path
// to type, the filter, or a yes/no question. Update records the answer in
// outcome; the root acts on it.
type prompt struct {
	kind     promptKind
	question string
	input    textField
	file     int
	// For promptOverwrite: what to do with path once confirmed.
	then promptKind
	path string

	outcome promptOutcome
	st      styles
	width   int
}

// promptOutcome is what the last key did to the question.
type promptOutcome int

const (
	promptOpen      promptOutcome = iota // still asking (typing goes on)
	promptEdited                         // the typed value changed (the filter follows it)
	promptConfirmed                      // enter on a value, or y
	promptDeclined                       // n
	promptCancelled                      // esc or ctrl+c
)

func (p *prompt) hasInput() bool {
	return p.kind == promptSaveAs || p.kind == promptExport || p.kind == promptFilter
}

// Update reads one key into the answer.
func (p *prompt) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	p.outcome = promptOpen
	if p.hasInput() {
		switch km.String() {
		case "esc", "ctrl+c":
			p.outcome = promptCancelled
		case "enter":
			p.outcome = promptConfirmed
		default:
			if p.input.Update(km) {
				p.outcome = promptEdited
			}
		}
		return nil
	}
	switch km.String() {
	case "y", "Y":
		p.outcome = promptConfirmed
	case "n", "N":
		p.outcome = promptDeclined
	case "esc", "ctrl+c":
		p.outcome = promptCancelled
	}
	return nil
}

// View is the footer line: the question and, for a typed answer, the field.
func (p *prompt) View() string {
	q := p.st.accent.Render(p.question) + " "
	if p.hasInput() {
		return q + p.input.View(max(10, p.width-lipgloss.Width(q)), true, p.st)
	}
	return fit(q, p.width)
}

// SetSize sets the footer's width; a prompt is one line.
func (p *prompt) SetSize(w, _ int) { p.width = w }

// KeyMap is the keys of the question.
func (p *prompt) KeyMap() help.KeyMap {
	switch {
	case p.kind == promptFilter:
		return promptFilterKeys
	case p.hasInput():
		return promptInputKeys
	}
	return promptYesNoKeys
}

// save writes the selected file, or asks for a path when it is read-only.
func (m *Model) save() {
	if f, _, _ := m.current(); f != nil {
		m.saveFile(m.sel.file)
	}
}

// saveFile saves file i; it reports whether it was written.
func (m *Model) saveFile(i int) bool {
	f := m.files[i]
	switch {
	case f.doc == nil:
		m.setStatus(false, "%s cannot be saved: it was not loaded as a profile", f.name())
		return false
	case len(f.errs) > 0:
		m.setStatus(false, "%s is not saved: line %d: %s (u undoes the last edit)", f.name(), f.errs[0].Line, clean(f.errs[0].Message))
		return false
	case f.readOnly:
		m.askPath(promptSaveAs, i, "Save a copy as:", m.proposedPath(f, ".yaml"))
		return false
	case !f.dirty():
		m.setStatus(true, "%s has no unsaved changes", f.name())
		return true
	}
	if err := atomicfile.WriteFile(f.path, f.src, 0o644); err != nil {
		m.setStatus(false, "save failed: %s", clean(err.Error()))
		return false
	}
	f.saved = f.src
	m.setStatus(true, "saved %s", f.name())
	return true
}

// proposedPath is where a copy or an export of f goes by default.
func (m *Model) proposedPath(f *file, suffix string) string {
	base := f.path
	dir := m.cfg.ExportDir
	if f.readOnly || strings.HasPrefix(base, "example:") {
		base = strings.TrimPrefix(base, "example:")
	} else if dir == "" {
		dir = filepath.Dir(base)
	}
	base = strings.TrimSuffix(filepath.Base(base), filepath.Ext(base))
	name := base + suffix
	if dir != "" && dir != "." {
		name = filepath.Join(dir, name)
	}
	return name
}

func (m *Model) askPath(kind promptKind, file int, question, def string) {
	in := newTextField(def)
	in.setLimit(1024)
	m.prompt = &prompt{kind: kind, question: question, input: in, file: file, st: m.st}
}

// export writes the Markdown report of the selected file's current (last good)
// result.
func (m *Model) export() {
	f, _, _ := m.current()
	if f == nil {
		return
	}
	if len(f.archs) == 0 {
		m.setStatus(false, "%s has no result to export", f.name())
		return
	}
	m.askPath(promptExport, m.sel.file, "Export the Markdown report to:", m.proposedPath(f, "-report.md"))
}

// writeExport renders the report for file i to path.
func (m *Model) writeExport(i int, path string) error {
	f := m.files[i]
	a, err := m.advisor()
	if err != nil {
		return err
	}
	res := a.NewResult()
	for _, as := range f.archs {
		doc := 0
		if len(f.archs) > 1 {
			doc = as.doc + 1
		}
		res.Files = append(res.Files, result.File{Path: f.path, Document: doc, Architecture: as.res})
	}
	res.Summarise()
	a.AddCatalog(res)
	var buf bytes.Buffer
	opts := report.Options{Today: m.cfg.Today, Command: m.reportCommand(f.path)}
	for _, r := range m.set.Rows(shownPath) {
		opts.Settings = append(opts.Settings, report.Setting(r))
	}
	res.Settings.Sources = m.set.Sources
	if err := report.Render(&buf, res, opts); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, buf.Bytes(), 0o644)
}

// updatePrompt hands a key to the open question and acts on its answer.
func (m *Model) updatePrompt(msg tea.KeyMsg) tea.Cmd {
	p := m.prompt
	p.Update(msg)
	if p.kind == promptFilter {
		return m.filterAnswered(p)
	}
	switch p.outcome {
	case promptCancelled:
		m.prompt = nil
		m.quitting = false
		m.setStatus(false, "cancelled")
	case promptConfirmed:
		if !p.hasInput() {
			m.prompt = nil
			if p.kind == promptOverwrite {
				return m.finishPath(p.then, p.file, p.path)
			}
			return m.saveAllAndQuit()
		}
		path := strings.TrimSpace(p.input.Value())
		if path == "" {
			return nil
		}
		if _, err := os.Stat(path); err == nil {
			m.prompt = &prompt{kind: promptOverwrite, question: fmt.Sprintf("%s exists. Overwrite it?", path), file: p.file, then: p.kind, path: path, st: m.st}
			return nil
		}
		m.prompt = nil
		return m.finishPath(p.kind, p.file, path)
	case promptDeclined:
		m.prompt = nil
		if p.kind == promptQuit {
			return m.quit()
		}
		m.quitting = false
		m.setStatus(false, "not written")
	}
	return nil
}

// finishPath writes a save-as copy or an export once the path is settled.
func (m *Model) finishPath(kind promptKind, i int, path string) tea.Cmd {
	f := m.files[i]
	switch kind {
	case promptExport:
		if err := m.writeExport(i, path); err != nil {
			m.setStatus(false, "export failed: %s", clean(err.Error()))
			return nil
		}
		note := ""
		if len(f.errs) > 0 {
			note = " (the last good result: the current text does not parse)"
		}
		m.setStatus(true, "exported the Markdown report to %s%s", clean(path), note)
		return nil
	case promptSaveAs:
		if err := atomicfile.WriteFile(path, f.src, 0o644); err != nil {
			m.setStatus(false, "save failed: %s", clean(err.Error()))
			m.quitting = false
			return nil
		}
		f.path, f.readOnly, f.saved = path, false, f.src
		m.setStatus(true, "saved %s", clean(path))
		if m.quitting {
			return m.saveAllAndQuit()
		}
	}
	return nil
}

// requestQuit quits, or asks first when there are unsaved changes.
func (m *Model) requestQuit() tea.Cmd {
	dirty := m.dirtyFiles()
	if len(dirty) == 0 {
		return m.quit()
	}
	m.form = nil
	m.prompt = &prompt{kind: promptQuit, question: fmt.Sprintf("Unsaved changes in %s. Save before quitting?", strings.Join(dirty, ", ")), st: m.st}
	return nil
}

func (m *Model) dirtyFiles() []string {
	var out []string
	for _, f := range m.files {
		if f.dirty() {
			out = append(out, f.name())
		}
	}
	return out
}

// saveAllAndQuit saves every changed file and quits once none is left; a
// read-only file opens the save-as question first, a file that does not parse
// stops the quit.
func (m *Model) saveAllAndQuit() tea.Cmd {
	m.quitting = true
	for i, f := range m.files {
		if !f.dirty() {
			continue
		}
		m.sel = selection{file: i, arch: -1, comp: -1}
		m.fixSelection()
		if !m.saveFile(i) {
			if m.prompt == nil { // an error, not a question
				m.quitting = false
			}
			return nil
		}
	}
	return m.quit()
}

func (m *Model) quit() tea.Cmd {
	for _, f := range m.files {
		if f.cancel != nil {
			f.cancel()
		}
	}
	m.quitting = true
	m.done = true
	return tea.Quit
}
