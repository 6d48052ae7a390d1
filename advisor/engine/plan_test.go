package engine

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridadvisor/hybridadvisor/policies"
)

// plannerFor compiles the given security modules (package hybridadvisor.security.*).
func plannerFor(t *testing.T, modules ...string) *planner {
	t.Helper()
	parsed := map[string]*ast.Module{}
	for i, src := range modules {
		m, err := ast.ParseModuleWithOpts(fmt.Sprintf("m%d.rego", i), src, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		parsed[m.Package.Location.File] = m
	}
	c := ast.NewCompiler()
	if c.Compile(parsed); c.Failed() {
		t.Fatal(c.Errors)
	}
	return newPlanner(c)
}

func TestPlannerKeepsOnlyPackagesThatMayFire(t *testing.T) {
	pl := plannerFor(t,
		`package hybridadvisor.security.eq
deny contains "x" if input.component.trigger == "http"`,
		`package hybridadvisor.security.flag
deny contains "x" if {
	input.component.declared.security == true
	input.component.security.waf == false
}`,
		`package hybridadvisor.security.member
deny contains "x" if input.component.security.auth.type in {"api_key", "function_key"}`,
		`package hybridadvisor.security.bare
deny contains "x" if input.component.security.data.allowed_regions`,
		`package hybridadvisor.security.assign
deny contains msg if {
	r := input.component.security.runtime.language_runtime
	msg := r
}`,
		`package hybridadvisor.security.each
deny contains e.to if {
	some e in input.component.calls
	input.component.calls[_].mode == "sync"
}`,
		`package hybridadvisor.security.call
deny contains "x" if count(input.component.tags) > 0`,
		// two rules: either may fire
		`package hybridadvisor.security.either
deny contains "a" if input.component.trigger == "queue"
deny contains "b" if input.component.state == "stateful"`,
		// guards the planner cannot judge: negations, helper rules, with
		`package hybridadvisor.security.opaque
deny contains "x" if {
	not input.component.trigger == "http"
	_helper
	input.component.state == "stateful" with input.component.state as "stateful"
}
_helper if input.component.declared.security == true`,
		// a number compares across representations (1 == 1.0): the field need only exist
		`package hybridadvisor.security.number
deny contains "x" if input.component.execution.memory_mb == 128`,
		// an else makes a complete rule defined when its first body fails
		`package hybridadvisor.security.elsewise
deny := {"x"} if input.component.trigger == "never" else := {"y"}`,
		// a helper with a head reference does not make the package opaque
		`package hybridadvisor.security.helpers
_by[k] := v if some k, v in input.component.tags
deny contains "x" if input.component.state == "stateful"`,
	)
	if pl.off {
		t.Fatal("planner off")
	}
	cases := []struct {
		name      string
		component string
		want      []string
	}{
		{"empty", `{}`, []string{"elsewise", "opaque"}},
		{"http", `{"trigger": "http"}`, []string{"elsewise", "eq", "opaque"}},
		{"queue", `{"trigger": "queue"}`, []string{"either", "elsewise", "opaque"}},
		{"declared but waf true", `{"declared": {"security": true}, "security": {"waf": true}}`, []string{"elsewise", "opaque"}},
		{"declared, waf false", `{"declared": {"security": true}, "security": {"waf": false}}`, []string{"elsewise", "flag", "opaque"}},
		{"auth in set", `{"security": {"auth": {"type": "api_key"}}}`, []string{"elsewise", "member", "opaque"}},
		{"auth not in set", `{"security": {"auth": {"type": "jwt"}}}`, []string{"elsewise", "opaque"}},
		{"bare false", `{"security": {"data": {"allowed_regions": false}}}`, []string{"elsewise", "opaque"}},
		{"bare list", `{"security": {"data": {"allowed_regions": []}}}`, []string{"bare", "elsewise", "opaque"}},
		{"assigned", `{"security": {"runtime": {"language_runtime": "go1.x"}}}`, []string{"assign", "elsewise", "opaque"}},
		{"no calls", `{"calls": []}`, []string{"elsewise", "opaque"}},
		{"a call", `{"calls": [{"to": "b", "mode": "async"}]}`, []string{"each", "elsewise", "opaque"}},
		{"tags", `{"tags": {}}`, []string{"call", "elsewise", "opaque"}},
		{"stateful", `{"state": "stateful"}`, []string{"either", "elsewise", "helpers", "opaque"}},
		{"not an object", `"component"`, []string{"elsewise", "opaque"}},
		{"any memory", `{"execution": {"memory_mb": 256}}`, []string{"elsewise", "number", "opaque"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			input := ast.MustParseTerm(`{"component": ` + c.component + `}`).Value
			got, ok := pl.packagesFor(input)
			if !ok {
				t.Fatal("planner declined")
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("packages = %v, want %v", got, c.want)
			}
		})
	}
}

func TestPlannerStepsAsideForDynamicRules(t *testing.T) {
	for name, src := range map[string]string{
		"a dynamic package":       "package hybridadvisor\nsecurity[p] := {\"deny\": {\"x\"}} if some p in [\"a\"]",
		"the whole hybridadvisor": "package hybridadvisor\nx := 1\nsecurity := {}",
	} {
		t.Run(name, func(t *testing.T) {
			if pl := plannerFor(t, src); !pl.off {
				t.Errorf("planner on; want it to fall back to the full query")
			}
		})
	}
	if pl := plannerFor(t, "package hybridadvisor\nx := 1"); pl.off {
		t.Error("an unrelated rule turned the planner off")
	}
	// users' rules keep their part of the queries; without them it is left out
	if pl := plannerFor(t, "package hybridadvisor.custom.acme\ndeny contains \"x\" if input.component"); pl.noCustom || !strings.Contains(pl.query(ComponentQuery, nil), customFindings) {
		t.Error("users' rules left out of the component query")
	}
	if pl := plannerFor(t, "package hybridadvisor.security.a\ndeny contains \"x\" if input.component"); !pl.noCustom || strings.Contains(pl.query(ComponentQuery, nil), customFindings) {
		t.Error("the component query visits users' packages when there are none")
	}
	// a rule that writes a package's document whole keeps that package always
	pl := plannerFor(t, "package hybridadvisor.security\nwhole := {\"deny\": {\"x\"}}")
	if pl.off || !slices.Equal(pl.always, []string{"whole"}) {
		t.Errorf("off %v, always %v; want the package kept always", pl.off, pl.always)
	}
}

// TestNarrowedQueryGivesTheFullQueryResult is the planner's safety net: on the
// security fixtures (a fully declared shop and a bare component) and thousands of
// variants of them that flip the fields the rules test, the narrowed component
// query must give exactly the full query's result.
func TestNarrowedQueryGivesTheFullQueryResult(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e.planner.off {
		t.Fatal("planner off for the embedded policies")
	}
	bases := fixtureInputs(t)
	rng := rand.New(rand.NewPCG(7, 11))
	var inputs []map[string]any
	for _, base := range bases {
		inputs = append(inputs, base)
		for _, g := range e.planner.guards {
			for _, v := range guardValues(g) {
				inputs = append(inputs, mutate(base, g.path, v))
			}
		}
	}
	// and what the rules' own tests do: drop a declared field, or flip a boolean
	for _, base := range bases[:len(bases)-1] {
		comp := base["component"].(map[string]any)
		for _, block := range []string{"security", "observability", "resilience", "tags"} {
			for _, leaf := range leaves(ast.Ref{ast.StringTerm(block)}, comp[block]) {
				path := append(ast.Ref{ast.StringTerm("component")}, leaf.path...)
				inputs = append(inputs, mutate(base, path, nil))
				if b, ok := leaf.value.(bool); ok {
					inputs = append(inputs, mutate(base, path, !b))
				}
			}
		}
	}
	for range 800 {
		in := bases[rng.IntN(len(bases))]
		for range 1 + rng.IntN(4) {
			g := e.planner.guards[rng.IntN(len(e.planner.guards))]
			vals := guardValues(g)
			in = mutate(in, g.path, vals[rng.IntN(len(vals))])
		}
		inputs = append(inputs, in)
	}

	ctx := context.Background()
	fired := map[string]bool{}
	kept, errs := 0, 0
	for i, in := range inputs {
		v, err := ast.InterfaceToValue(in)
		if err != nil {
			t.Fatal(err)
		}
		full, fullErr := e.eval(ctx, e.component, v)
		q, err := e.componentQuery(v)
		if err != nil {
			t.Fatal(err)
		}
		narrowed, narrowErr := e.eval(ctx, q, v)
		if fullErr != nil {
			errs++ // a mutation the rules reject by type; not the planner's concern
			continue
		}
		if narrowErr != nil {
			t.Fatalf("input %d: narrowed query failed where the full one did not: %v", i, narrowErr)
		}
		if full.Compare(narrowed) != 0 {
			pkgs, _ := e.planner.packagesFor(v)
			t.Fatalf("input %d: narrowed result differs\ncomponent: %v\npackages: %v\nfull:     %v\nnarrowed: %v",
				i, in["component"], pkgs, get(full.(ast.Object), "findings"), get(narrowed.(ast.Object), "findings"))
		}
		if i%5 == 0 { // the TUI's findings query is narrowed the same way
			fq, err := e.findingsQuery(v)
			if err != nil {
				t.Fatal(err)
			}
			a, errA := e.eval(ctx, e.findings, v)
			b, errB := e.eval(ctx, fq, v)
			if errA != nil || errB != nil || a.Compare(b) != 0 {
				t.Fatalf("input %d: narrowed findings query differs (%v, %v)", i, errA, errB)
			}
		}
		for _, f := range list(get(full.(ast.Object), "findings")) {
			fired[text(get(f.Value.(ast.Object), "package"))] = true
		}
		pkgs, _ := e.planner.packagesFor(v)
		kept += len(pkgs)
	}
	judged := len(e.planner.packages) + len(e.planner.always)
	t.Logf("%d inputs (%d rejected by type), %d of %d packages fired, %.1f packages evaluated per input",
		len(inputs), errs, len(fired), judged, float64(kept)/float64(len(inputs)-errs))
	// The corpus must exercise the rules, or equality proves nothing.
	var missing []string
	for _, p := range e.planner.packages {
		if !fired[p] {
			missing = append(missing, p)
		}
	}
	t.Logf("silent: %v", missing)
	if len(fired) < judged*9/10 {
		t.Errorf("only %d of %d packages fired on the corpus; silent: %v", len(fired), judged, missing)
	}
	if errs > len(inputs)/10 {
		t.Errorf("%d of %d inputs failed to evaluate", errs, len(inputs))
	}
}

type leaf struct {
	path  ast.Ref
	value any
}

// leaves lists the scalar and list fields under v, in a stable order.
func leaves(path ast.Ref, v any) []leaf {
	m, ok := v.(map[string]any)
	if !ok {
		return []leaf{{path, v}}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []leaf
	for _, k := range keys {
		out = append(out, leaves(append(path.Copy(), ast.StringTerm(k)), m[k])...)
	}
	return out
}

// guardValues are values that make a guard hold and values that make it fail.
func guardValues(g guard) []any {
	switch g.kind {
	case oneOf:
		vals := []any{"something-else", nil}
		for _, v := range g.vals {
			var x any
			if err := ast.As(v, &x); err == nil {
				vals = append(vals, x)
			}
		}
		return vals
	case truthy:
		return []any{true, false, nil, []any{"eu-west-1"}, "restricted"}
	case nonEmpty:
		switch last := g.path[len(g.path)-1].Value.(ast.String); last {
		case "calls":
			return []any{[]any{}, []any{map[string]any{"to": "orders", "mode": "sync"}}, []any{map[string]any{"to": "gateway", "mode": "sync"}}}
		case "called_by":
			return []any{[]any{}, []any{map[string]any{"from": "gateway", "mode": "sync"}}}
		default:
			return []any{[]any{}, []any{"hipaa"}, []any{"pci-dss", "gdpr"}}
		}
	}
	return []any{nil, "python3.8", "nodejs16.x", "1.0", 7, []any{"s3:*"}}
}

// mutate returns a deep copy of input with the value at path set (nil removes it).
func mutate(input map[string]any, path ast.Ref, v any) map[string]any {
	out := deepCopy(input).(map[string]any)
	m := out
	for i, k := range path {
		key := string(k.Value.(ast.String))
		if i == len(path)-1 {
			if v == nil {
				delete(m, key)
			} else {
				m[key] = v
			}
			break
		}
		next, ok := m[key].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[key] = next
		}
		m = next
	}
	// keep the architecture's copy of the component in step, as the engine's input is
	if c, ok := out["component"].(map[string]any); ok && c["name"] != nil {
		if arch, ok := out["architecture"].(map[string]any); ok {
			if comps, ok := arch["components"].(map[string]any); ok {
				comps[c["name"].(string)] = c
			}
		}
	}
	return out
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

// fixtureInputs evaluates the security fixtures (policies/security/lib/fixtures_test.rego):
// each shop component's input and the bare component's, sorted by component name.
func fixtureInputs(t testing.TB) []map[string]any {
	t.Helper()
	src, err := fs.ReadFile(policies.FS, "security/lib/fixtures_test.rego")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rego.New(
		rego.Module("fixtures_test.rego", string(src)),
		rego.Query(`x := [i | some i in data.hybridadvisor.security.fixtures_test.shop_inputs] ; y := data.hybridadvisor.security.fixtures_test.bare_input`),
	).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("fixtures: %v", err)
	}
	var out []map[string]any
	for _, i := range rs[0].Bindings["x"].([]any) {
		out = append(out, i.(map[string]any))
	}
	sort.Slice(out, func(i, j int) bool {
		return strings.Compare(out[i]["component"].(map[string]any)["name"].(string), out[j]["component"].(map[string]any)["name"].(string)) < 0
	})
	return append(out, rs[0].Bindings["y"].(map[string]any))
}

// TestPlansPreparedWhileEvaluating prepares plans on first use from several
// goroutines at once, while others evaluate (run it with -race).
func TestPlansPreparedWhileEvaluating(t *testing.T) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var inputs []ast.Value
	for _, base := range fixtureInputs(t) {
		for _, flag := range []string{"security", "observability", "resilience"} {
			for _, on := range []bool{true, false} {
				in := mutate(base, ast.Ref{ast.StringTerm("component"), ast.StringTerm("declared"), ast.StringTerm(flag)}, on)
				v, err := ast.InterfaceToValue(in)
				if err != nil {
					t.Fatal(err)
				}
				inputs = append(inputs, v)
			}
		}
	}
	want := make([]ast.Value, len(inputs))
	for i, v := range inputs {
		if want[i], err = e.eval(context.Background(), e.component, v); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range inputs {
				i := (k + w*7) % len(inputs)
				r, err := e.Eval(context.Background(), inputs[i])
				if err != nil {
					errs <- err
					return
				}
				if len(r.Findings) != len(list(get(want[i].(ast.Object), "findings"))) {
					errs <- fmt.Errorf("input %d: %d findings, want %d", i, len(r.Findings), len(list(get(want[i].(ast.Object), "findings"))))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// BenchmarkPlanKey measures choosing the security packages for a fully declared
// component (the planner's cost on every evaluation).
func BenchmarkPlanKey(b *testing.B) {
	e, err := New(context.Background(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	in, err := ast.InterfaceToValue(fixtureInputs(b)[0])
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		e.planner.key(in)
	}
}

// TestUnguardedRulesAreAlwaysVisited: a new security rule whose body starts with nothing the
// planner can check on the input (no guard, a computed test, a negation, a function call) is
// visited for every input, so adding such a rule can never be silently skipped. The rules are
// generated from each shape with and without a leading guard the planner does understand.
func TestUnguardedRulesAreAlwaysVisited(t *testing.T) {
	inputs := []ast.Value{
		ast.MustParseTerm(`{"component": {}}`).Value,
		ast.MustParseTerm(`{"component": {"security": {"exposure": "public"}, "trigger": "http"}}`).Value,
	}
	for _, body := range []string{
		`true`,
		`count(object.keys(input.component)) >= 0`,
		`not input.component.nothing_here`,
		`x := input.component; is_object(x)`,
		`startswith(object.get(input.component, "name", ""), "")`,
	} {
		src := "package hybridadvisor.security.fresh\ndeny contains \"x\" if {\n\t" + body + "\n}"
		pl := plannerFor(t, src)
		if pl.off {
			t.Fatalf("%s: planner off", body)
		}
		for _, in := range inputs {
			pkgs, on := pl.packagesFor(in)
			if on && !slices.Contains(pkgs, "fresh") {
				t.Errorf("rule with body %q is skipped for input %v (packages %v)", body, in, pkgs)
			}
		}
	}
}
