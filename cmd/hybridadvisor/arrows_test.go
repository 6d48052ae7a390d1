package main

import (
	"bytes"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/hybridadvisor/hybridadvisor"

// knownViolations are import edges that break the intended arrows and are
// tolerated for now (none today). The test fails on any edge not listed here,
// and on a listed edge that no longer exists, so the list only shrinks.
var knownViolations = []string{}

// allowed says whether package from (relative to the module) may import to,
// another package of the module: the arrows of issue #15, cmd -> tui ->
// advisor/... -> {pricing, policies, data}, pointing down only.
func allowed(from, to string) bool {
	under := func(p, root string) bool { return p == root || strings.HasPrefix(p, root+"/") }
	switch {
	case under(from, "cmd"):
		return !under(to, "cmd")
	case under(from, "tui/internal"):
		return under(to, "tui/internal")
	case under(from, "tui"):
		// The TUI sees the advisor and its own widgets, nothing below.
		return under(to, "advisor") || under(to, "tui/internal")
	case from == "advisor/located":
		// The one located-error type: a leaf every package may use.
		return false
	case from == "advisor/report":
		// The report renders the result. safetext counts as part of render:
		// it is the leaf that render itself cleans text with.
		return to == "advisor/result" || to == "advisor/render" || to == "advisor/safetext"
	case under(from, "advisor"):
		return under(to, "advisor") || to == "pricing" || to == "policies" || to == "data"
	case from == "pricing":
		return to == "data"
	case from == "policies", from == "data":
		return false // Rego and its embed file; the bundled data
	}
	return false // a new top-level package: give it its arrows here
}

// onlyCmd are outside modules that belong to the command line alone.
var onlyCmd = []string{"github.com/spf13/cobra", "github.com/spf13/pflag"}

// TestArrows checks every package's direct imports (not its tests') against
// the intended arrows.
func TestArrows(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the packages with")
	}
	cmd := exec.Command(goBin, "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var got []string
	packages := 0
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		packages++
		from := rel(fields[0])
		for _, imp := range fields[1:] {
			for _, c := range onlyCmd {
				if (imp == c || strings.HasPrefix(imp, c+"/")) && !strings.HasPrefix(from, "cmd/") {
					got = append(got, from+" -> "+imp)
				}
			}
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			if to := rel(imp); !allowed(from, to) {
				got = append(got, from+" -> "+to)
			}
		}
	}
	if packages < 10 {
		t.Fatalf("go list found %d packages: not the module", packages)
	}
	for _, e := range got {
		if !slices.Contains(knownViolations, e) {
			t.Errorf("new import against the arrows: %s", e)
		}
	}
	for _, e := range knownViolations {
		if !slices.Contains(got, e) {
			t.Errorf("%s no longer exists: remove it from knownViolations", e)
		}
	}
}

func rel(p string) string {
	if p == module {
		return "."
	}
	return strings.TrimPrefix(p, module+"/")
}

// TestArrowRules pins the rules themselves, so loosening one is a visible change.
func TestArrowRules(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		ok       bool
	}{
		{"cmd/hybridadvisor", "tui", true},
		{"cmd/hybridadvisor", "advisor/gate", true},
		{"tui", "advisor", true},
		{"tui", "tui/internal/bubbletea", true},
		{"tui", "pricing", false},
		{"tui", "data", false},
		{"tui", "cmd/hybridadvisor", false},
		{"tui/internal/bubbletea", "advisor", false},
		{"advisor", "pricing", true},
		{"advisor/engine", "policies", true},
		{"advisor/gate", "advisor/baseline", true},
		{"advisor", "tui", false},
		{"advisor/report", "advisor/render", true},
		{"advisor/report", "advisor/result", true},
		{"advisor/report", "advisor/profile", false},
		{"advisor/report", "pricing", false},
		{"advisor/located", "advisor/safetext", false},
		{"advisor/config", "advisor/located", true},
		{"pricing", "data", true},
		{"pricing", "advisor/suggest", false},
		{"policies", "data", false},
		{"data", "pricing", false},
		{"newtop", "data", false},
	} {
		if got := allowed(tc.from, tc.to); got != tc.ok {
			t.Errorf("allowed(%s -> %s) = %t, want %t", tc.from, tc.to, got, tc.ok)
		}
	}
}
