package tui

import (
	"strings"
	"testing"

	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// TestTextFieldEditing: the keys of a field, on a bubbles textinput behind the
// TUI's rules (printable text only, alt+key is no text, the limit bounds typing).
func TestTextFieldEditing(t *testing.T) {
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	for _, tc := range []struct {
		name  string
		start string
		limit int
		keys  []tea.KeyMsg
		want  string
		pos   int
	}{
		{"typing", "", 0, []tea.KeyMsg{runes("12"), {Type: tea.KeySpace}, runes("ms")}, "12 ms", 5},
		{"alt is a command", "a", 0, []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("b"), Alt: true}}, "a", 1},
		{"invisible and control characters dropped, tabs and newlines as spaces", "", 0,
			[]tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("a\u200b\tb\nc\x07"), Paste: true}}, "a b c", 5},
		{"limit", "abc", 4, []tea.KeyMsg{runes("xyz")}, "abcx", 4},
		{"backspace and delete", "abcd", 0, []tea.KeyMsg{{Type: tea.KeyBackspace}, {Type: tea.KeyHome}, {Type: tea.KeyDelete}}, "bc", 0},
		{"cursor moves and insertion", "ac", 0, []tea.KeyMsg{{Type: tea.KeyLeft}, runes("b"), {Type: tea.KeyEnd}, runes("d")}, "abcd", 4},
		{"ctrl+w deletes a word", "15 min", 0, []tea.KeyMsg{{Type: tea.KeyCtrlW}}, "15 ", 3},
		{"ctrl+u deletes before the cursor", "abcd", 0, []tea.KeyMsg{{Type: tea.KeyLeft}, {Type: tea.KeyCtrlU}}, "d", 0},
		{"ctrl+k deletes after the cursor", "abcd", 0, []tea.KeyMsg{{Type: tea.KeyCtrlA}, {Type: tea.KeyRight}, {Type: tea.KeyCtrlK}}, "a", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newTextField(tc.start)
			if tc.limit > 0 {
				f.setLimit(tc.limit)
			}
			for _, k := range tc.keys {
				f.Update(k)
			}
			if f.Value() != tc.want || f.in.Position() != tc.pos {
				t.Errorf("value %q at %d, want %q at %d", f.Value(), f.in.Position(), tc.want, tc.pos)
			}
		})
	}
}

// TestTextFieldKeepsLongValues: the limit bounds typing, not a value set from
// the file (or a proposed path), and Update reports only real changes.
func TestTextFieldKeepsLongValues(t *testing.T) {
	long := strings.Repeat("x", 300)
	f := newTextField(long)
	f.setLimit(40)
	if f.Value() != long {
		t.Fatalf("value cut to %d runes", len(f.Value()))
	}
	if f.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")}) {
		t.Error("typing past the limit changed the value")
	}
	f.SetValue(long + "z")
	if f.Value() != long+"z" || f.in.Position() != 301 {
		t.Errorf("SetValue: %d runes, cursor at %d", len(f.Value()), f.in.Position())
	}
	if f.Update(tea.KeyMsg{Type: tea.KeyLeft}) {
		t.Error("a cursor move reported a change")
	}
}
