package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// decisionInput keeps the DecisionInput keys of a full input.
func decisionInput(tb testing.TB, input map[string]any) ast.Value {
	tb.Helper()
	kept := map[string]any{}
	for _, k := range DecisionInput {
		if v, ok := input[k]; ok {
			kept[k] = v
		}
	}
	return toValue(tb, kept)
}

// texts is input.texts as the engine builds it (TextsFor) for a component.
func texts(component map[string]any) map[string]any {
	v, err := ast.InterfaceToValue(component)
	if err != nil {
		panic(err)
	}
	out, err := ast.JSON(TextsFor(v).Value)
	if err != nil {
		panic(err)
	}
	return out.(map[string]any)
}

// pricedOptions is input.options and input.costs, as the advisor builds them, for every platform
// of the catalogue priced at costs[platform].
func pricedOptions(costs map[string]float64) (options, priced map[string]any) {
	options, priced = map[string]any{}, map[string]any{}
	for _, p := range pricing.Platforms {
		options[p.ID] = map[string]any{"cloud": p.Cloud, "model": p.Model, "priced": true, "monthly_cost_usd": costs[p.ID]}
		priced[p.ID] = costs[p.ID]
	}
	return options, priced
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
		"texts":        texts(component),
	}
}

// realisticInput is one component as the advisor sends it: every default filled, a security
// block, the architecture and priced options for the ten platforms.
func realisticInput() map[string]any {
	component := map[string]any{
		"name": "catalog", "description": "Product catalogue API", "path": "components[0]",
		"trigger": "http",
		"traffic": map[string]any{"requests_per_month": 30000000, "requests_per_second": 11.42,
			"peak_requests_per_second": 34.2, "pattern": "steady"},
		"execution": map[string]any{"avg_duration_ms": 120, "max_duration_ms": 2000, "memory_mb": 512,
			"vcpu": 0.5, "concurrency": 80, "arch": "x86", "os": "linux", "ephemeral_storage_mb": 512,
			"gpu": 0, "payload_kb": 64, "min_instances": 0},
		"state":        "stateless",
		"dependencies": map[string]any{"complexity": "moderate", "package_mb": 40, "container_image": true},
		"requires": map[string]any{"kubernetes_api": false, "privileged": false, "host_access": false,
			"persistent_volume": false, "long_lived_connections": false, "vpc": true},
		"calls":     []any{map[string]any{"to": "orders", "mode": "async"}},
		"called_by": []any{map[string]any{"from": "gateway", "mode": "sync"}},
		"security": map[string]any{"exposure": "public",
			"auth":    map[string]any{"type": "jwt", "validated_at": "gateway", "propagate_identity": true},
			"runtime": map[string]any{"timeout_ms": 30000}},
		"tags":     map[string]any{"owner": "team-a"},
		"declared": map[string]any{"security": true, "observability": false, "resilience": false},
	}
	costs := map[string]float64{
		"aws-lambda": 48.12, "aws-fargate": 41.97, "aws-eks": 118.26,
		"azure-functions-flex": 39.6, "azure-functions-premium": 155.13, "azure-container-apps": 44.02,
		"azure-aks": 140.16, "gcp-cloud-run-functions": 43.87, "gcp-cloud-run": 38.45,
		"gcp-gke-autopilot": 97.3,
	}
	options, priced := pricedOptions(costs)
	return map[string]any{
		"today":        "2026-11-25",
		"clouds":       []any{"aws", "azure", "gcp"},
		"component":    component,
		"architecture": map[string]any{"name": "shop", "component_count": 1, "components": map[string]any{"catalog": component}},
		"options":      options,
		"costs":        priced,
		"texts":        texts(component),
	}
}

