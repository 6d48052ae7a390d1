package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// spoofName is the name from the issue: it became a workflow command in the
// table and in the gate line on stderr.
const spoofName = "::warning file=x,line=1::spoofed ##[add-mask]x"

const spoofProfile = `apiVersion: hybridadvisor/v1
name: "` + spoofName + `"
description: "first line\n::error file=d::from a description\n##[stop-commands]t"
components:
  - name: "` + spoofName + `"
    description: "x\n  ::notice::y"
    trigger: queue
    traffic: {requests_per_month: 3000000, pattern: steady}
    execution: {avg_duration: 400ms, memory_mb: 1024}
`

// spoofPolicy is a user's rule whose ID, messages and print output try the
// same. (A severity cannot: the engine refuses any but the five names.)
const spoofPolicy = `# METADATA
# title: "::error::title ##[add-mask]t"
# custom:
#   id: "::warning::rule-id"
#   severity: low
#   remediation: "fix\n::error::remediation"
#   source: "x onmouseover=alert(1)"
package hybridadvisor.custom.spoof

deny contains {"message": "first\n::error file=m::from a finding ##[add-mask]m", "path": "tags"} if {
	print("::warning::printed ##[add-mask]p\n::error::second line")
	true
}
`

const spoofPolicyTest = `package hybridadvisor.custom.spoof_test

test_fails if {
	print("::error::from a test ##[add-mask]q")
	false
}
`

// noCommands fails the test for every line of out that a CI runner would run.
func noCommands(t *testing.T, what, out string) {
	t.Helper()
	for _, l := range strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if name, ok := safetext.RunnerCommand(l); ok {
			t.Errorf("%s: the runner would run %q: %q", what, name, l)
		}
	}
}

// TestNoWorkflowCommandsFromTheCLI runs every command that prints users'
// strings with names, messages and policies that try to be workflow commands:
// stdout and stderr hold none (the github format, whose lines are commands by
// design, is tested in advisor/render).
func TestNoWorkflowCommandsFromTheCLI(t *testing.T) {
	dir := t.TempDir()
	pol := filepath.Join(dir, "policies")
	if err := os.Mkdir(pol, 0o755); err != nil {
		t.Fatal(err)
	}
	advisortest.WriteFile(t, pol, "spoof.rego", spoofPolicy)
	advisortest.WriteFile(t, pol, "spoof_test.rego", spoofPolicyTest)
	p := advisortest.WriteFile(t, dir, "spoof.yaml", spoofProfile)

	// The table, verbose, with --debug and a failing gate on stderr.
	code, out, errOut := runCLI(t, "score", p, "--policy", pol, "--debug", "-v", "--max-monthly-cost", "0", "-o", "table", "-o", "json="+filepath.Join(dir, "r.json"))
	if code != 1 || !strings.Contains(errOut, "gate --max-monthly-cost 0 failed") || !strings.Contains(errOut, "printed") {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	noCommands(t, "score table", out)
	noCommands(t, "score stderr", errOut)
	if !strings.Contains(out, `\::warning file=x,line=1::spoofed #\#[add-mask]x`) {
		t.Errorf("the table does not show the name defused:\n%s", out)
	}

	for _, format := range []string{"markdown", "junit", "json", "sarif"} {
		code, out, errOut := runCLI(t, "score", p, "--policy", pol, "-o", format)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", format, code, errOut)
		}
		noCommands(t, "score -o "+format, out)
		noCommands(t, "score -o "+format+" stderr", errOut)
		if format == "json" {
			var r struct {
				Files []struct{ Architecture struct{ Name string } }
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil || r.Files[0].Architecture.Name != spoofName {
				t.Errorf("the JSON does not read back the name: %v %+v", err, r)
			}
		}
	}
	// A name with a zero-width space is refused at its line and column (exit 2).
	zw := advisortest.WriteFile(t, dir, "zw.yaml", strings.Replace(goodProfile, "name: resize", `name: "re\u200bsize"`, 1))
	code, out, errOut = runCLI(t, "score", zw)
	if code != 2 || !strings.Contains(out, `zw.yaml:4:11: name must not contain invisible`) || !strings.Contains(out, `"re\u200bsize"`) {
		t.Errorf("zero-width name: exit %d\n%s%s", code, out, errOut)
	}

	for _, args := range [][]string{
		{"reformat", filepath.Join(dir, "r.json"), "-v"},
		{"reformat", filepath.Join(dir, "r.json"), "-o", "markdown"},
		{"report", p, "--policy", pol},
		{"policy", "list", "--policy", pol},
		{"policy", "list", "--policy", pol, "-o", "markdown"},
		{"policy", "doc", "--policy", pol},
		{"policy", "test", pol},
		{"score", p + "\n::error::from an argument"},
	} {
		code, out, errOut := runCLI(t, args...)
		if args[0] == "reformat" && code != 0 { // a run's own result always reads back
			t.Errorf("%v: exit %d\n%s", args, code, errOut)
		}
		noCommands(t, strings.Join(args, " "), out)
		noCommands(t, strings.Join(args, " ")+" stderr", errOut)
	}
}
