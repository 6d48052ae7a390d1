package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

const goodProfile = `apiVersion: hybridadvisor/v1
name: tiny
components:
  - name: resize
    trigger: storage
    traffic: {requests_per_month: 20000, pattern: sporadic}
    execution: {avg_duration: 800ms, memory_mb: 1024}
`

// badProfile has a typo on line 7, column 35.
const badProfile = `apiVersion: hybridadvisor/v1
name: broken
components:
  - name: api
    trigger: http
    traffic: {requests_per_month: 1000}
    execution: {avg_duration: 1s, memroy_mb: 512}
`

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := advisortest.WriteFile(t, dir, "good.yaml", goodProfile)
	bad := advisortest.WriteFile(t, dir, "bad.yaml", badProfile)
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	advisortest.WriteFile(t, empty, "notes.txt", "not a profile")

	cases := []struct {
		name    string
		args    []string
		code    int
		wantOut string
		wantErr string
	}{
		{"example scores", []string{"score", "--example", "shop"}, 0, "Verdict:", ""},
		{"file scores", []string{"score", good}, 0, "resize", ""},
		{"nothing to score", []string{"score"}, 2, "", "nothing to score"},
		{"unknown flag", []string{"score", "--bogus", good}, 2, "", "unknown flag"},
		{"unknown format", []string{"score", "-o", "yaml", good}, 2, "", "unknown output format"},
		{"bad fail-on", []string{"score", "--fail-on", "severe", good}, 2, "", "--fail-on"},
		{"unknown cloud", []string{"score", "--cloud", "oracle", good}, 2, "", "unknown cloud"},
		{"unknown example", []string{"score", "--example", "nope"}, 2, "", "unknown example"},
		{"missing file", []string{"score", filepath.Join(dir, "missing.yaml")}, 2, "no such file", ""},
		{"directory without profiles", []string{"score", empty}, 2, "no profiles", ""},
		{"bad file at its line", []string{"score", bad}, 2, "bad.yaml:7:35", ""},
		{"bad file beside a good one", []string{"score", good, bad}, 2, "resize", ""},
		{"gate fails", []string{"score", "--example", "shop", "--fail-on", "info"}, 1, "", "at or above info"},
		{"errors win over gates", []string{"score", good, bad, "--fail-on", "info"}, 2, "", ""},
		{"schema", []string{"schema"}, 0, "\"$schema\"", ""},
		{"version", []string{"version"}, 0, "price tables", ""},
		{"help without a terminal", []string{}, 0, "Start here", ""},
		{"pricing list", []string{"pricing", "list"}, 0, "us-east-1", ""},
		{"pricing show", []string{"pricing", "show", "aws-lambda"}, 0, "http", ""},
		{"pricing show unknown", []string{"pricing", "show", "aws-nope"}, 2, "", "aws-nope"},
		{"pricing show a typo", []string{"pricing", "show", "aws-lamda"}, 2, "", `unknown platform "aws-lamda" (did you mean "aws-lambda"?) (known: aws-lambda, `},
		{"completion", []string{"completion", "bash"}, 0, "bash completion", ""},
		{"init to stdout", []string{"init", "-"}, 0, "apiVersion: hybridadvisor/v1", ""},
		{"init list", []string{"init", "--list"}, 0, "shop", ""},
		{"tui needs a terminal", []string{"tui", "--example", "shop"}, 2, "", "needs a terminal"},
		{"report", []string{"report", "--example", "starter"}, 0, "```mermaid", ""},
		{"policy list", []string{"policy", "list"}, 0, "IAM-01", ""},
		{"policy list json", []string{"policy", "list", "-o", "json"}, 0, "\"severity\"", ""},
		{"policy doc", []string{"policy", "doc"}, 0, "## E-TIMEOUT-HTTP", ""},
		{"policy test without tests", []string{"policy", "test", "."}, 2, "", "no *_test.rego"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if !strings.Contains(out, tc.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tc.wantOut, out)
			}
			if !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tc.wantErr, errOut)
			}
			if strings.Contains(out+errOut, "goroutine ") || strings.Contains(out+errOut, "panic:") {
				t.Errorf("stack trace in output")
			}
		})
	}
}

