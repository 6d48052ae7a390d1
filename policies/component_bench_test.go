package policies_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// componentQueries are the engine's per-component queries, prepared over the embedded decision
// and security policies (tests excluded) the way the engine does: the combined query a batch run
// evaluates, and the decision and findings queries the TUI's memoising advisor evaluates apart.
type componentQueries struct{ combined, decision, findings rego.PreparedEvalQuery }

func prepareComponentQueries(tb testing.TB) componentQueries {
	tb.Helper()
	modules := decisionModules(tb)
	for name, m := range securityModules(tb, false) {
		modules[name] = m
	}
	return componentQueries{
		prepareQuery(tb, modules, engine.ComponentQuery),
		prepareQuery(tb, modules, engine.DecisionQuery),
		prepareQuery(tb, modules, engine.FindingsQuery),
	}
}

// eval runs both queries as the engine does: the decision on the decision input only, the
// findings on the whole input. It returns their results.
func (q componentQueries) eval(tb testing.TB, input map[string]any) (decision, findings map[string]any) {
	full, err := ast.InterfaceToValue(input)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	out := [2]map[string]any{}
	for i, run := range []struct {
		pq rego.PreparedEvalQuery
		in ast.Value
	}{{q.decision, decisionInput(tb, input)}, {q.findings, full}} {
		rs, err := run.pq.Eval(ctx, rego.EvalParsedInput(run.in))
		if err != nil || len(rs) != 1 {
			tb.Fatalf("eval: %v (%d results)", err, len(rs))
		}
		out[i] = rs[0].Bindings["x"].(map[string]any)
	}
	return out[0], out[1]
}

// decisionInput keeps the engine.DecisionInput keys of a full input.
func decisionInput(tb testing.TB, input map[string]any) ast.Value {
	kept := map[string]any{}
	for _, k := range engine.DecisionInput {
		if v, ok := input[k]; ok {
			kept[k] = v
		}
	}
	v, err := ast.InterfaceToValue(kept)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// typicalInput is the input the advisor builds for the single-component file of its
// BenchmarkScoreOneComponent: an HTTP API of 100,000 requests a month, 50 ms, 128 MB, every
// other field defaulted and no security, observability or resilience block declared.
func typicalInput() map[string]any {
	var component map[string]any
	const doc = `{
		"name": "svc-0", "description": "", "path": "components[0]", "trigger": "http",
		"traffic": {"requests_per_month": 100000, "requests_per_second": 0.03805175,
			"peak_requests_per_second": 0.057077625, "pattern": "steady", "in_flight": 0.001903},
		"execution": {"avg_duration_ms": 50, "max_duration_ms": 150, "memory_mb": 128, "vcpu": 0.25,
			"concurrency": 80, "arch": "x86", "os": "linux", "ephemeral_storage_mb": 512, "gpu": 0,
			"payload_kb": 64, "min_instances": 0},
		"state": "stateless",
		"dependencies": {"complexity": "simple", "package_mb": 50, "container_image": false},
		"requires": {"kubernetes_api": false, "privileged": false, "host_access": false,
			"persistent_volume": false, "long_lived_connections": false, "vpc": false},
		"calls": [], "called_by": [],
		"security": {"exposure": "public", "auth": {}, "identity": {}, "network": {}, "secrets": {},
			"data": {}, "supply_chain": {}, "runtime": {}},
		"observability": {}, "resilience": {}, "tags": {}, "waivers": [],
		"declared": {"security": false, "observability": false, "resilience": false}
	}`
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&component); err != nil {
		panic(err)
	}
	costs := map[string]float64{
		"aws-lambda": 0, "aws-fargate": 9.01, "aws-eks": 138.15,
		"azure-functions-flex": 0, "azure-functions-premium": 157.72, "azure-container-apps": 14.31,
		"azure-aks": 135.78, "gcp-cloud-run-functions": 0, "gcp-cloud-run": 0, "gcp-gke-autopilot": 9.92,
	}
	options, priced := pricedOptions(costs)
	return map[string]any{
		"today":        "2026-11-25",
		"clouds":       []any{"aws", "azure", "gcp"},
		"regions":      map[string]any{"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"},
		"component":    component,
		"architecture": map[string]any{"name": "bench-0", "component_count": 1, "components": map[string]any{"svc-0": component}},
		"options":      options,
		"costs":        priced,
		"cost_view":    costView(costs, false),
		"texts":        texts(component),
	}
}

// BenchmarkComponentQuery measures the engine's whole per-component query (decision and every
// security rule) for a typical undeclared component and for the declared catalog API of
// realisticInput (a close call decided by cost).
// BenchmarkComponentQuery measures the engine's per-component evaluation for a typical
// undeclared component and for the declared catalog API of realisticInput (a close call
// decided by cost): "batch" is the combined query of score and report, "apart" the decision
// and findings queries the TUI evaluates when nothing is memoised.
func BenchmarkComponentQuery(b *testing.B) {
	q := prepareComponentQueries(b)
	for _, c := range []struct {
		name  string
		input map[string]any
	}{{"typical", typicalInput()}, {"realistic", realisticInput()}} {
		full, err := ast.InterfaceToValue(c.input)
		if err != nil {
			b.Fatal(err)
		}
		dec := decisionInput(b, c.input)
		ctx := context.Background()
		b.Run(c.name+"/batch", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rs, err := q.combined.Eval(ctx, rego.EvalParsedInput(full)); err != nil || len(rs) != 1 {
					b.Fatalf("component query: %v (%d results)", err, len(rs))
				}
			}
		})
		b.Run(c.name+"/apart", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rs, err := q.decision.Eval(ctx, rego.EvalParsedInput(dec)); err != nil || len(rs) != 1 {
					b.Fatalf("decision: %v (%d results)", err, len(rs))
				}
				if rs, err := q.findings.Eval(ctx, rego.EvalParsedInput(full)); err != nil || len(rs) != 1 {
					b.Fatalf("findings: %v (%d results)", err, len(rs))
				}
			}
		})
	}
}

// TestComponentQueryTypical checks the typical input's advice, so the benchmark measures a
// meaningful evaluation: a function everywhere, and only DECL-01 among the findings.
func TestComponentQueryTypical(t *testing.T) {
	decision, findings := prepareComponentQueries(t).eval(t, typicalInput())
	recs := decision["recommendation"].(map[string]any)
	for cloud, r := range recs {
		if m := r.(map[string]any)["model"]; m != pricing.Function {
			t.Errorf("%s: model %v, want function", cloud, m)
		}
	}
	list := findings["findings"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["package"] != "decl_01" {
		t.Errorf("findings = %v, want only DECL-01", list)
	}
}

// TestDecisionReadsOnlyDecisionInput checks the premise of memoising decisions: the decision
// on the decision input alone equals the decision on the whole input.
func TestDecisionReadsOnlyDecisionInput(t *testing.T) {
	q := prepareComponentQueries(t)
	for _, input := range []map[string]any{typicalInput(), realisticInput()} {
		full, err := ast.InterfaceToValue(input)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := q.decision.Eval(context.Background(), rego.EvalParsedInput(full))
		if err != nil || len(rs) != 1 {
			t.Fatalf("eval: %v", err)
		}
		got, _ := q.eval(t, input)
		if !reflect.DeepEqual(got, rs[0].Bindings["x"]) {
			t.Errorf("decision on the decision input differs from the decision on the whole input:\n%v\n%v", got, rs[0].Bindings["x"])
		}
	}
}
