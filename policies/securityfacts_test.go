package policies_test

import (
	"context"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridadvisor/hybridadvisor/policies"
)

// securityFacts is data/security.yaml as the rules see it, data.hybridadvisor.security_facts.
func securityFacts(t *testing.T) map[string]any {
	t.Helper()
	facts, ok := hybridData(t)["security_facts"].(map[string]any)
	if !ok {
		t.Fatal("data.hybridadvisor.security_facts is not an object")
	}
	return facts
}

// TestSecurityFactsData checks data/security.yaml: dated; every threshold a number with its
// source and date; every threshold a rule reads (lib.thresholds.<name>) present and every one
// present read; each deprecated-runtime list named, sourced and dated, its end dates dates.
func TestSecurityFactsData(t *testing.T) {
	facts := securityFacts(t)
	if s, _ := facts["as_of"].(string); !isoDate.MatchString(s) {
		t.Errorf("as_of = %v, want YYYY-MM-DD", facts["as_of"])
	}
	thresholds, ok := facts["thresholds"].(map[string]any)
	if !ok || len(thresholds) == 0 {
		t.Fatal("thresholds missing")
	}
	for name, v := range thresholds {
		entry, _ := v.(map[string]any)
		if _, err := asFloat(entry["value"]); err != nil {
			t.Errorf("thresholds.%s.value: %v", name, err)
		}
		if s, _ := entry["source"].(string); s == "" {
			t.Errorf("thresholds.%s has no source", name)
		}
		if s, _ := entry["as_of"].(string); !isoDate.MatchString(s) {
			t.Errorf("thresholds.%s.as_of = %v, want YYYY-MM-DD", name, entry["as_of"])
		}
	}
	read := map[string]bool{}
	for _, m := range regexp.MustCompile(`lib\.thresholds\.([a-z_]+)`).FindAllStringSubmatch(securitySources(t), -1) {
		read[m[1]] = true
		if _, ok := thresholds[m[1]]; !ok {
			t.Errorf("a rule reads lib.thresholds.%s, which data/security.yaml does not have", m[1])
		}
	}
	for name := range thresholds {
		if !read[name] {
			t.Errorf("thresholds.%s in data/security.yaml is read by no rule", name)
		}
	}

	lists, _ := facts["deprecated_runtimes"].(map[string]any)
	for _, kind := range []string{"function", "container"} {
		list, ok := lists[kind].(map[string]any)
		if !ok {
			t.Errorf("deprecated_runtimes.%s missing", kind)
			continue
		}
		for _, k := range []string{"name", "source"} {
			if s, _ := list[k].(string); s == "" {
				t.Errorf("deprecated_runtimes.%s has no %s", kind, k)
			}
		}
		if s, _ := list["as_of"].(string); !isoDate.MatchString(s) {
			t.Errorf("deprecated_runtimes.%s.as_of = %v, want YYYY-MM-DD", kind, list["as_of"])
		}
		runtimes, _ := list["runtimes"].(map[string]any)
		if len(runtimes) == 0 {
			t.Errorf("deprecated_runtimes.%s lists no runtime", kind)
		}
		for r, d := range runtimes {
			if s, _ := d.(string); !isoDate.MatchString(s) {
				t.Errorf("deprecated_runtimes.%s.runtimes.%s = %v, want YYYY-MM-DD", kind, r, d)
			}
		}
	}
}

// TestDeprecatedRuntimeKeysAreNormalised: a runtime is looked up by lib.runtime_key of the
// declared value, so a key that runtime_key would change could never match.
func TestDeprecatedRuntimeKeysAreNormalised(t *testing.T) {
	src, err := fs.ReadFile(policies.FS, "security/lib/lib.rego")
	if err != nil {
		t.Fatal(err)
	}
	pq, err := rego.New(
		rego.Query("data.hybridadvisor.security.lib.runtime_key(input.r)"),
		rego.Module("lib.rego", string(src)),
		rego.SetRegoVersion(ast.RegoV1),
	).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	lists, _ := securityFacts(t)["deprecated_runtimes"].(map[string]any)
	for kind, l := range lists {
		runtimes, _ := l.(map[string]any)["runtimes"].(map[string]any)
		for r := range runtimes {
			rs, err := pq.Eval(context.Background(), rego.EvalInput(map[string]any{"r": r}))
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 || rs[0].Expressions[0].Value != r {
				t.Errorf("deprecated_runtimes.%s.runtimes.%s: runtime_key gives %v, so the entry can never match", kind, r, rs)
			}
		}
	}
}

// securitySources is the text of every security rule module, tests excluded.
func securitySources(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for name := range securityModules(t, false) {
		src, err := fs.ReadFile(policies.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(src)
		b.WriteByte('\n')
	}
	return b.String()
}