func TestJSONOutputKeepsGoodResultsBesideErrors(t *testing.T) {
	dir := t.TempDir()
	good := advisortest.WriteFile(t, dir, "good.yaml", goodProfile)
	bad := advisortest.WriteFile(t, dir, "bad.yaml", badProfile)
	jsonPath := filepath.Join(dir, "out.json")
	code, out, _ := runCLI(t, "score", good, bad, "-o", "table", "-o", "json="+jsonPath)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(out, "resize") {
		t.Errorf("table on stdout lacks the good file")
	}
	raw, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		SchemaVersion int `json:"schema_version"`
		Files         []struct {
			Path  string `json:"path"`
			Error *struct {
				Line, Column int
				Message      string
			} `json:"error"`
			Architecture *struct{ Name string } `json:"architecture"`
		} `json:"files"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	if res.SchemaVersion != 2 || len(res.Files) != 2 {
		t.Fatalf("result = %+v", res)
	}
	if res.Files[0].Architecture == nil || res.Files[0].Architecture.Name != "tiny" {
		t.Errorf("good file not scored: %+v", res.Files[0])
	}
	if e := res.Files[1].Error; e == nil || e.Line != 7 || e.Column != 35 || !strings.Contains(e.Message, "memroy_mb") {
		t.Errorf("bad file error = %+v", e)
	}
}

func TestInitWritesAndRefusesToOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.yaml")
	if code, _, errOut := runCLI(t, "init", path); code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "score", path); code != 0 {
		t.Fatalf("the starter profile does not score cleanly: exit %d", code)
	}
	if code, _, errOut := runCLI(t, "init", path); code != 2 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("second init: exit %d: %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "init", "--force", "--template", "shop", path); code != 0 {
		t.Fatalf("init --force: exit %d", code)
	}
}

func TestFreeTierFlag(t *testing.T) {
	dir := t.TempDir()
	good := advisortest.WriteFile(t, dir, "good.yaml", goodProfile)
	_, on, _ := runCLI(t, "score", good, "-o", "json")
	_, off, _ := runCLI(t, "score", good, "-o", "json", "--free-tier=false")
	if !strings.Contains(on, `"free_tier": true`) || !strings.Contains(off, `"free_tier": false`) {
		t.Fatalf("free tier not reflected in the result")
	}
	if !strings.Contains(off, `"free_tier_override": false`) {
		t.Errorf("the override is not recorded in settings")
	}
}

func TestPolicyTestCommand(t *testing.T) {
	dir := t.TempDir()
	advisortest.WriteFile(t, dir, "owner.rego", `# METADATA
# title: Owner tag required
# description: Every component names an owning team.
# custom:
#   id: ACME-01
#   severity: low
#   remediation: Add tags.owner.
package hybridadvisor.custom.acme_01

deny contains {"message": "no owner", "path": "tags"} if {
	not input.component.tags.owner
}
`)
	advisortest.WriteFile(t, dir, "owner_test.rego", `package hybridadvisor.custom.acme_01_test

import data.hybridadvisor.custom.acme_01

test_fires if {
	count(acme_01.deny) == 1 with input as {"component": {"tags": {}}}
}

test_quiet if {
	count(acme_01.deny) == 0 with input as {"component": {"tags": {"owner": "a"}}}
}
`)
	code, out, errOut := runCLI(t, "policy", "test", dir)
	if code != 0 || !strings.Contains(out, "2 passed, 0 failed") || !strings.Contains(out, "coverage: 100.0%") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	// The custom rule joins the catalogue and fires when scoring.
	good := advisortest.WriteFile(t, dir, "good.yaml", goodProfile)
	code, out, _ = runCLI(t, "score", good, "--policy", dir, "-o", "json")
	if code != 0 || !strings.Contains(out, `"rule": "ACME-01"`) {
		t.Fatalf("custom rule did not fire: exit %d\n%s", code, out)
	}
	// A failing test exits 1.
	advisortest.WriteFile(t, dir, "bad_test.rego", "package hybridadvisor.custom.acme_01_bad_test\n\ntest_wrong if {\n\tfalse\n}\n")
	if code, out, _ = runCLI(t, "policy", "test", dir); code != 1 || !strings.Contains(out, "2 passed, 1 failed") {
		t.Fatalf("failing test: exit %d\n%s", code, out)
	}
	// A custom policy calling http.send does not compile: exit 2 with file:line.
	advisortest.WriteFile(t, dir, "net.rego", "package hybridadvisor.custom.net\n\nx := http.send({\"method\": \"get\", \"url\": \"https://example.com\"})\n")
	code, _, errOut = runCLI(t, "score", good, "--policy", dir)
	if code != 2 || !strings.Contains(errOut, "net.rego:3") {
		t.Fatalf("http.send: exit %d\n%s", code, errOut)
	}
}
