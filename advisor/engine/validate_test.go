package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// loadErr loads one users' file and returns the first located error.
func loadErr(t *testing.T, src string) *CompileError {
	t.Helper()
	_, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, "acme.rego", src)}})
	var ces CompileErrors
	if !errors.As(err, &ces) || len(ces) == 0 {
		t.Fatalf("want CompileErrors, got %v", err)
	}
	if !strings.HasSuffix(ces[0].File, "acme.rego") {
		t.Errorf("file = %q, want .../acme.rego", ces[0].File)
	}
	return ces[0]
}

// TestSeverityValidated: a severity the gates would not count (--fail-on
// critical exited 0 on "catastrophic") does not load, or fails the evaluation
// when computed; one written in another case gates as its lower case.
func TestSeverityValidated(t *testing.T) {
	t.Run("METADATA severity unknown", func(t *testing.T) {
		ce := loadErr(t, strings.Replace(customHeader, "severity: low", "severity: catastrophic", 1)+"deny contains \"x\" if { input.x }\n")
		if ce.Line != 1 || ce.Column != 1 || !strings.Contains(ce.Message, `custom.severity "catastrophic": want one of critical, high, medium, low, info`) {
			t.Errorf("error = %v", ce)
		}
	})
	t.Run("METADATA severity not a string", func(t *testing.T) {
		ce := loadErr(t, strings.Replace(customHeader, "severity: low", "severity: 5", 1)+"deny contains \"x\" if { input.x }\n")
		if ce.Line != 1 || !strings.Contains(ce.Message, "custom.severity 5: want one of") {
			t.Errorf("error = %v", ce)
		}
	})
	t.Run("finding severity written unknown", func(t *testing.T) {
		ce := loadErr(t, customHeader+"deny contains {\"message\": \"x\", \"severity\": \"catastrophic\"} if {\n\tinput.x\n}\n")
		if ce.Line != 10 || ce.Column != 1 || !strings.Contains(ce.Message, `finding severity "catastrophic": want one of critical`) {
			t.Errorf("error = %v", ce)
		}
	})

	src := strings.Replace(customHeader, "severity: low", "severity: Critical", 1) +
		"deny contains \"from metadata\" if { input.metadata }\n\n" +
		"deny contains {\"message\": \"written\", \"severity\": \"High\"} if { input.written }\n\n" +
		"deny contains {\"message\": \"computed\", \"severity\": input.sev} if { input.sev != null }\n"
	e, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, "acme.rego", src)}})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := e.RuleByID("ACME-01"); r.Severity != "critical" {
		t.Errorf("catalogue severity = %q, want critical", r.Severity)
	}
	for _, c := range []struct{ input, want, err string }{
		{`{"metadata": true}`, "critical", ""},
		{`{"written": true}`, "high", ""},
		{`{"sev": "MEDIUM"}`, "medium", ""},
		{`{"sev": "catastrophic"}`, "", `finding severity "catastrophic": want one of critical, high, medium, low, info`},
		{`{"sev": 5}`, "", "finding severity 5: want one of"},
		{`{"sev": ""}`, "", `finding severity "": want one of`},
	} {
		fs, err := e.Findings(context.Background(), ast.MustParseTerm(c.input).Value)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), "hybridadvisor.custom.acme_01") {
				t.Errorf("%s: err = %v, want %q", c.input, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.input, err)
		}
		var got []string
		for _, f := range fs {
			if f.Rule.ID == "ACME-01" {
				got = append(got, f.Severity)
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: severities %v, want [%s]", c.input, got, c.want)
		}
	}
}

// TestDenyMustBeFindings: a deny (or warn) the engine would silently ignore
// does not load; the error names file, line and column.
func TestDenyMustBeFindings(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		want      string
	}{
		{"deny a number", "deny := 5\n", 10, "deny (in package hybridadvisor.custom.acme_01): it is a number, so its findings would be ignored"},
		{"deny a string", "deny := \"x\"\n", 10, "it is a string, so its findings would be ignored"},
		{"deny a set of numbers", "deny contains 5 if { input.x }\n", 10, "its findings are number; a finding is a message string or an object"},
		{"deny nested", "deny.more contains \"x\" if { input.x }\n", 10, "deny.more: findings must be the elements of deny itself"},
		{"deny a function", "deny(x) := x\n", 10, "deny is a function; it must be a set of findings"},
		{"warn", "deny contains \"x\" if { input.x }\n\nwarn := \"x\"\n", 12, "rule warn: hybridadvisor reads only deny rules, so warn would be ignored"},
		{"warn set", "warn contains \"x\" if { input.x }\n", 10, "rule warn: hybridadvisor reads only deny rules"},
		{"violation", "violation contains {\"msg\": \"x\"} if { input.x }\n", 10, "rule violation: hybridadvisor reads only deny rules"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ce := loadErr(t, customHeader+c.src)
			if ce.Line != c.line || ce.Column != 1 || !strings.Contains(ce.Message, c.want) {
				t.Errorf("error = %v, want line %d: %q", ce, c.line, c.want)
			}
		})
	}
	// What the engine reads loads: sets of strings or objects, and objects of them.
	for _, src := range []string{
		"deny contains \"x\" if { input.x }\n",
		"deny contains {\"message\": \"x\"} if { input.x }\n",
		"deny[\"k\"] := {\"message\": \"x\"} if { input.x }\n",
		"deny contains f if {\n\tsome f in input.findings\n}\n",
		"default deny := set()\n",
	} {
		e, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, "acme.rego", customHeader+src)}})
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if _, err := e.Findings(context.Background(), ast.MustParseTerm(`{"x": true}`).Value); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}
