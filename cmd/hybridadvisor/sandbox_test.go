package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// customRule is a users' rule whose METADATA severity and deny body vary.
func customRule(severity, body string) string {
	return `# METADATA
# title: Owner tag required
# description: Every component names an owning team.
# custom:
#   id: ACME-01
#   severity: ` + severity + `
#   remediation: Add tags.owner.
package hybridadvisor.custom.acme_01

` + body
}

const taggedProfile = `apiVersion: hybridadvisor/v1
name: tiny
components:
  - name: resize
    trigger: storage
    traffic: {requests_per_month: 20000, pattern: sporadic}
    execution: {avg_duration: 800ms, memory_mb: 1024}
    tags: {sev: catastrophic}
`

// TestFailOnCountsCustomSeverities: findings of users' rules with a
// severity in another case used to print as CRITICAL and pass --fail-on
// critical; unknown severities used to load. Now they gate, or stop with a
// located error (exit 2).
func TestFailOnCountsCustomSeverities(t *testing.T) {
	good := advisortest.WriteFile(t, t.TempDir(), "good.yaml", goodProfile)
	tagged := advisortest.WriteFile(t, t.TempDir(), "tagged.yaml", taggedProfile)
	fires := "deny contains \"fired\" if { input.component.name }\n"
	cases := []struct {
		name, rule, profile string
		code                int
		wantErr             string
	}{
		{"METADATA Critical gates", customRule("Critical", fires), good, 1, "at or above critical (1 critical)"},
		{"finding Critical gates", customRule("low", `deny contains {"message": "x", "severity": "Critical"} if { input.component.name }`+"\n"), good, 1, "at or above critical (1 critical)"},
		{"METADATA catastrophic does not load", customRule("catastrophic", fires), good, 2, `acme.rego:1:1: rule ACME-01: METADATA custom.severity "catastrophic": want one of critical, high, medium, low, info`},
		{"finding catastrophic does not load", customRule("low", `deny contains {"message": "x", "severity": "catastrophic"} if { input.component.name }`+"\n"), good, 2, `acme.rego:10:1: finding severity "catastrophic"`},
		{"computed catastrophic fails the evaluation", customRule("low", `deny contains {"message": "x", "severity": input.component.tags.sev} if { input.component.tags.sev }`+"\n"), tagged, 2, `finding severity "catastrophic": want one of`},
		{"deny := 5 does not load", customRule("low", "deny := 5\n"), good, 2, "acme.rego:10:1: deny (in package hybridadvisor.custom.acme_01): it is a number"},
		{"warn does not load", customRule("low", fires+"\nwarn := \"x\"\n"), good, 2, "acme.rego:12:1: rule warn: hybridadvisor reads only deny rules"},
		{"json.verify_schema does not load", customRule("low", "deny contains \"x\" if {\n\tjson.verify_schema({\"$ref\": \"file:///etc/passwd\"})\n}\n"), good, 2, "acme.rego:11:2: json.verify_schema: not available to policies"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			advisortest.WriteFile(t, dir, "acme.rego", c.rule)
			code, out, errOut := runCLI(t, "score", c.profile, "--policy", dir, "--fail-on", "critical")
			if code != c.code || !strings.Contains(out+errOut, c.wantErr) {
				t.Fatalf("exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", code, c.code, c.wantErr, out, errOut)
			}
		})
	}
}

// TestPolicyTestLoadsLikeScore: `policy test` refuses what score would
// refuse, before running any test, and pins the clock.
func TestPolicyTestLoadsLikeScore(t *testing.T) {
	dir := t.TempDir()
	advisortest.WriteFile(t, dir, "acme.rego", customRule("low", "deny := 5\n"))
	advisortest.WriteFile(t, dir, "acme_test.rego", "package hybridadvisor.custom.acme_01_test\n\ntest_ok if { true }\n")
	code, _, errOut := runCLI(t, "policy", "test", dir)
	if code != 2 || !strings.Contains(errOut, filepath.Join(dir, "acme.rego")+":10:1: deny") {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
}

// TestReformatRefusesUnknownSeverities: a saved result is read back only
// with the five severities a run writes, so a finding edited to "High" cannot
// slip past reformat's JUnit --fail-on.
func TestReformatRefusesUnknownSeverities(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "r.json")
	if code, _, errOut := runCLI(t, "score", "--example", "shop", "-o", "json="+saved); code != 0 {
		t.Fatalf("score: exit %d\n%s", code, errOut)
	}
	data, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	edited := regexp.MustCompile(`"severity": "(critical|high|medium|low|info)"`).ReplaceAllString(string(data), `"severity": "High"`)
	if edited == string(data) {
		t.Fatal("the example has no finding to edit")
	}
	advisortest.WriteFile(t, dir, "r.json", edited)
	code, out, errOut := runCLI(t, "reformat", saved, "-o", "junit", "--fail-on", "high")
	if code != 2 || !strings.Contains(out+errOut, `"High" is not a severity`) {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}
