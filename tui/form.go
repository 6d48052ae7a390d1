package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/hybridadvisor/hybridadvisor/tui/internal/bubbles/help"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// The what-if form edits one component. Every change is written into the
// file's YAML Node tree (profile.Doc) and the whole file is re-parsed, so an
// invalid value gets exactly the message the CLI would print; the last good
// result stays on screen meanwhile.

type fieldKind int

const (
	fieldText fieldKind = iota
	fieldEnum
)

// fieldSpec is one editable field.
type fieldSpec struct {
	label string
	path  string // under the component: "execution.memory_mb"
	kind  fieldKind
	enum  []string
	unit  string
}

var formSpecs = []fieldSpec{
	{label: "requests/month", path: "traffic.requests_per_month", kind: fieldText, unit: "45M, 1.5k"},
	{label: "avg duration", path: "execution.avg_duration", kind: fieldText, unit: "120ms, 2s"},
	{label: "max duration", path: "execution.max_duration", kind: fieldText, unit: "1s, 15m; ≥ avg"},
	{label: "memory MB", path: "execution.memory_mb", kind: fieldText},
	{label: "vCPU", path: "execution.vcpu", kind: fieldText, unit: "0.25, 1, 2"},
	{label: "concurrency", path: "execution.concurrency", kind: fieldText},
	{label: "min instances", path: "execution.min_instances", kind: fieldText, unit: "0 scales to zero"},
	{label: "package MB", path: "dependencies.package_mb", kind: fieldText, unit: "50, 250"},
	{label: "container image", path: "dependencies.container_image", kind: fieldEnum, enum: []string{"false", "true"}},
	{label: "pattern", path: "traffic.pattern", kind: fieldEnum, enum: profile.Patterns},
	{label: "arch", path: "execution.arch", kind: fieldEnum, enum: profile.Arches},
	{label: "trigger", path: "trigger", kind: fieldEnum, enum: profile.Triggers},
	{label: "state", path: "state", kind: fieldEnum, enum: profile.States},
}

type formField struct {
	spec    fieldSpec
	input   textField
	choice  int
	written bool // the key is in the file (otherwise the value is a default)
}

func (f *formField) value() string {
	if f.spec.kind == fieldEnum {
		return f.spec.enum[f.choice]
	}
	return f.input.Value()
}

// editForm is the open what-if form, a component of its own: it owns its
// fields and their focus; each change goes to apply (the root writes it into
// the file and re-evaluates).
type editForm struct {
	st     styles
	keys   formKeys
	file   *file // whose errors the form shows
	apply  func(form *editForm, ff *formField) tea.Cmd
	closed bool // enter or esc: the root drops the form
	width  int
	height int

	sel    selection
	doc    int    // 0-based YAML document
	base   string // "components[2]"
	name   string
	fields []formField
	focus  int
	// perSecond is true while the file still says requests_per_second; the
	// first traffic edit renames the key.
	perSecond bool
}

// openForm builds the form for the selected component from the file's text
// and, for keys not written, the values the parser defaulted.
func (m *Model) openForm() {
	f, a, c := m.current()
	if c == nil {
		return
	}
	if f.doc == nil {
		m.setStatus(false, "this file cannot be edited: its text is not valid YAML")
		return
	}
	if c.Workload == nil {
		return
	}
	form := &editForm{st: m.st, keys: m.fkeys, file: f, apply: m.applyField,
		sel: m.sel, doc: a.doc, base: fmt.Sprintf("components[%d]", m.sel.comp), name: c.Name}
	form.perSecond = f.doc.Has(a.doc, form.base+".traffic.requests_per_second")
	for _, spec := range formSpecs {
		ff := formField{spec: spec}
		written, ok := f.doc.Get(a.doc, form.base+"."+spec.path)
		ff.written = ok
		val := written
		if !ok {
			val = defaultValue(c.Workload, spec.path)
		}
		if spec.kind == fieldEnum {
			for i, e := range spec.enum {
				if e == val {
					ff.choice = i
				}
			}
		} else {
			ff.input = newTextField(val)
			ff.input.setLimit(40)
		}
		form.fields = append(form.fields, ff)
	}
	m.form = form
}

// refreshDefaults shows the new defaults of the fields the file does not
// write (max duration follows avg duration, vCPU follows memory) once the
// form's file has been re-evaluated without errors.
func (form *editForm) refreshDefaults() {
	var w *result.Workload
	for _, a := range form.file.archs {
		if a.doc == form.doc && a.res != nil && form.sel.comp < len(a.res.Components) {
			w = a.res.Components[form.sel.comp].Workload
		}
	}
	if w == nil {
		return
	}
	for j := range form.fields {
		ff := &form.fields[j]
		if ff.written || ff.spec.kind != fieldText {
			continue
		}
		if v := defaultValue(w, ff.spec.path); v != ff.input.Value() {
			ff.input.SetValue(v)
		}
	}
}

