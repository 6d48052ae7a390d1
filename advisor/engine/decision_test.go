package engine

// The recommendation scenarios of the decision framework, end to end: the Rego layers
// (eligibility, preferences) and the arbitration in Go (advisor/decide). Ported from the Rego
// tests recommend_test.rego, unpriced_test.rego and the aggregation tests of
// preferences_test.rego when the arbitration moved to Go, with the same cases and expectations
// (per-cloud scores, which the rules kept in tenths, are in points here).

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

var sharedEngine = sync.OnceValues(func() (*Engine, error) { return New(context.Background(), Options{}) })

func testEngine(tb testing.TB) *Engine {
	tb.Helper()
	e, err := sharedEngine()
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// baseComponent fires only D-STATELESS-SHORT: 1 M requests/month (0.076 in flight, neither
// sporadic nor steady), diurnal, moderate dependencies, 1 s max on HTTP (fixtures_test.rego).
func baseComponent() map[string]any {
	return map[string]any{
		"name": "svc", "path": "components[0]", "trigger": "http",
		"traffic": map[string]any{"requests_per_month": 1000000, "requests_per_second": 0.38, "peak_requests_per_second": 0.76, "pattern": "diurnal"},
		"execution": map[string]any{"avg_duration_ms": 200, "max_duration_ms": 1000, "memory_mb": 512, "vcpu": 0.5, "concurrency": 10,
			"arch": "x86", "os": "linux", "ephemeral_storage_mb": 512, "gpu": 0, "payload_kb": 64, "min_instances": 0},
		"state":        "stateless",
		"dependencies": map[string]any{"complexity": "moderate", "package_mb": 20, "container_image": false},
		"requires": map[string]any{"kubernetes_api": false, "privileged": false, "host_access": false,
			"persistent_volume": false, "long_lived_connections": false, "vpc": false},
	}
}

// merge writes overrides into dst deeply (Rego's object.union) and returns dst.
func merge(dst, overrides map[string]any) map[string]any {
	for k, v := range overrides {
		if o, ok := v.(map[string]any); ok {
			if d, ok := dst[k].(map[string]any); ok {
				merge(d, o)
				continue
			}
		}
		dst[k] = v
	}
	return dst
}

// inp is a decision input for all three clouds without prices.
func inp(overrides map[string]any) map[string]any {
	return map[string]any{"clouds": []any{"aws", "azure", "gcp"}, "component": merge(baseComponent(), overrides)}
}

// priced is a decision input with options priced from a {platform: monthly USD} map (and no
// input.costs: the engine derives them from the options).
func priced(overrides map[string]any, costs map[string]float64) map[string]any {
	in := inp(overrides)
	opts := map[string]any{}
	for p, c := range costs {
		opts[p] = map[string]any{"priced": true, "monthly_cost_usd": c}
	}
	in["options"] = opts
	return in
}

// asEngine adds input.costs, the priced options' costs, the way the advisor passes them.
func asEngine(in map[string]any) map[string]any {
	out := merge(map[string]any{}, in)
	costs := map[string]any{}
	opts, _ := in["options"].(map[string]any)
	for p, o := range opts {
		if o.(map[string]any)["priced"] == true {
			costs[p] = o.(map[string]any)["monthly_cost_usd"]
		}
	}
	out["costs"] = costs
	return out
}

func toValue(tb testing.TB, in map[string]any) ast.Value {
	tb.Helper()
	v, err := ast.InterfaceToValue(in)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func decideFor(tb testing.TB, in map[string]any) *Decision {
	tb.Helper()
	d, err := testEngine(tb).Decide(context.Background(), toValue(tb, in))
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func rec(tb testing.TB, in map[string]any, cloud string) Choice {
	tb.Helper()
	c, ok := decideFor(tb, in).Recommendation[cloud]
	if !ok {
		tb.Fatalf("no recommendation on %s", cloud)
	}
	return c
}

func reasonRules(c Choice) []string {
	out := []string{}
	for _, r := range c.Reasons {
		out = append(out, r.Rule)
	}
	return out
}

func reason(c Choice, id string) string {
	for _, r := range c.Reasons {
		if r.Rule == id {
			return r.Message
		}
	}
	return ""
}

// steadyAPI is a close call: function 3 (stateless short) vs serverless-container 2 (steady
// at full weight: 4.8 requests in flight), margin 1.
func steadyAPI() map[string]any {
	return map[string]any{
		"traffic":   map[string]any{"pattern": "steady", "requests_per_month": 105120000, "requests_per_second": 40},
		"execution": map[string]any{"avg_duration_ms": 120, "max_duration_ms": 2000},
	}
}

func wantPlatforms(t *testing.T, in map[string]any, want map[string]string) {
	t.Helper()
	d := decideFor(t, in)
	for cloud, p := range want {
		if got := d.Recommendation[cloud]; got.Platform != p {
			t.Errorf("%s: platform %q, want %q (reasons %v)", cloud, got.Platform, p, got.Reasons)
		}
	}
}

func wantReason(t *testing.T, c Choice, id, want string) {
	t.Helper()
	if got := reason(c, id); got != want {
		t.Errorf("%s reason:\n got %q\nwant %q", id, got, want)
	}
}

func wantReasonContains(t *testing.T, c Choice, id, part string) {
	t.Helper()
	if got := reason(c, id); !strings.Contains(got, part) {
		t.Errorf("%s reason %q does not contain %q", id, got, part)
	}
}

func TestDecisionContractKeys(t *testing.T) {
	d := decideFor(t, inp(nil))
	for _, m := range []map[string]Choice{d.Recommendation} {
		if got := sortedKeys(m); !reflect.DeepEqual(got, []string{"aws", "azure", "gcp"}) {
			t.Errorf("recommendation clouds = %v", got)
		}
	}
	if got := sortedKeys(d.CloudScores); !reflect.DeepEqual(got, []string{"aws", "azure", "gcp"}) {
		t.Errorf("cloud scores clouds = %v", got)
	}
	if got := sortedKeys(d.Scores); !reflect.DeepEqual(got, []string{"function", "orchestrated-container", "serverless-container"}) {
		t.Errorf("scores keys = %v", got)
	}
	for cloud, c := range d.Recommendation {
		if c.Model == "" || c.Platform == "" || len(c.Reasons) == 0 {
			t.Errorf("%s: %+v", cloud, c)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestSporadic100msHTTPRunsAsFunctions(t *testing.T) {
	in := inp(map[string]any{
		"traffic":      map[string]any{"requests_per_month": 50000, "requests_per_second": 0.019, "peak_requests_per_second": 0.05, "pattern": "sporadic"},
		"execution":    map[string]any{"avg_duration_ms": 100, "max_duration_ms": 300},
		"dependencies": map[string]any{"complexity": "simple"},
	})
	wantPlatforms(t, in, map[string]string{"aws": "aws-lambda", "azure": "azure-functions-flex", "gcp": "gcp-cloud-run-functions"})
	d := decideFor(t, in)
	for cloud, c := range d.Recommendation {
		if c.Model != "function" {
			t.Errorf("%s: model %s", cloud, c.Model)
		}
	}
	if got := reasonRules(d.Recommendation["aws"]); !reflect.DeepEqual(got, []string{"D-STATELESS-SHORT", "D-SPORADIC", "D-SIMPLE", "D-PLATFORM"}) {
		t.Errorf("aws reasons = %v", got)
	}
}

func Test25MinuteJobRunsInAContainer(t *testing.T) {
	in := inp(map[string]any{
		"trigger":      "schedule",
		"traffic":      map[string]any{"requests_per_month": 30, "requests_per_second": 0.0000114, "peak_requests_per_second": 0.0000114, "pattern": "sporadic"},
		"execution":    map[string]any{"avg_duration_ms": 1500000, "max_duration_ms": 1500000},
		"dependencies": map[string]any{"complexity": "simple"},
	})
	wantPlatforms(t, in, map[string]string{"aws": "aws-fargate", "azure": "azure-container-apps", "gcp": "gcp-cloud-run"})
	if !slices.Contains(reasonRules(rec(t, in, "azure")), "D-LONG-RUNNING") {
		t.Errorf("azure reasons lack D-LONG-RUNNING: %v", rec(t, in, "azure").Reasons)
	}
}

func TestMultiGPURunsOrchestrated(t *testing.T) {
	in := inp(map[string]any{"trigger": "manual", "execution": map[string]any{"gpu": 2, "max_duration_ms": 3600000, "memory_mb": 65536, "vcpu": 16}})
	wantPlatforms(t, in, map[string]string{"aws": "aws-eks", "azure": "azure-aks", "gcp": "gcp-gke-autopilot"})
	if got := reasonRules(rec(t, in, "gcp")); got[0] != "D-MULTI-GPU" {
		t.Errorf("gcp reasons = %v", got)
	}
}

func TestSingleGPUFallsToEKSOnAWSAndExplainsWhy(t *testing.T) {
	in := inp(map[string]any{"execution": map[string]any{"gpu": 1}})
	r := rec(t, in, "aws")
	if r.Model != "orchestrated-container" || r.Platform != "aws-eks" {
		t.Errorf("aws = %s on %s", r.Model, r.Platform)
	}
	// lambda (function scored 3) and fargate (ranks before orchestrated on a tie) were excluded
	rules := map[string]int{}
	for _, x := range reasonRules(r) {
		rules[x]++
	}
	if !reflect.DeepEqual(rules, map[string]int{"E-GPU": 2, "D-PLATFORM": 1}) {
		t.Errorf("aws reasons = %v", r.Reasons)
	}
	wantPlatforms(t, in, map[string]string{"gcp": "gcp-cloud-run", "azure": "azure-container-apps"})
}

func TestWindowsExcludedWhereLinuxOnly(t *testing.T) {
	in := inp(map[string]any{"execution": map[string]any{"os": "windows"}})
	wantPlatforms(t, in, map[string]string{"aws": "aws-fargate", "azure": "azure-functions-premium"})
	r := rec(t, in, "gcp")
	if r.Model != "" || r.Platform != "" {
		t.Errorf("gcp = %s on %s, want nothing", r.Model, r.Platform)
	}
	want := Reason{Rule: "E-NONE", Message: "no eligible platform on gcp: gcp-cloud-run excluded by E-OS; gcp-cloud-run-functions excluded by E-OS; gcp-gke-autopilot excluded by E-OS"}
	if r.Reasons[0] != want || len(r.Reasons) != 4 {
		t.Errorf("gcp reasons = %v", r.Reasons)
	}
}

func TestNothingEligibleOnAnUnknownCloud(t *testing.T) {
	r := rec(t, map[string]any{"clouds": []any{"oracle"}, "component": baseComponent()}, "oracle")
	want := []Reason{{Rule: "E-NONE", Message: "no eligible platform on oracle: the platform catalogue has none there"}}
	if !reflect.DeepEqual(r.Reasons, want) {
		t.Errorf("reasons = %v", r.Reasons)
	}
}

func TestCostDecidesASteadyAPI(t *testing.T) {
	// Lambda 2.5x Fargate by $59.50 takes 6.8 from the function's 3; EKS is compared at $150 + $50
	in := priced(steadyAPI(), map[string]float64{"aws-lambda": 100, "aws-fargate": 40.5, "aws-eks": 150})
	d := decideFor(t, in)
	r := d.Recommendation["aws"]
	if r.Model != "serverless-container" || r.Platform != "aws-fargate" {
		t.Errorf("aws = %s on %s", r.Model, r.Platform)
	}
	wantReason(t, r, "D-COST", "aws-fargate (serverless-container) at $40.50/month against the cheapest eligible platform of each other model on aws: aws-lambda (function) at $100.00/month costs 2.5x more; aws-eks (orchestrated-container) at $150.00/month costs 3.7x more; the cost term takes 6.8 from function and 10.6 from orchestrated-container (orchestrated containers are compared at their price plus $50/month for running the cluster)")
	wantReason(t, r, "D-PLATFORM", "aws-fargate is the only eligible serverless-container platform on aws, at $40.50/month")
	if want := map[string]float64{"function": -3.8, "serverless-container": 2, "orchestrated-container": -10.6}; !reflect.DeepEqual(d.CloudScores["aws"], want) {
		t.Errorf("aws scores = %v, want %v", d.CloudScores["aws"], want)
	}
}

func TestCloseCallBrokenByCost(t *testing.T) {
	// $45 against $40: a cost term of 0.2 leaves function 2.8 and serverless-container 2, a close call
	r := rec(t, priced(steadyAPI(), map[string]float64{"aws-lambda": 45, "aws-fargate": 40}), "aws")
	if r.Platform != "aws-fargate" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReason(t, r, "D-COST", "function (score 2.8) and serverless-container (score 2) are within the close-call margin of 1, so the cheaper wins: aws-fargate (serverless-container) at $40.00/month against the cheapest eligible platform of each other model on aws: aws-lambda (function) at $45.00/month costs 1.13x more; the cost term takes 0.2 from function")
}

func TestTheCheaperTopModelStays(t *testing.T) {
	// Fargate at 2x Lambda loses 5.4: no close call any more
	r := rec(t, priced(steadyAPI(), map[string]float64{"aws-lambda": 20, "aws-fargate": 40.5}), "aws")
	if r.Platform != "aws-lambda" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReason(t, r, "D-COST", "aws-lambda (function) at $20.00/month against the cheapest eligible platform of each other model on aws: aws-fargate (serverless-container) at $40.50/month costs 2x more; the cost term takes 5.4 from serverless-container")
}

func TestCloseCallEqualCostKeepsTheTopModel(t *testing.T) {
	r := rec(t, priced(steadyAPI(), map[string]float64{"aws-lambda": 40, "aws-fargate": 40}), "aws")
	if r.Platform != "aws-lambda" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReasonContains(t, r, "D-COST", "aws-fargate (serverless-container) at $40.00/month costs the same")
}

func TestASmallGapDoesNotOverrideAClearPreference(t *testing.T) {
	// sporadic: function 5, containers 0; $1.60 against $0.40 weighs 0.6: the function stays and
	// the reason says what it costs more
	r := rec(t, priced(map[string]any{"traffic": map[string]any{"pattern": "sporadic"}}, map[string]float64{"aws-lambda": 1.6, "aws-fargate": 0.4}), "aws")
	if r.Platform != "aws-lambda" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReason(t, r, "D-COST", "aws-lambda (function) at $1.60/month against the cheapest eligible platform of each other model on aws: aws-fargate (serverless-container) at $0.40/month is 4x cheaper; the cost term takes 0.6 from function; function is recommended anyway, at $1.20/month more than aws-fargate, for D-STATELESS-SHORT, D-SPORADIC")
}

func TestALargeGapOverridesLabels(t *testing.T) {
	// sporadic: function 5, containers 0, but $90 against $10 (9x) weighs 12.8
	r := rec(t, priced(map[string]any{"traffic": map[string]any{"pattern": "sporadic"}}, map[string]float64{"aws-lambda": 90, "aws-fargate": 10}), "aws")
	if r.Platform != "aws-fargate" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReasonContains(t, r, "D-COST", "aws-lambda (function) at $90.00/month costs 9x more")
}

func TestAHardNeedKeepsACheaperFunctionOutOfTheComparison(t *testing.T) {
	// stateful: the cheaper function does not count against containers, and the premium is named
	d := decideFor(t, priced(map[string]any{"state": "stateful"}, map[string]float64{"aws-lambda": 10, "aws-fargate": 60, "aws-eks": 300}))
	r := d.Recommendation["aws"]
	if r.Platform != "aws-fargate" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReasonContains(t, r, "D-COST", "serverless-container is recommended anyway, at $50.00/month more than aws-lambda, for D-STATEFUL")
	if s := d.CloudScores["aws"]["function"]; s != 0 {
		t.Errorf("function scores %v on aws, want 0", s)
	}
}

func TestNoCloseCallWithoutCosts(t *testing.T) {
	r := rec(t, inp(steadyAPI()), "aws")
	if r.Platform != "aws-lambda" {
		t.Errorf("platform %s", r.Platform)
	}
	if got := reasonRules(r); !reflect.DeepEqual(got, []string{"D-STATELESS-SHORT", "D-PLATFORM"}) {
		t.Errorf("reasons = %v", got)
	}
	wantReason(t, r, "D-PLATFORM", "aws-lambda is the only eligible function platform on aws; it is not priced")
}

func TestNoCloseCallWhenOnlyOneSideIsPriced(t *testing.T) {
	r := rec(t, priced(steadyAPI(), map[string]float64{"aws-fargate": 1}), "aws")
	if r.Platform != "aws-lambda" || slices.Contains(reasonRules(r), "D-COST") {
		t.Errorf("aws = %s, reasons %v", r.Platform, r.Reasons)
	}
}

func TestTieWithoutCostsGoesToTheSimplerModel(t *testing.T) {
	// 45 s HTTP with no preference at all (the rules' conclusions without D-STATELESS-SHORT, which
	// holds on Azure's 230 s): every model scores 0 and nothing is priced
	ai := tieInput(t)
	f, err := decide.New(mustData(t))
	if err != nil {
		t.Fatal(err)
	}
	r := f.Arbitrate(ai).Recommendation["azure"]
	if r.Model != "function" || r.Platform != "azure-functions-flex" {
		t.Errorf("azure = %s on %s", r.Model, r.Platform)
	}
	want := map[string]string{
		"D-TIE-BREAK": "function and serverless-container and orchestrated-container each score 0 and cost cannot decide (not all priced on azure): function comes first in the tie-break order function > serverless-container > orchestrated-container",
		"D-PLATFORM":  "azure-functions-flex is the first eligible function platform on azure by ID, as none of azure-functions-flex, azure-functions-premium is priced",
	}
	for _, rs := range r.Reasons {
		if w, ok := want[rs.Rule]; ok && rs.Message != w {
			t.Errorf("%s:\n got %q\nwant %q", rs.Rule, rs.Message, w)
		}
		delete(want, rs.Rule)
	}
	if len(want) > 0 {
		t.Errorf("missing reasons %v in %v", want, r.Reasons)
	}
}

// tieInput is the arbitration input of a 45 s HTTP component with its preferences dropped (the
// rules' conclusions without D-STATELESS-SHORT, which holds on Azure's 230 s): a tie everywhere.
func tieInput(t *testing.T) decide.Input {
	t.Helper()
	e := testEngine(t)
	in := toValue(t, inp(map[string]any{"execution": map[string]any{"max_duration_ms": 45000}}))
	v, err := e.eval(context.Background(), e.decision, in)
	if err != nil {
		t.Fatal(err)
	}
	ai, err := arbitrationInput(v, in)
	if err != nil {
		t.Fatal(err)
	}
	ai.Preferences = nil
	return ai
}

// mustData is the decision's data document.
func mustData(t *testing.T) map[string]any {
	t.Helper()
	doc, err := decide.Data()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestTieWithCostsIsACloseCall(t *testing.T) {
	r := rec(t, priced(map[string]any{"execution": map[string]any{"max_duration_ms": 45000}}, map[string]float64{"azure-functions-flex": 30, "azure-container-apps": 12}), "azure")
	rules := reasonRules(r)
	if r.Platform != "azure-container-apps" || !slices.Contains(rules, "D-COST") || slices.Contains(rules, "D-TIE-BREAK") {
		t.Errorf("azure = %s, reasons %v", r.Platform, rules)
	}
}

func TestCheapestPricedPlatformWithinTheModel(t *testing.T) {
	r := rec(t, priced(nil, map[string]float64{"azure-functions-flex": 9.99, "azure-functions-premium": 150}), "azure")
	if r.Platform != "azure-functions-flex" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReason(t, r, "D-PLATFORM", "azure-functions-flex is the cheapest eligible function platform on azure at $9.99/month (next: azure-functions-premium, $150.00/month)")
}

func TestUnpricedPlatformsComeLast(t *testing.T) {
	r := rec(t, priced(nil, map[string]float64{"azure-functions-premium": 150}), "azure")
	if r.Platform != "azure-functions-premium" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReason(t, r, "D-PLATFORM", "azure-functions-premium is the cheapest eligible function platform on azure at $150.00/month (next: azure-functions-flex, not priced)")
}

func TestPricedFalseIsUnpriced(t *testing.T) {
	in := merge(inp(nil), map[string]any{"options": map[string]any{"azure-functions-premium": map[string]any{"priced": false, "monthly_cost_usd": 1}}})
	if r := rec(t, in, "azure"); r.Platform != "azure-functions-flex" {
		t.Errorf("platform %s", r.Platform)
	}
}

func TestCloudsDefaultToTheCatalogue(t *testing.T) {
	d := decideFor(t, map[string]any{"component": baseComponent()})
	if got := sortedKeys(d.Recommendation); !reflect.DeepEqual(got, []string{"aws", "azure", "gcp"}) {
		t.Errorf("clouds = %v", got)
	}
}

func TestOnlyRequestedCloudsAreRecommended(t *testing.T) {
	d := decideFor(t, map[string]any{"clouds": []any{"gcp"}, "component": baseComponent()})
	if got := sortedKeys(d.Recommendation); !reflect.DeepEqual(got, []string{"gcp"}) {
		t.Errorf("clouds = %v", got)
	}
}

func TestMissingComponentFieldsUseDefaults(t *testing.T) {
	d := decideFor(t, map[string]any{"clouds": []any{"aws"}, "component": map[string]any{"name": "bare"}})
	if d.Recommendation["aws"].Platform != "aws-lambda" || len(d.Excluded) != 0 {
		t.Errorf("aws = %+v, excluded %v", d.Recommendation["aws"], d.Excluded)
	}
}

func TestCustomModelOrder(t *testing.T) {
	// weights.model_order is the arbitration's: the Rego layers' conclusions are arbitrated by a
	// framework whose order puts serverless containers first
	ai := tieInput(t)
	doc := mustData(t)
	doc["hybridadvisor"].(map[string]any)["weights"].(map[string]any)["model_order"] = []any{"serverless-container", "function", "orchestrated-container"}
	f, err := decide.New(doc)
	if err != nil {
		t.Fatal(err)
	}
	if r := f.Arbitrate(ai).Recommendation["azure"]; r.Model != "serverless-container" {
		t.Errorf("azure = %s", r.Model)
	}
}

// armAuth is auth from the shop example: a 15 ms arm HTTP function. Azure Functions and Cloud
// Run functions offer no Arm, so it runs as an x86 build there instead of going to Kubernetes.
func TestArmFunctionStaysAFunctionEverywhere(t *testing.T) {
	in := priced(map[string]any{
		"traffic":      map[string]any{"requests_per_month": 9000000, "requests_per_second": 3.42, "peak_requests_per_second": 10.3, "pattern": "diurnal"},
		"execution":    map[string]any{"avg_duration_ms": 15, "max_duration_ms": 500, "memory_mb": 256, "arch": "arm"},
		"dependencies": map[string]any{"complexity": "simple", "package_mb": 8},
	}, map[string]float64{
		"aws-lambda": 1.6, "aws-fargate": 18, "aws-eks": 138.15,
		"azure-functions-flex": 22.85, "azure-functions-premium": 157.72, "azure-container-apps": 30, "azure-aks": 135.78,
		"gcp-cloud-run-functions": 3.75, "gcp-cloud-run": 12, "gcp-gke-autopilot": 9.92,
	})
	wantPlatforms(t, in, map[string]string{"aws": "aws-lambda", "azure": "azure-functions-flex", "gcp": "gcp-cloud-run-functions"})
	d := decideFor(t, in)
	if strings.Contains(reason(d.Recommendation["aws"], "D-PLATFORM"), "x86") {
		t.Errorf("aws: %s", reason(d.Recommendation["aws"], "D-PLATFORM"))
	}
	wantReason(t, d.Recommendation["azure"], "D-PLATFORM", "azure-functions-flex is the cheapest eligible function platform on azure at $22.85/month (next: azure-functions-premium, $157.72/month); it runs as x86 here: arm is not offered (https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan, as of 2026-11-25)")
	if got := reason(d.Recommendation["gcp"], "D-PLATFORM"); !strings.HasSuffix(got, "; it runs as x86 here: arm is not offered (https://cloud.google.com/run/docs/container-contract, as of 2026-11-25)") {
		t.Errorf("gcp: %s", got)
	}
}

// transcode is transcode from the pipeline example: 50 minutes, 8 GB, 40 GB of scratch disk, a
// 1.4 GB image.
func transcode() map[string]any {
	return map[string]any{
		"trigger":      "queue",
		"traffic":      map[string]any{"requests_per_month": 6000, "requests_per_second": 0.00228, "peak_requests_per_second": 0.0228, "pattern": "spiky"},
		"execution":    map[string]any{"avg_duration_ms": 1500000, "max_duration_ms": 3000000, "memory_mb": 8192, "vcpu": 4, "ephemeral_storage_mb": 40960},
		"dependencies": map[string]any{"complexity": "complex", "package_mb": 1400, "container_image": true},
	}
}

func TestContainerWorkFallsBackToKubernetesNotToAFunction(t *testing.T) {
	in := priced(transcode(), map[string]float64{
		"aws-fargate": 772.64, "aws-eks": 810,
		"azure-functions-premium": 3343.59, "azure-aks": 1558.7,
		"gcp-gke-autopilot": 841.04,
	})
	d := decideFor(t, in)
	r := d.Recommendation["azure"]
	if r.Model != "orchestrated-container" || r.Platform != "azure-aks" {
		t.Errorf("azure = %s on %s", r.Model, r.Platform)
	}
	if got := reasonRules(r); !reflect.DeepEqual(got, []string{"D-LONG-RUNNING", "D-COMPLEX-DEPS", "D-CONTAINER-IMAGE", "D-CONTAINER-FALLBACK", "E-EPHEMERAL", "D-COST", "D-PLATFORM"}) {
		t.Errorf("azure reasons = %v", got)
	}
	wantReason(t, r, "D-CONTAINER-FALLBACK", "no serverless-container platform is eligible on azure, so orchestrated containers stand in for serverless containers and take their score, 9 (the container criteria above), instead of their own 0")
	wantPlatforms(t, in, map[string]string{"aws": "aws-fargate", "gcp": "gcp-gke-autopilot"})
}

func TestNoFallbackWhenOrchestratedScoresAtLeastAsMuch(t *testing.T) {
	// a single GPU: serverless containers score 0, so nothing is carried (see the GPU test above)
	for cloud, r := range decideFor(t, inp(map[string]any{"execution": map[string]any{"gpu": 1}})).Recommendation {
		if slices.Contains(reasonRules(r), "D-CONTAINER-FALLBACK") {
			t.Errorf("%s: %v", cloud, r.Reasons)
		}
	}
}

// TestArbitrationReadsThePrices checks where the arbitration reads the prices: input.costs when
// given (the engine's), else the options priced (priced not false) at a number.
func TestArbitrationReadsThePrices(t *testing.T) {
	for _, c := range []struct {
		name string
		in   map[string]any
		want map[string]json.Number
	}{
		{"input.costs when given", map[string]any{"costs": map[string]any{"aws-lambda": 1.5}, "options": map[string]any{"aws-lambda": map[string]any{"priced": true, "monthly_cost_usd": 9}}},
			map[string]json.Number{"aws-lambda": "1.5"}},
		{"derived from the options otherwise", map[string]any{"options": map[string]any{
			"aws-lambda":  map[string]any{"priced": true, "monthly_cost_usd": 9},
			"aws-eks":     map[string]any{"priced": false},
			"aws-fargate": map[string]any{"priced": false, "monthly_cost_usd": 0},
		}}, map[string]json.Number{"aws-lambda": "9"}},
	} {
		in, err := arbitrationInput(ast.NewObject(), toValue(t, c.in))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(in.Prices, c.want) {
			t.Errorf("%s: prices %v, want %v", c.name, in.Prices, c.want)
		}
	}
}

func TestPreferencesSortedHeaviestFirst(t *testing.T) {
	d := decideFor(t, inp(map[string]any{"trigger": "queue", "dependencies": map[string]any{"complexity": "simple"}}))
	var got []string
	for _, p := range d.Preferences {
		got = append(got, p.Rule)
	}
	// D-STATELESS-SHORT is judged per cloud: one entry each, by message (on aws, azure, gcp)
	if !reflect.DeepEqual(got, []string{"D-STATELESS-SHORT", "D-STATELESS-SHORT", "D-STATELESS-SHORT", "D-EVENT-DRIVEN", "D-SIMPLE"}) {
		t.Errorf("preferences = %v", got)
	}
	if d.Preferences[0].Cloud != "aws" || d.Preferences[2].Cloud != "gcp" || d.Preferences[3].Cloud != "" {
		t.Errorf("clouds = %q %q %q", d.Preferences[0].Cloud, d.Preferences[2].Cloud, d.Preferences[3].Cloud)
	}
	if d.Scores["function"] != 6 {
		t.Errorf("function score %v, want 6: D-STATELESS-SHORT holds on every cloud and counts once", d.Scores["function"])
	}
}

func TestScores(t *testing.T) {
	for _, c := range []struct {
		name      string
		overrides map[string]any
		want      map[string]float64
	}{
		{"every model", map[string]any{"execution": map[string]any{"max_duration_ms": 45000}}, map[string]float64{"function": 0, "serverless-container": 0, "orchestrated-container": 0}},
		{"sum of the weights", map[string]any{"trigger": "queue", "state": "stateful"}, map[string]float64{"function": 2, "serverless-container": 3, "orchestrated-container": 0}},
	} {
		if got := decideFor(t, inp(c.overrides)).Scores; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: scores %v, want %v", c.name, got, c.want)
		}
	}
}

// --- unknown is not zero (unpriced_test.rego) ---
//
// An option with priced false is left out of every cost comparison, whatever monthly_cost_usd it
// carries (result schema 1 wrote 0 there), while a real $0 (a free tier) is a price like any
// other. Each case runs on the options alone and with input.costs as the engine passes them.

// unpricedZero marks platforms ps as unpriced at $0, as schema 1 wrote them.
func unpricedZero(ps ...string) map[string]any {
	out := map[string]any{}
	for _, p := range ps {
		out[p] = map[string]any{"priced": false, "monthly_cost_usd": 0}
	}
	return out
}

func withOptions(in map[string]any, opts map[string]any) map[string]any {
	return merge(merge(map[string]any{}, in), map[string]any{"options": opts})
}

func both(in map[string]any) []map[string]any { return []map[string]any{in, asEngine(in)} }

func TestUnpricedZeroNeverBeatsAPricedPlatformOfTheModel(t *testing.T) {
	opts := merge(unpricedZero("azure-functions-flex"), map[string]any{"azure-functions-premium": map[string]any{"priced": true, "monthly_cost_usd": 150}})
	for _, in := range both(withOptions(inp(nil), opts)) {
		r := rec(t, in, "azure")
		if r.Platform != "azure-functions-premium" {
			t.Errorf("platform %s", r.Platform)
		}
		wantReason(t, r, "D-PLATFORM", "azure-functions-premium is the cheapest eligible function platform on azure at $150.00/month (next: azure-functions-flex, not priced)")
	}
}

func TestUnpricedZeroDoesNotWinACloseCall(t *testing.T) {
	// function 3 and serverless-container 2 are a close call; Fargate at "$0" is unknown, so cost
	// cannot decide and the better score stays
	opts := merge(unpricedZero("aws-fargate"), map[string]any{"aws-lambda": map[string]any{"priced": true, "monthly_cost_usd": 100}})
	for _, in := range both(withOptions(inp(steadyAPI()), opts)) {
		r := rec(t, in, "aws")
		if r.Platform != "aws-lambda" || slices.Contains(reasonRules(r), "D-COST") {
			t.Errorf("aws = %s, reasons %v", r.Platform, r.Reasons)
		}
	}
}

func TestAllOptionsOfAModelUnpriced(t *testing.T) {
	// every function platform of aws is unpriced: the priced container does not win by cost, and the
	// function's reason says it is not priced instead of showing $0.00
	opts := merge(unpricedZero("aws-lambda"), map[string]any{"aws-fargate": map[string]any{"priced": true, "monthly_cost_usd": 40.5}})
	for _, in := range both(withOptions(inp(steadyAPI()), opts)) {
		r := rec(t, in, "aws")
		if r.Platform != "aws-lambda" || slices.Contains(reasonRules(r), "D-COST") {
			t.Errorf("aws = %s, reasons %v", r.Platform, r.Reasons)
		}
		wantReason(t, r, "D-PLATFORM", "aws-lambda is the only eligible function platform on aws; it is not priced")
	}
}

func TestEveryOptionOnACloudUnpricedIsAsIfNoPriceWasKnown(t *testing.T) {
	// unpriced options at $0 decide exactly what no options at all decide, on every cloud
	var all []string
	for _, p := range pricing.Platforms {
		all = append(all, p.ID)
	}
	for _, ov := range []map[string]any{nil, steadyAPI(), {"execution": map[string]any{"max_duration_ms": 45000}}} {
		want := decideFor(t, inp(ov)).Recommendation
		for _, in := range both(withOptions(inp(ov), unpricedZero(all...))) {
			if got := decideFor(t, in).Recommendation; !reflect.DeepEqual(got, want) {
				t.Errorf("%v: unpriced options decide\n%v\nno options\n%v", ov, got, want)
			}
		}
	}
}

func TestCostsEqualToTheCentKeepTheBetterRankedModel(t *testing.T) {
	r := rec(t, priced(steadyAPI(), map[string]float64{"aws-lambda": 40.5, "aws-fargate": 40.50}), "aws")
	if r.Platform != "aws-lambda" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReasonContains(t, r, "D-COST", "aws-lambda (function) at $40.50/month against the cheapest eligible platform of each other model on aws: aws-fargate (serverless-container) at $40.50/month costs the same")
}

func TestEqualPlatformCostsGoToThePlatformID(t *testing.T) {
	if r := rec(t, priced(nil, map[string]float64{"azure-functions-flex": 12.34, "azure-functions-premium": 12.34}), "azure"); r.Platform != "azure-functions-flex" {
		t.Errorf("platform %s", r.Platform)
	}
}

func TestAFreeTierZeroIsAPriceAndWinsAgainstACent(t *testing.T) {
	// a close call: Fargate at a real $0.00 beats Lambda at $0.01
	r := rec(t, priced(steadyAPI(), map[string]float64{"aws-lambda": 0.01, "aws-fargate": 0}), "aws")
	if r.Platform != "aws-fargate" {
		t.Errorf("platform %s", r.Platform)
	}
	wantReasonContains(t, r, "D-COST", "so the cheaper wins: aws-fargate (serverless-container) at $0.00/month against the cheapest eligible platform of each other model on aws: aws-lambda (function) at $0.01/month costs more")

	// within a model: the $0.00 platform comes first
	p := rec(t, priced(nil, map[string]float64{"azure-functions-flex": 0.01, "azure-functions-premium": 0}), "azure")
	if p.Platform != "azure-functions-premium" {
		t.Errorf("platform %s", p.Platform)
	}
	wantReason(t, p, "D-PLATFORM", "azure-functions-premium is the cheapest eligible function platform on azure at $0.00/month (next: azure-functions-flex, $0.01/month)")
}

// TestRunnerUpIsEligible pins the one change of the port: D-PLATFORM's runner-up ("next") is
// the model's next eligible platform. The rules' fast path before the port named every platform
// of the model there, an excluded one included, when Premium was cheaper than an excluded Flex.
func TestRunnerUpIsEligible(t *testing.T) {
	// 6 GB: above Flex's 4 GB (E-MEMORY), within Premium's 14 GB
	r := rec(t, asEngine(priced(map[string]any{"execution": map[string]any{"memory_mb": 6144}}, map[string]float64{
		"azure-functions-flex": 40, "azure-functions-premium": 30, "azure-container-apps": 90, "azure-aks": 400,
	})), "azure")
	if r.Platform != "azure-functions-premium" {
		t.Fatalf("azure = %s, reasons %v", r.Platform, r.Reasons)
	}
	wantReason(t, r, "D-PLATFORM", "azure-functions-premium is the only eligible function platform on azure, at $30.00/month")
}
