package tui

import (
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// textField is a one-line text input. (bubbles/textinput would do, but it pulls
// in a clipboard module this project does not carry; this is the small subset
// the forms need: typing, paste, cursor moves and the usual readline deletes.)
type textField struct {
	value []rune
	pos   int
	limit int // maximum runes; 0 means 256
}

func newTextField(v string) textField {
	r := []rune(v)
	return textField{value: r, pos: len(r)}
}

func (t *textField) Value() string { return string(t.value) }

func (t *textField) SetValue(v string) {
	t.value = []rune(v)
	t.pos = len(t.value)
}

// Update applies a key; it reports whether the value changed.
func (t *textField) Update(msg tea.KeyMsg) bool {
	limit := t.limit
	if limit == 0 {
		limit = 256
	}
	before := string(t.value)
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		if msg.Alt {
			return false // alt+key is a command, not text
		}
		ins := msg.Runes
		if msg.Type == tea.KeySpace {
			ins = []rune{' '}
		}
		var clean []rune
		for _, r := range ins {
			if r == '\n' || r == '\r' || r == '\t' {
				r = ' '
			}
			if unicode.IsPrint(r) && len(t.value)+len(clean) < limit {
				clean = append(clean, r)
			}
		}
		t.value = append(t.value[:t.pos], append(clean, t.value[t.pos:]...)...)
		t.pos += len(clean)
	case tea.KeyBackspace, tea.KeyCtrlH:
		if t.pos > 0 {
			t.value = append(t.value[:t.pos-1], t.value[t.pos:]...)
			t.pos--
		}
	case tea.KeyDelete, tea.KeyCtrlD:
		if t.pos < len(t.value) {
			t.value = append(t.value[:t.pos], t.value[t.pos+1:]...)
		}
	case tea.KeyLeft, tea.KeyCtrlB:
		t.pos = max(0, t.pos-1)
	case tea.KeyRight, tea.KeyCtrlF:
		t.pos = min(len(t.value), t.pos+1)
	case tea.KeyHome, tea.KeyCtrlA:
		t.pos = 0
	case tea.KeyEnd, tea.KeyCtrlE:
		t.pos = len(t.value)
	case tea.KeyCtrlU:
		t.value = append([]rune(nil), t.value[t.pos:]...)
		t.pos = 0
	case tea.KeyCtrlK:
		t.value = t.value[:t.pos]
	case tea.KeyCtrlW:
		i := t.pos
		for i > 0 && t.value[i-1] == ' ' {
			i--
		}
		for i > 0 && t.value[i-1] != ' ' {
			i--
		}
		t.value = append(t.value[:i], t.value[t.pos:]...)
		t.pos = i
	}
	return string(t.value) != before
}

// View renders the value in width cells, scrolled so the cursor shows. With
// colour the cursor is a reverse-video cell; without, a thin bar marks it.
func (t *textField) View(width int, focused bool, st styles) string {
	if width < 2 {
		width = 2
	}
	v := t.value
	if !focused {
		return fit(cleanLine(string(v)), width)
	}
	// Window of runes that contains the cursor.
	start := 0
	for ansi.StringWidth(cleanLine(string(v[start:t.pos]))) > width-2 {
		start++
	}
	before := cleanLine(string(v[start:t.pos]))
	var at, after string
	if t.pos < len(v) {
		at = cleanLine(string(v[t.pos]))
		after = cleanLine(string(v[t.pos+1:]))
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
	s := before + cur + after
	return fit(s, width)
}

// cleanLine is what the field shows of s: control characters dropped and
// invisible characters as \u escapes, as in every other view (the field never
// inserts them, but a loaded profile's value may hold them). Workflow-command
// prefixes are left as they are: this is the value being edited, on a
// terminal, not a CI log.
func cleanLine(s string) string { return safetext.CleanKeepCommands(s) }
