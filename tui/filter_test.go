package tui

import (
	"strings"
	"testing"
)

// listNames is the component names the list shows.
func listNames(m *Model) []string {
	var out []string
	for _, r := range m.rows() {
		if r.kind == rowComp {
			out = append(out, m.files[r.file].archs[r.arch].res.Components[r.comp].Name)
		}
	}
	return out
}

// TestFilterComponents: / filters the list by name as it is typed (any case),
// keys typed go into the filter (q does not quit), the selection stays on a
// shown component, enter keeps the filter and esc clears it.
func TestFilterComponents(t *testing.T) {
	m := newTestModel(t, 80, 24, example(t, "shop"))
	press(t, m, "/")
	if quit := press(t, m, "O", "r"); quit || m.prompt == nil {
		t.Fatal("the filter did not take the keys")
	}
	if got := strings.Join(listNames(m), ","); got != "storefront,orders,nightly-report" {
		t.Errorf("filter \"Or\" shows %s", got)
	}
	if !strings.Contains(m.View(), "filter components (3 of 6): Or") {
		t.Errorf("the prompt does not show the count:\n%s", m.View())
	}
	press(t, m, "d")
	if got := selected(m); got != "orders" {
		t.Errorf("selection %q, want orders (the only match)", got)
	}
	press(t, m, "enter")
	view := m.View()
	if m.prompt != nil || !strings.Contains(view, `filter "Ord": 1 of 6 components`) {
		t.Errorf("after enter:\n%s", view)
	}
	if strings.Contains(view, "catalog") {
		t.Error("a filtered-out component is listed")
	}
	press(t, m, "/", "backspace", "backspace", "backspace", "z", "enter")
	if len(listNames(m)) != 0 || !strings.Contains(m.View(), `filter "z": 0 of 6 components`) {
		t.Errorf("no-match filter:\n%s", m.View())
	}
	press(t, m, "esc")
	if m.filter != "" || len(listNames(m)) != 6 {
		t.Errorf("esc left filter %q, %d components", m.filter, len(listNames(m)))
	}
	press(t, m, "/", "c", "a", "esc")
	if m.filter != "" || m.prompt != nil {
		t.Errorf("esc while typing left filter %q", m.filter)
	}
}

// TestTopBottom: G and g jump to the bottom and the top of a long pane, the
// help included.
func TestTopBottom(t *testing.T) {
	m := newTestModel(t, 80, 24, example(t, "shop"))
	for _, keys := range [][]string{{"1"}, {"3"}, {"?"}} {
		press(t, m, keys...)
		press(t, m, "G")
		view := m.View()
		if strings.Contains(view, "more lines (pgdn)") || !strings.Contains(view, "more lines (pgup)") {
			t.Errorf("%v G: not at the bottom:\n%s", keys, view)
		}
		press(t, m, "g")
		view = m.View()
		if strings.Contains(view, "more lines (pgup)") || m.activePane().offset() != 0 {
			t.Errorf("%v g: not at the top:\n%s", keys, view)
		}
		press(t, m, "esc")
	}
}
