package tui

import (
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
	"github.com/hybridadvisor/hybridadvisor/tui/internal/bubbles/cursor"
	"github.com/hybridadvisor/hybridadvisor/tui/internal/bubbles/textinput"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// textField is a one-line text input: a bubbles textinput (typing, paste,
// cursor moves, the readline deletes) with the TUI's rules in front of it and
// its own drawing. Only printable characters go in (tabs and newlines become
// spaces); alt+key is a command, not text. The cursor does not blink: a blink
// is a timer, and the screen redraws on every change anyway.
type textField struct {
	in textinput.Model
}

// defaultTextLimit is the most runes a field takes unless told otherwise.
const defaultTextLimit = 256

func newTextField(v string) textField {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = defaultTextLimit
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Focus()
	t := textField{in: in}
	t.SetValue(v)
	return t
}

// setLimit sets the most runes the field takes.
func (t *textField) setLimit(n int) { t.in.CharLimit = n }

func (t *textField) Value() string { return t.in.Value() }

// SetValue replaces the value and puts the cursor at its end. The limit
// applies to typing only: a value from the file or a proposed path is kept
// whole.
func (t *textField) SetValue(v string) {
	limit := t.in.CharLimit
	t.in.CharLimit = 0
	t.in.SetValue(v)
	t.in.CharLimit = limit
	t.in.CursorEnd()
}

// Update applies a key; it reports whether the value changed.
func (t *textField) Update(msg tea.KeyMsg) bool {
	if msg.Alt && (msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace) {
		return false
	}
	if msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace {
		ins := msg.Runes
		if msg.Type == tea.KeySpace {
			ins = []rune{' '}
		}
		text := make([]rune, 0, len(ins))
		for _, r := range ins {
			if r == '\n' || r == '\r' || r == '\t' {
				r = ' '
			}
			if unicode.IsPrint(r) {
				text = append(text, r)
			}
		}
		if len(text) == 0 {
			return false
		}
		msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: text, Paste: msg.Paste}
	}
	before := t.in.Value()
	t.in, _ = t.in.Update(msg)
	return t.in.Value() != before
}

// View renders the value in width cells, scrolled so the cursor shows. With
// colour the cursor is a reverse-video cell; without, a thin bar marks it.
func (t *textField) View(width int, focused bool, st styles) string {
	if width < 2 {
		width = 2
	}
	v := []rune(t.in.Value())
	if !focused {
		return fit(cleanLine(string(v)), width)
	}
	pos := min(t.in.Position(), len(v))
	// Window of runes that contains the cursor.
	start := 0
	for ansi.StringWidth(cleanLine(string(v[start:pos]))) > width-2 {
		start++
	}
	before := cleanLine(string(v[start:pos]))
	var at, after string
	if pos < len(v) {
		at = cleanLine(string(v[pos]))
		after = cleanLine(string(v[pos+1:]))
	}
	var cur string
	if plain() {
		cur = "▏" + at
	} else {
		if at == "" {
			at = " "
		}
		cur = st.cursor.Render(at)
	}
	return fit(before+cur+after, width)
}

// cleanLine is what the field shows of s: control characters dropped and
// invisible characters as \u escapes, as in every other view (the field never
// inserts them, but a loaded profile's value may hold them). Workflow-command
// prefixes are left as they are: this is the value being edited, on a
// terminal, not a CI log.
func cleanLine(s string) string { return safetext.CleanKeepCommands(s) }
