package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// setField focuses the field labelled label and types value over its text.
func setField(t *testing.T, m *Model, label, value string) {
	t.Helper()
	formFocus(t, m, label)
	press(t, m, "ctrl+u")
	typeText(t, m, value)
}

// TestFormNewFields: max duration, vCPU, min instances, package MB and
// container image are in the what-if form and write their keys (adding the
// key, or the mapping, when the file does not have it).
func TestFormNewFields(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	press(t, m, "down", "down", "down", "down", "e") // notifications: no max_duration, no dependencies
	if m.form.name != "notifications" {
		t.Fatalf("form for %s", m.form.name)
	}
	f := m.files[0]
	base := m.form.base
	for _, c := range []struct{ label, path, value string }{
		{"max duration", "execution.max_duration", "2s"},
		{"vCPU", "execution.vcpu", "1"},
		{"min instances", "execution.min_instances", "2"},
		{"package MB", "dependencies.package_mb", "250"},
	} {
		setField(t, m, c.label, c.value)
		if got, ok := f.doc.Get(0, base+"."+c.path); !ok || got != c.value {
			t.Errorf("%s: %s = %q (%v), want %q", c.label, c.path, got, ok, c.value)
		}
	}
	formFocus(t, m, "container image")
	press(t, m, "right")
	if got, _ := f.doc.Get(0, base+".dependencies.container_image"); got != "true" {
		t.Errorf("container_image = %q, want true", got)
	}
	if len(f.errs) > 0 {
		t.Fatalf("errors: %v", f.errs)
	}
	if f.doc.Normalised() {
		t.Error("the edits re-encoded the file instead of splicing")
	}
	if !strings.Contains(string(f.src), "    resilience: {retries: 2}\n    tags: {owner: team-checkout}\n    dependencies:\n      package_mb: 250\n      container_image: true\n") {
		t.Errorf("edited text:\n%s", f.src)
	}
	_, a, _ := m.current()
	w := a.res.Components[m.sel.comp].Workload
	if w.MaxDuration.Value != "2s" || w.VCPU.Value != "1" || w.MinInstances.Value != "2" {
		t.Errorf("evaluated with max %v, vcpu %v, min instances %v", w.MaxDuration, w.VCPU, w.MinInstances)
	}
}

// TestFormAvgPastMaxIsNotADeadEnd: raising avg duration past a written
// max_duration shows the error at the max duration field, and the form fixes it.
func TestFormAvgPastMaxIsNotADeadEnd(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	press(t, m, "down", "down", "e")
	setField(t, m, "max duration", "1s")
	setField(t, m, "avg duration", "3s")
	f := m.files[0]
	if len(f.errs) == 0 || !strings.Contains(f.errs[0].Field, "max_duration") {
		t.Fatalf("errors = %v, want one at max_duration", f.errs)
	}
	if view := m.View(); !strings.Contains(view, "✗ max_duration 1s is shorter") {
		t.Errorf("the error is not shown at the field:\n%s", view)
	}
	setField(t, m, "max duration", "10s")
	if len(f.errs) > 0 {
		t.Fatalf("still invalid: %v", f.errs)
	}
}

// TestFormDefaultsFollow: a max duration the file does not write shows the
// derived default (3 × avg) as avg changes.
func TestFormDefaultsFollow(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	press(t, m, "down", "down", "down", "down", "e") // notifications writes no max_duration
	var maxField *formField
	for i := range m.form.fields {
		if m.form.fields[i].spec.label == "max duration" {
			maxField = &m.form.fields[i]
		}
	}
	if maxField.written || maxField.input.Value() != "900ms" {
		t.Fatalf("max duration written %v, shows %q; want the default 900ms", maxField.written, maxField.input.Value())
	}
	setField(t, m, "avg duration", "2s")
	if got := maxField.input.Value(); got != "6s" {
		t.Errorf("max duration shows %q, want the default 6s", got)
	}
}

// TestFormFocusAlwaysVisible: on a small terminal the form shows a window of
// its fields, always with the focused one.
func TestFormFocusAlwaysVisible(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {100, 30}, {132, 20}} {
		m := newTestModel(t, size[0], size[1], example(t, "shop"))
		send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		press(t, m, "e")
		for i := range m.form.fields {
			view := m.View()
			checkFits(t, fmt.Sprint(i), view, size[0], size[1])
			label := m.form.fields[m.form.focus].spec.label
			if !strings.Contains(view, "▸ "+label) {
				t.Errorf("%dx%d: focused field %q not on screen:\n%s", size[0], size[1], label, view)
			}
			press(t, m, "tab")
		}
	}
}
