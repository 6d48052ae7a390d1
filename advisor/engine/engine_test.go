package engine

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridadvisor/hybridadvisor/internal/advisortest"
)

// customRule is a valid user policy; tests vary its body.
const customHeader = `# METADATA
# title: Owner tag required
# description: Every component names an owning team.
# custom:
#   id: ACME-01
#   severity: low
#   remediation: Add tags.owner.
package hybridadvisor.custom.acme_01

`

func writePolicy(t *testing.T, name, src string) string {
	t.Helper()
	dir := t.TempDir()
	advisortest.WriteFile(t, dir, name, src)
	return dir
}

func TestUserPoliciesRejected(t *testing.T) {
	cases := []struct {
		name     string
		src      string
		wantLine int
		want     string
	}{
		{
			name:     "http.send is not available",
			src:      customHeader + "deny contains \"x\" if {\n\thttp.send({\"method\": \"get\", \"url\": \"https://example.com\"})\n}\n",
			wantLine: 11,
			want:     "http.send",
		},
		{
			name:     "opa.runtime leaks the environment",
			src:      customHeader + "deny contains \"x\" if {\n\topa.runtime().env.HOME\n}\n",
			wantLine: 11,
			want:     "opa.runtime",
		},
		{
			name:     "net.lookup_ip_addr reaches the network",
			src:      customHeader + "deny contains \"x\" if {\n\tnet.lookup_ip_addr(\"example.com\")\n}\n",
			wantLine: 11,
			want:     "net.lookup_ip_addr",
		},
		{
			name:     "syntax error",
			src:      customHeader + "deny contains \"x\" if {\n\tinput.component.name ==\n}\n",
			wantLine: 12,
			want:     "unexpected } token",
		},
		{
			name:     "package outside hybridadvisor.custom",
			src:      "package hybridadvisor.decision\n\nresult := {}\n",
			wantLine: 1,
			want:     "must live under package hybridadvisor.custom",
		},
		{
			name:     "deny without METADATA",
			src:      "package hybridadvisor.custom.nometa\n\ndeny contains \"x\" if {\n\tinput.component.name == \"a\"\n}\n",
			wantLine: 1,
			want:     "no package METADATA",
		},
		{
			name:     "METADATA without severity",
			src:      strings.Replace(customHeader, "#   severity: low\n", "", 1) + "deny contains \"x\" if {\n\tinput.component.name == \"a\"\n}\n",
			wantLine: 1,
			want:     "custom.severity is required",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePolicy(t, "acme.rego", tc.src)
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			var ces CompileErrors
			if !errors.As(err, &ces) || len(ces) == 0 {
				t.Fatalf("want CompileErrors, got %v", err)
			}
			first := ces[0]
			if !strings.HasSuffix(first.File, "acme.rego") {
				t.Errorf("file = %q, want .../acme.rego", first.File)
			}
			if first.Line != tc.wantLine {
				t.Errorf("line = %d, want %d (%v)", first.Line, tc.wantLine, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestUserPolicyDirectoryMissing(t *testing.T) {
	_, err := New(context.Background(), Options{PolicyDirs: []string{filepath.Join(t.TempDir(), "nope")}})
	if err == nil || !strings.Contains(err.Error(), "cannot read policy directory") {
		t.Fatalf("want a clear error, got %v", err)
	}
}

func TestUserPolicyLoopIsStopped(t *testing.T) {
	// 3000^3 iterations and no allocation growth: only the timeout ends it.
	src := customHeader + "deny contains \"never\" if {\n\tr := numbers.range(1, 3000)\n\tsome a in r\n\tsome b in r\n\tsome c in r\n\ta + b + c == -1\n}\n"
	dir := writePolicy(t, "loop.rego", src)
	e, err := New(context.Background(), Options{PolicyDirs: []string{dir}, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Findings(context.Background(), ast.NewObject())
	if err == nil || !strings.Contains(err.Error(), "stopped after 200ms") {
		t.Fatalf("want a timeout error, got %v", err)
	}
}

func TestUserPolicyCatalogueAndPrint(t *testing.T) {
	src := customHeader + "deny contains {\"message\": \"no owner\", \"path\": \"tags\"} if {\n\tprint(\"checking\", input.component.name)\n\tnot input.component.tags.owner\n}\n"
	dir := writePolicy(t, "owner.rego", src)
	var printed bytes.Buffer
	e, err := New(context.Background(), Options{PolicyDirs: []string{dir}, Print: &printed})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := e.RuleByID("ACME-01")
	if !ok || r.Kind != "custom" || r.Severity != "low" || r.Title != "Owner tag required" || r.Remediation != "Add tags.owner." {
		t.Fatalf("catalogue entry = %+v, %v", r, ok)
	}
	fs, err := e.Findings(context.Background(), ast.MustParseTerm(`{"component": {"name": "api", "tags": {}}}`).Value)
	if err != nil {
		t.Fatal(err)
	}
	var got []Finding
	for _, f := range fs {
		if f.Rule.ID == "ACME-01" {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Message != "no owner" || got[0].Path != "tags" || got[0].Severity != "low" {
		t.Fatalf("findings = %+v", got)
	}
	if !strings.Contains(printed.String(), "checking api") {
		t.Errorf("print output not captured: %q", printed.String())
	}
}
