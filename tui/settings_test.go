package tui

import (
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
)

// TestFreeTierKeyIsTheTUIsChoice: the f key records its choice as the TUI's
// (source "tui"), not as --free-tier, in the settings, the result's
// assumptions and an export's "Regenerate with" line.
func TestFreeTierKeyIsTheTUIsChoice(t *testing.T) {
	on := true
	cfg := testConfig(t)
	cfg.FreeTier = &on
	cfg.Settings = settings.Resolve(settings.Flags{FreeTier: &on}, nil, "")
	cfg.ReportCommand = "hybridadvisor report --free-tier=true"
	m, err := New(cfg, []Source{example(t, "shop")})
	if err != nil {
		t.Fatal(err)
	}
	run(t, m, m.Init())
	press(t, m, "f")
	if got := m.set.Sources["free_tier"]; got != settings.TUI {
		t.Errorf("free tier source %q after the f key, want %q", got, settings.TUI)
	}
	_, a, _ := m.current()
	found := false
	for _, as := range a.res.Assumptions {
		if as.Path == "assumptions.free_tier" {
			if strings.Contains(as.Message, "--free-tier") {
				t.Errorf("assumption says %q", as.Message)
			}
			found = found || strings.Contains(as.Message, "set by the TUI")
		}
	}
	if !found {
		t.Errorf("no assumption names the TUI: %+v", a.res.Assumptions)
	}
	if got := m.reportCommand("example:shop"); got != "hybridadvisor report --free-tier=false --example shop" {
		t.Errorf("regenerate with %q", got)
	}
}
