package profile

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// minimal is the smallest valid profile; tests append to or edit it.
const minimal = `apiVersion: hybridadvisor/v1
name: t
components:
  - name: a
    trigger: http
    traffic: {requests_per_month: 1000}
    execution: {avg_duration: 100ms}
`

// errorLines parses src and returns its errors as "line:col: message".
func errorLines(t testing.TB, src string) []string {
	t.Helper()
	f, err := Parse("p.yaml", []byte(src))
	if err == nil {
		t.Fatalf("Parse succeeded with %d architectures; want errors", len(f.Architectures))
	}
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error is %T, want Errors: %v", err, err)
	}
	if f != nil {
		t.Errorf("Parse returned a File along with errors")
	}
	out := make([]string, len(es))
	for i, e := range es {
		if e.File != "p.yaml" {
			t.Errorf("error path = %q, want p.yaml", e.File)
		}
		out[i] = fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Message)
	}
	return out
}

// mustParse parses src and fails the test on any error.
func mustParse(t testing.TB, src string) *File {
	t.Helper()
	f, err := Parse("p.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

// component0 parses a profile made of minimal's header and one component body.
func component0(t testing.TB, body string) *Architecture {
	t.Helper()
	src := "apiVersion: hybridadvisor/v1\nname: t\ncomponents:\n  - name: a\n" + indent(body, "    ")
	f := mustParse(t, src)
	return f.Architectures[0]
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n") + "\n"
}
