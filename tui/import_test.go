package tui

import (
	"strings"
	"testing"
)

// TestImportPlaceholdersWarned: the architecture screen of a draft from
// hybridadvisor import warns while placeholders are left.
func TestImportPlaceholdersWarned(t *testing.T) {
	draft := `apiVersion: hybridadvisor/v1
name: imported
components:
  - name: web  # compose.yaml:2
    trigger: http  # compose.yaml:4
    traffic:
      requests_per_month: 1000000  # TODO: not in the sources; replace with measured traffic
    execution:
      avg_duration: 200ms  # TODO: not in the sources; replace with the measured average duration
`
	m := newTestModel(t, 120, 40, Source{Path: "compose.yaml", Data: []byte(draft), ReadOnly: true})
	m.setScreen(screenArch)
	view := m.View()
	if !strings.Contains(view, "warning: 2 value(s) are import placeholders") {
		t.Errorf("the architecture screen does not warn:\n%s", view)
	}
}