// BenchmarkComponentQuery measures what a batch run pays per component for the decision and
// the rules: the engine's evaluation of the Rego layers and the security rules plus the
// arbitration in Go, for a typical undeclared component and for the declared catalog API of
// realisticInput (a close call decided by cost). "batch" is Eval, the one evaluation of score
// and report (with the one-component verdict); "apart" is Decide and Findings, which the TUI
// evaluates when nothing is memoised.
func BenchmarkComponentQuery(b *testing.B) {
	e := testEngine(b)
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		input map[string]any
	}{{"typical", typicalInput()}, {"realistic", realisticInput()}} {
		full := toValue(b, c.input)
		dec := decisionInput(b, c.input)
		b.Run(c.name+"/batch", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Eval(ctx, full); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/apart", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Decide(ctx, dec); err != nil {
					b.Fatal(err)
				}
				if _, err := e.Findings(ctx, full); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestComponentQueryTypical checks the typical input's advice, so the benchmark measures a
// meaningful evaluation: a function everywhere, only DECL-01 among the findings, and the
// one-component verdict.
func TestComponentQueryTypical(t *testing.T) {
	r, err := testEngine(t).Eval(context.Background(), toValue(t, typicalInput()))
	if err != nil {
		t.Fatal(err)
	}
	for cloud, c := range r.Decision.Recommendation {
		if c.Model != pricing.Function {
			t.Errorf("%s: model %v, want function", cloud, c.Model)
		}
	}
	if len(r.Findings) != 1 || r.Findings[0].Rule.ID != "DECL-01" {
		t.Errorf("findings = %v, want only DECL-01", r.Findings)
	}
	if r.Solo == nil || r.Solo.Verdict["aws"] != "functions" {
		t.Errorf("solo verdict = %v", r.Solo)
	}
}

// TestRealisticDecision checks the realistic input's advice: catalog is stateless and short
// (function 3) against steady with an existing image (serverless-container 4), and cost decides
// per cloud; its image rules out Flex (E-IMAGE), and Premium costs 3.5x Container Apps.
func TestRealisticDecision(t *testing.T) {
	r, err := testEngine(t).Eval(context.Background(), toValue(t, realisticInput()))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"aws": "aws-fargate", "azure": "azure-container-apps", "gcp": "gcp-cloud-run"}
	for cloud, c := range r.Decision.Recommendation {
		if c.Platform != want[cloud] {
			t.Errorf("%s: platform %v, want %s (reasons %v)", cloud, c.Platform, want[cloud], c.Reasons)
		}
		if !slices.Contains(reasonRules(c), "D-COST") {
			t.Errorf("%s: expected a D-COST reason, got %v", cloud, c.Reasons)
		}
	}
	if got := reasonRules(Choice{Reasons: r.Decision.Excluded["azure-functions-flex"]}); !reflect.DeepEqual(got, []string{"E-IMAGE"}) {
		t.Errorf("flex excluded by %v", got)
	}
}

// TestDecisionReadsOnlyDecisionInput checks the premise of memoising decisions: the decision
// on the decision input alone equals the decision on the whole input.
func TestDecisionReadsOnlyDecisionInput(t *testing.T) {
	e := testEngine(t)
	for _, input := range []map[string]any{typicalInput(), realisticInput()} {
		whole, err := e.Decide(context.Background(), toValue(t, input))
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.Decide(context.Background(), decisionInput(t, input))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, whole) {
			t.Errorf("decision on the decision input differs from the decision on the whole input:\n%v\n%v", got, whole)
		}
		r, err := e.Eval(context.Background(), toValue(t, input))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Decision, whole) {
			t.Errorf("Eval and Decide differ:\n%v\n%v", r.Decision, whole)
		}
	}
}

// TestSoloVerdictOnlyForOneComponent checks that Eval gives the architecture verdict only when
// the component is its architecture's only one.
func TestSoloVerdictOnlyForOneComponent(t *testing.T) {
	in := typicalInput()
	in["architecture"].(map[string]any)["component_count"] = 2
	r, err := testEngine(t).Eval(context.Background(), toValue(t, in))
	if err != nil {
		t.Fatal(err)
	}
	if r.Solo != nil {
		t.Errorf("solo verdict for a two-component architecture: %v", r.Solo)
	}
}

// TestArbitrationRulesInTheCatalogue checks that every rule the arbitration applies in Go is in
// the rule catalogue, documented in policies/decision/arbitration.rego, and that the Rego lists
// exactly those (arbitrated).
func TestArbitrationRulesInTheCatalogue(t *testing.T) {
	e := testEngine(t)
	for _, id := range decide.Rules {
		r, ok := e.RuleByID(id)
		if !ok || r.Kind != "decision" || r.Title == "" || r.Description == "" || !strings.HasSuffix(r.File, "arbitration.rego") {
			t.Errorf("%s: catalogue entry %+v, %v", id, r, ok)
		}
	}
	pq, err := prepare(context.Background(), e.compiler, e.store, "x := data.hybridadvisor.decision.arbitrated")
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.eval(context.Background(), pq, ast.NewObject())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range list(v) {
		got = append(got, text(x.Value))
	}
	if !reflect.DeepEqual(got, decide.Rules) {
		t.Errorf("arbitrated = %v, decide.Rules = %v", got, decide.Rules)
	}
}