// defaultValue is the modelled (possibly assumed) value of a field, as the
// result gives it.
func defaultValue(w *result.Workload, path string) string {
	if v := w.Field(path); v != nil {
		return v.Value
	}
	return ""
}

// SetSize sets the room the form may take (it shows a window of its fields
// when they do not all fit).
func (form *editForm) SetSize(w, h int) { form.width, form.height = w, h }

// KeyMap is the form's keys.
func (form *editForm) KeyMap() help.KeyMap { return form.keys }

// View is the form's lines.
func (form *editForm) View() string { return strings.Join(form.lines(form.width, form.height), "\n") }

// typing reports whether keys go into a text field.
func (form *editForm) typing() bool { return form.fields[form.focus].spec.kind == fieldText }

// Update handles a key: focus moves, closing, choosing, typing.
func (form *editForm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := form.keys
	ff := &form.fields[form.focus]
	switch {
	case key.Matches(km, k.Done):
		form.closed = true
		return nil
	case key.Matches(km, k.Next):
		form.focus = (form.focus + 1) % len(form.fields)
		return nil
	case key.Matches(km, k.Prev):
		form.focus = (form.focus + len(form.fields) - 1) % len(form.fields)
		return nil
	}
	if ff.spec.kind == fieldEnum {
		switch km.String() {
		case "left", "h":
			ff.choice = (ff.choice + len(ff.spec.enum) - 1) % len(ff.spec.enum)
		case "right", "l", " ":
			ff.choice = (ff.choice + 1) % len(ff.spec.enum)
		default:
			return nil
		}
		return form.apply(form, ff)
	}
	if ff.input.Update(km) {
		return form.apply(form, ff)
	}
	return nil
}

// updateForm handles a key while the form is open: scrolling the screen
// below and quitting are the root's, the rest the form's.
func (m *Model) updateForm(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.fkeys.PageUp):
		m.activePane().scrollBy(-m.pageSize())
		return nil
	case key.Matches(msg, m.fkeys.PageDown):
		m.activePane().scrollBy(m.pageSize())
		return nil
	case key.Matches(msg, m.fkeys.Quit):
		return m.requestQuit()
	}
	cmd := m.form.Update(msg)
	if m.form.closed {
		m.form = nil
	}
	return cmd
}

// applyField writes the field's value into the file and re-evaluates.
func (m *Model) applyField(form *editForm, ff *formField) tea.Cmd {
	f := m.files[form.sel.file]
	value := ff.value()
	path := form.base + "." + ff.spec.path
	prev := f.doc.Bytes()
	if ff.spec.path == "traffic.requests_per_month" {
		value = expandCount(value)
		if form.perSecond {
			if err := f.doc.RenameKey(form.doc, form.base+".traffic.requests_per_second", "requests_per_month"); err != nil {
				m.setStatus(false, "%s", err)
				return nil
			}
			form.perSecond = false
		}
	}
	if err := f.doc.Set(form.doc, path, value); err != nil {
		m.setStatus(false, "%s", err)
		return nil
	}
	ff.written = true
	return m.textChanged(form.sel.file, prev)
}

// textChanged records an edit of file i (prev is the text before it).
func (m *Model) textChanged(i int, prev []byte) tea.Cmd {
	f := m.files[i]
	f.src = f.doc.Bytes()
	if len(f.undo) == 0 || string(f.undo[len(f.undo)-1]) != string(prev) {
		f.undo = append(f.undo, prev)
		if len(f.undo) > 200 {
			f.undo = f.undo[1:]
		}
	}
	m.status = ""
	return m.changed(i)
}

// undo restores file i's text before its last edit.
func (m *Model) undoEdit() tea.Cmd {
	f, _, _ := m.current()
	if f == nil || len(f.undo) == 0 {
		m.setStatus(false, "nothing to undo")
		return nil
	}
	prev := f.undo[len(f.undo)-1]
	f.undo = f.undo[:len(f.undo)-1]
	if err := f.doc.Reset(prev); err != nil {
		m.setStatus(false, "%s", err)
		return nil
	}
	f.src = prev
	m.setStatus(true, "undone")
	return m.changed(m.sel.file)
}

// errors returns the errors of the file's current text that concern the
// form's component: by field, and the rest.
func (form *editForm) errors() (byField map[string]string, other []fileError) {
	f := form.file
	byField = map[string]string{}
	for _, e := range f.errs {
		matched := false
		for _, ff := range form.fields {
			p := form.base + "." + ff.spec.path
			if e.Field == p || (ff.spec.path == "traffic.requests_per_month" && strings.HasPrefix(e.Field, form.base+".traffic.requests_per_")) {
				if _, dup := byField[ff.spec.path]; !dup {
					byField[ff.spec.path] = e.Message
				}
				matched = true
				break
			}
		}
		if !matched {
			other = append(other, e)
		}
	}
	return byField, other
}
