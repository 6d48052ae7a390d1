package report_test

import (
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/report"
)

// TestExamplesGolden pins the report of every embedded example.
func TestExamplesGolden(t *testing.T) {
	for _, tpl := range profile.Templates() {
		t.Run(tpl.Name, func(t *testing.T) {
			got := renderReport(t, []advisor.Source{example(t, tpl.Name)},
				report.Options{Command: "hybridadvisor report --example " + tpl.Name})
			golden(t, tpl.Name, got)
		})
	}
}
