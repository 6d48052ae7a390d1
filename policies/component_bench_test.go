package policies_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// prepareComponentQuery compiles the embedded decision and security policies (tests excluded)
// the way the engine does and prepares the engine's ComponentQuery.
func prepareComponentQuery(tb testing.TB) rego.PreparedEvalQuery {
	tb.Helper()
	modules := decisionModules(tb)
	for name, m := range securityModules(tb, false) {
		modules[name] = m
	}
	return prepareQuery(tb, modules, engine.ComponentQuery)
}

// typicalInput is the input the advisor builds for the single-component file of its
// BenchmarkScoreOneComponent: an HTTP API of 100,000 requests a month, 50 ms, 128 MB, every
// other field defaulted and no security, observability or resilience block declared.
func typicalInput() map[string]any {
	var component map[string]any
	const doc = `{
		"name": "svc-0", "description": "", "path": "components[0]", "trigger": "http",
		"traffic": {"requests_per_month": 100000, "requests_per_second": 0.03805175,
			"peak_requests_per_second": 0.057077625, "pattern": "steady"},
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
	options := map[string]any{}
	for _, p := range pricing.Platforms {
		options[p.ID] = map[string]any{"cloud": p.Cloud, "model": p.Model, "priced": true, "monthly_cost_usd": costs[p.ID]}
	}
	return map[string]any{
		"today":        "2026-11-25",
		"clouds":       []any{"aws", "azure", "gcp"},
		"regions":      map[string]any{"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"},
		"component":    component,
		"architecture": map[string]any{"name": "bench-0", "component_count": 1, "components": map[string]any{"svc-0": component}},
		"options":      options,
	}
}

// BenchmarkComponentQuery measures the engine's whole per-component query (decision and every
// security rule) for a typical undeclared component and for the declared catalog API of
// realisticInput (a close call decided by cost).
func BenchmarkComponentQuery(b *testing.B) {
	pq := prepareComponentQuery(b)
	for _, c := range []struct {
		name  string
		input map[string]any
	}{{"typical", typicalInput()}, {"realistic", realisticInput()}} {
		v, err := ast.InterfaceToValue(c.input)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				rs, err := pq.Eval(ctx, rego.EvalParsedInput(v))
				if err != nil || len(rs) != 1 {
					b.Fatalf("eval: %v (%d results)", err, len(rs))
				}
			}
		})
	}
}

// TestComponentQueryTypical checks the typical input's advice, so the benchmark measures a
// meaningful evaluation: a function everywhere, and only DECL-01 among the findings.
func TestComponentQueryTypical(t *testing.T) {
	pq := prepareComponentQuery(t)
	v, err := ast.InterfaceToValue(typicalInput())
	if err != nil {
		t.Fatal(err)
	}
	rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(v))
	if err != nil || len(rs) != 1 {
		t.Fatalf("eval: %v (%d results)", err, len(rs))
	}
	x := rs[0].Bindings["x"].(map[string]any)
	recs := x["decision"].(map[string]any)["recommendation"].(map[string]any)
	for cloud, r := range recs {
		if m := r.(map[string]any)["model"]; m != pricing.Function {
			t.Errorf("%s: model %v, want function", cloud, m)
		}
	}
	findings := x["findings"].([]any)
	if len(findings) != 1 || findings[0].(map[string]any)["package"] != "decl_01" {
		t.Errorf("findings = %v, want only DECL-01", findings)
	}
}
