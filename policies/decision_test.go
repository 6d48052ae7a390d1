package policies_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/policies"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// TestDecisionRego runs the decision package's Rego unit tests and asserts their coverage.
func TestDecisionRego(t *testing.T) {
	runRegoSuite(t, "decision", 90)
}

// decisionModules parses the non-test modules of policies/decision with annotations.
func decisionModules(tb testing.TB) map[string]*ast.Module {
	tb.Helper()
	res, err := loader.NewFileLoader().
		WithFS(policies.FS).
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		Filtered([]string{"decision"}, func(_ string, info fs.FileInfo, _ int) bool {
			return !info.IsDir() && (!strings.HasSuffix(info.Name(), ".rego") || strings.HasSuffix(info.Name(), "_test.rego"))
		})
	if err != nil {
		tb.Fatalf("load decision policies: %v", err)
	}
	return res.ParsedModules()
}

// decisionSources returns the text of every non-test decision module.
func decisionSources(tb testing.TB) string {
	tb.Helper()
	var b strings.Builder
	for name := range decisionModules(tb) {
		src, err := fs.ReadFile(policies.FS, name)
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(src)
		b.WriteByte('\n')
	}
	return b.String()
}

func hybridData(tb testing.TB) map[string]any {
	tb.Helper()
	doc, err := decide.Data()
	if err != nil {
		tb.Fatal(err)
	}
	return doc["hybridadvisor"].(map[string]any)
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// TestLimitsData checks data/limits.yaml: dated, every platform of the catalogue and only those,
// every platform lists every limit key, every value carries its source and date, and every key
// the rules read exists.
func TestLimitsData(t *testing.T) {
	limits, ok := hybridData(t)["limits"].(map[string]any)
	if !ok {
		t.Fatal("data.hybridadvisor.limits is not an object")
	}
	if asOf, _ := limits["as_of"].(string); !isoDate.MatchString(asOf) {
		t.Errorf("limits as_of = %q, want YYYY-MM-DD", limits["as_of"])
	}
	platforms, ok := limits["platforms"].(map[string]any)
	if !ok {
		t.Fatal("limits.platforms is not an object")
	}

	var want, got []string
	for _, p := range pricing.Platforms {
		want = append(want, p.ID)
	}
	for id := range platforms {
		got = append(got, id)
	}
	sort.Strings(want)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("limits platforms = %v, want pricing.Platforms %v", got, want)
	}

	keys := map[string]bool{}
	for _, p := range platforms {
		for k := range p.(map[string]any) {
			keys[k] = true
		}
	}
	for id, p := range platforms {
		entries := p.(map[string]any)
		for k := range keys {
			e, ok := entries[k].(map[string]any)
			if !ok {
				t.Errorf("%s: limit %q missing or not an object", id, k)
				continue
			}
			if _, ok := e["value"]; !ok {
				t.Errorf("%s.%s: no value (use null for no limit)", id, k)
			}
			if src, _ := e["source"].(string); !strings.HasPrefix(src, "https://") {
				t.Errorf("%s.%s: source %q is not an https URL", id, k, e["source"])
			}
			if asOf, _ := e["as_of"].(string); !isoDate.MatchString(asOf) {
				t.Errorf("%s.%s: as_of %q is not YYYY-MM-DD", id, k, e["as_of"])
			}
			for f, v := range e {
				switch f {
				case "value", "source", "as_of":
				case "note":
					if s, _ := v.(string); s == "" {
						t.Errorf("%s.%s: note must be a non-empty string", id, k)
					}
				default:
					t.Errorf("%s.%s: unknown field %q", id, k, f)
				}
			}
		}
	}

	// Every limit key the rules read must exist.
	src := decisionSources(t)
	used := map[string]bool{}
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`\b(?:num_limit|lacks|cite|cite_note)\(p, "([a-z_]+)"\)`),
		regexp.MustCompile(`limits\[p\]\.([a-z_]+)\.value`),
		regexp.MustCompile(`"((?:http|event|job|gpu)_timeout_s|payload_(?:sync|async)_kb|package_mb|image_mb)"`),
		regexp.MustCompile(`\blimit_floor\.([a-z_]+)`),
		regexp.MustCompile(`\bindex\.(?:lacking|everywhere)\.([a-z_]+)`),
	} {
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			used[m[1]] = true
		}
	}
	if len(used) < 15 {
		t.Errorf("found only %d limit keys in the rules (%v): has the helper naming changed?", len(used), used)
	}
	for k := range used {
		if !keys[k] {
			t.Errorf("rules read limit %q, which data/limits.yaml does not define", k)
		}
	}
}

// TestIndexData checks data.hybridadvisor.index, which decide.Data derives from the catalogue
// and the limits so the rules need not recompute it per component (advisor/decide/data.go).
func TestIndexData(t *testing.T) {
	hd := hybridData(t)
	index, ok := hd["index"].(map[string]any)
	if !ok {
		t.Fatal("data.hybridadvisor.index is not an object")
	}
	platforms := hd["limits"].(map[string]any)["platforms"].(map[string]any)
	num := func(v any) (float64, bool) {
		f, err := asFloat(v)
		return f, err == nil
	}

	// cells, by_cloud and by_model hold every platform of the catalogue exactly once, sorted.
	seen := map[string]int{}
	for cloud, ms := range index["cells"].(map[string]any) {
		for model, ids := range ms.(map[string]any) {
			var list []string
			for _, id := range ids.([]any) {
				p, ok := pricing.PlatformByID(id.(string))
				if !ok || p.Cloud != cloud || p.Model != model {
					t.Errorf("cells.%s.%s lists %v, which is not a %s platform on %s", cloud, model, id, model, cloud)
				}
				seen[id.(string)]++
				list = append(list, id.(string))
			}
			if !sort.StringsAreSorted(list) {
				t.Errorf("cells.%s.%s = %v, not sorted", cloud, model, list)
			}
		}
	}
	// code_only lists, sorted, the platforms whose deploys lack image.
	var codeOnly []string
	for id, l := range platforms {
		deploys, _ := l.(map[string]any)["deploys"].(map[string]any)
		values, _ := deploys["value"].([]any)
		if !slices.Contains(values, any("image")) {
			codeOnly = append(codeOnly, id)
		}
	}
	sort.Strings(codeOnly)
	var gotCodeOnly []string
	for _, id := range index["code_only"].([]any) {
		gotCodeOnly = append(gotCodeOnly, id.(string))
	}
	if len(codeOnly) == 0 || !reflect.DeepEqual(gotCodeOnly, codeOnly) {
		t.Errorf("code_only = %v, want %v", gotCodeOnly, codeOnly)
	}
	for _, p := range pricing.Platforms {
		if seen[p.ID] != 1 {
			t.Errorf("platform %s appears %d times in index.cells", p.ID, seen[p.ID])
		}
	}

	// floor[key] is the smallest numeric value of the limit over every platform.
	floors := index["floor"].(map[string]any)
	for key := range platforms["aws-lambda"].(map[string]any) {
		low, have := 0.0, false
		for _, pv := range platforms {
			if v, ok := num(pv.(map[string]any)[key].(map[string]any)["value"]); ok && (!have || v < low) {
				low, have = v, true
			}
		}
		got, ok := num(floors[key])
		if have != ok || (have && got != low) {
			t.Errorf("floor.%s = %v, want %v (defined %v)", key, floors[key], low, have)
		}
	}

	// lacking[key] lists the platforms whose capability is false.
	for key, ids := range index["lacking"].(map[string]any) {
		var want, got []string
		for id, pv := range platforms {
			if pv.(map[string]any)[key].(map[string]any)["value"] == false {
				want = append(want, id)
			}
		}
		for _, id := range ids.([]any) {
			got = append(got, id.(string))
		}
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("lacking.%s = %v, want %v", key, got, want)
		}
	}

	// fn_timeouts[key] lists the finite timeouts of the function platforms, tightest first;
	// http_api_gateway their HTTP limit behind API Gateway: its limit where it has one.
	limit := func(id, key string) (float64, bool) {
		l := platforms[id].(map[string]any)
		if key == "http_api_gateway" {
			if v, ok := num(l["http_api_gateway_timeout_s"].(map[string]any)["value"]); ok {
				return v, true
			}
			key = "http_timeout_s"
		}
		return num(l[key].(map[string]any)["value"])
	}
	for key, list := range index["fn_timeouts"].(map[string]any) {
		prev := -1.0
		n := 0
		for _, x := range list.([]any) {
			pair := x.([]any)
			v, _ := num(pair[0])
			id := pair[1].(string)
			if want, _ := limit(id, key); want != v {
				t.Errorf("fn_timeouts.%s: %s = %v, limits say %v", key, id, v, want)
			}
			if p, _ := pricing.PlatformByID(id); p.Model != pricing.Function {
				t.Errorf("fn_timeouts.%s lists %s, not a function platform", key, id)
			}
			if v < prev {
				t.Errorf("fn_timeouts.%s is not sorted", key)
			}
			prev = v
			n++
		}
		finite := 0
		for _, p := range pricing.Platforms {
			if p.Model == pricing.Function {
				if _, ok := limit(p.ID, key); ok {
					finite++
				}
			}
		}
		if n != finite {
			t.Errorf("fn_timeouts.%s has %d entries, want %d", key, n, finite)
		}
	}
	// fit[class] is the duration and payload floors of a trigger class (fits_everywhere)
	floorMS := index["floor_ms"].(map[string]any)
	for class, want := range map[string][2]string{"http": {"http_timeout_s", "payload_sync_kb"}, "event": {"event_timeout_s", "payload_async_kb"}, "job": {"job_timeout_s", "payload_async_kb"}} {
		fit := index["fit"].(map[string]any)[class].(map[string]any)
		ms, _ := num(floorMS[want[0]])
		if gw, _ := num(floorMS["http_api_gateway_timeout_s"]); class == "http" && gw < ms {
			ms = gw
		}
		if got, _ := num(fit["max_ms"]); got != ms {
			t.Errorf("fit.%s.max_ms = %v, want %v", class, fit["max_ms"], ms)
		}
		if got, want := fit["payload_kb"], floors[want[1]]; got != want {
			t.Errorf("fit.%s.payload_kb = %v, want %v", class, got, want)
		}
	}

	var gateway []string
	for _, p := range pricing.Platforms {
		if _, ok := num(platforms[p.ID].(map[string]any)["http_api_gateway_timeout_s"].(map[string]any)["value"]); ok && p.Model == pricing.Function {
			gateway = append(gateway, p.ID)
		}
	}
	sort.Strings(gateway)
	var gotGateway []string
	for _, id := range index["gateway_limited"].([]any) {
		gotGateway = append(gotGateway, id.(string))
	}
	if len(gateway) == 0 || !reflect.DeepEqual(gotGateway, gateway) {
		t.Errorf("gateway_limited = %v, want %v", gotGateway, gateway)
	}
}

// ruleAnnotation is one METADATA block of a non-test decision rule.
type ruleAnnotation struct {
	path string
	ann  *ast.Annotations
}

func decisionAnnotations(tb testing.TB) []ruleAnnotation {
	tb.Helper()
	c := ast.NewCompiler()
	c.Compile(decisionModules(tb))
	if c.Failed() {
		tb.Fatalf("compile decision policies: %v", c.Errors)
	}
	var out []ruleAnnotation
	for _, ref := range c.GetAnnotationSet().Flatten() {
		loc := ref.Annotations.Location
		if loc == nil || !strings.HasPrefix(loc.File, "decision/") {
			continue
		}
		out = append(out, ruleAnnotation{path: ref.Path.String(), ann: ref.Annotations})
	}
	return out
}

var ruleID = regexp.MustCompile(`^[ED]-[A-Z0-9]+(?:-[A-Z0-9]+)*$`)

// TestDecisionMetadata checks that every E-/D- rule carries title, description, custom.id,
// custom.kind and a source, that IDs are unique, and that the IDs in metadata are exactly the
// IDs the rules emit.
func TestDecisionMetadata(t *testing.T) {
	kinds := map[string]bool{"eligibility": true, "preference": true, "tie-break": true, "platform": true, "verdict": true}
	models := map[string]bool{pricing.Function: true, pricing.ServerlessContainer: true, pricing.OrchestratedContainer: true}
	ids := map[string]string{}
	for _, ra := range decisionAnnotations(t) {
		a := ra.ann
		where := fmt.Sprintf("%s (%s)", ra.path, a.Location)
		id, _ := a.Custom["id"].(string)
		if !ruleID.MatchString(id) {
			t.Errorf("%s: custom.id %q is not an E-/D- rule ID", where, id)
			continue
		}
		if prev, dup := ids[id]; dup {
			t.Errorf("%s: rule ID %s already used at %s", where, id, prev)
		}
		ids[id] = where
		if strings.TrimSpace(a.Title) == "" {
			t.Errorf("%s: %s has no title", where, id)
		}
		if strings.TrimSpace(a.Description) == "" {
			t.Errorf("%s: %s has no description", where, id)
		}
		if src, _ := a.Custom["source"].(string); strings.TrimSpace(src) == "" && len(a.RelatedResources) == 0 {
			t.Errorf("%s: %s has neither custom.source nor related_resources", where, id)
		}
		kind, _ := a.Custom["kind"].(string)
		if !kinds[kind] {
			t.Errorf("%s: %s custom.kind %q, want one of %v", where, id, kind, kinds)
		}
		if kind == "preference" {
			if m, _ := a.Custom["model"].(string); !models[m] {
				t.Errorf("%s: preference %s custom.model %q is not a model", where, id, a.Custom["model"])
			}
		}
		if kind == "eligibility" && id != "E-NONE" {
			if l, _ := a.Custom["limit"].(string); l == "" {
				t.Errorf("%s: eligibility rule %s names no custom.limit", where, id)
			}
		}
	}
	if len(ids) < 30 {
		t.Errorf("found %d annotated rules, expected the full catalogue", len(ids))
	}

	emitted := map[string]bool{}
	for _, m := range regexp.MustCompile(`"([ED]-[A-Z0-9]+(?:-[A-Z0-9]+)*)"`).FindAllStringSubmatch(decisionSources(t), -1) {
		emitted[m[1]] = true
	}
	for id := range emitted {
		if _, ok := ids[id]; !ok {
			t.Errorf("rule ID %s is emitted by the rules but has no METADATA", id)
		}
	}
	for id := range ids {
		if !emitted[id] {
			t.Errorf("METADATA declares %s but no rule emits it", id)
		}
	}
}

// TestWeightsData checks data/weights.yaml against the rules: a weight for every preference
// rule and a preference rule for every weight, a sane margin, the three models in order, and
// every threshold the rules read.
func TestWeightsData(t *testing.T) {
	weights, ok := hybridData(t)["weights"].(map[string]any)
	if !ok {
		t.Fatal("data.hybridadvisor.weights is not an object")
	}
	rules, _ := weights["rules"].(map[string]any)

	prefs := map[string]bool{}
	for _, ra := range decisionAnnotations(t) {
		if ra.ann.Custom["kind"] == "preference" {
			prefs[ra.ann.Custom["id"].(string)] = true
		}
	}
	for id := range prefs {
		if _, ok := rules[id]; !ok {
			t.Errorf("preference rule %s has no weight in data/weights.yaml", id)
		}
	}
	for id, w := range rules {
		if !prefs[id] {
			t.Errorf("data/weights.yaml weighs %s, which is not a preference rule", id)
		}
		if _, err := asFloat(w); err != nil {
			t.Errorf("weight of %s: %v", id, err)
		}
	}
	// weights.rules["X"] lookups must name preference rules.
	for _, m := range regexp.MustCompile(`weights\.rules\["([^"]+)"\]`).FindAllStringSubmatch(decisionSources(t), -1) {
		if !prefs[m[1]] {
			t.Errorf("weights.rules[%q] is not an annotated preference rule", m[1])
		}
	}

	if margin, err := asFloat(weights["close_call_margin"]); err != nil || margin < 0 {
		t.Errorf("close_call_margin = %v (%v), want a number >= 0", weights["close_call_margin"], err)
	}
	order, _ := weights["model_order"].([]any)
	var got []string
	for _, m := range order {
		s, _ := m.(string)
		got = append(got, s)
	}
	sort.Strings(got)
	want := []string{pricing.Function, pricing.OrchestratedContainer, pricing.ServerlessContainer}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("model_order = %v, want the three models %v", order, want)
	}

	thresholds, _ := weights["thresholds"].(map[string]any)
	for _, m := range regexp.MustCompile(`thresholds\.([a-z_]+)`).FindAllStringSubmatch(decisionSources(t), -1) {
		if _, err := asFloat(thresholds[m[1]]); err != nil {
			t.Errorf("threshold %s: %v", m[1], err)
		}
	}
}

func asFloat(v any) (float64, error) {
	switch n := v.(type) {
	case interface{ Float64() (float64, error) }:
		return n.Float64()
	case float64:
		return n, nil
	case int:
		return float64(n), nil
	}
	return 0, fmt.Errorf("%v (%T) is not a number", v, v)
}

// prepareDecision compiles the decision policies once and prepares query q.
func prepareDecision(tb testing.TB, q string) rego.PreparedEvalQuery {
	tb.Helper()
	return prepareQuery(tb, decisionModules(tb), q)
}

// evalOne evaluates a prepared single-expression query on input and returns
// its value, failing the test when it errs or is undefined.
func evalOne(tb testing.TB, pq rego.PreparedEvalQuery, input map[string]any) any {
	tb.Helper()
	v, err := ast.InterfaceToValue(input)
	if err != nil {
		tb.Fatal(err)
	}
	rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(v))
	if err != nil || len(rs) != 1 {
		tb.Fatalf("eval: %v (%d results)", err, len(rs))
	}
	return rs[0].Expressions[0].Value
}

// prepareQuery compiles modules the way the engine does and prepares query q
// over the policies' data.
func prepareQuery(tb testing.TB, modules map[string]*ast.Module, q string) rego.PreparedEvalQuery {
	tb.Helper()
	c := ast.NewCompiler()
	c.Compile(modules)
	if c.Failed() {
		tb.Fatalf("compile: %v", c.Errors)
	}
	doc, err := decide.Data()
	if err != nil {
		tb.Fatal(err)
	}
	pq, err := rego.New(
		rego.Compiler(c),
		rego.Store(inmem.NewFromObjectWithOpts(doc, inmem.OptReturnASTValuesOnRead(true))),
		rego.Query(q),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return pq
}

// TestDecisionResultShape evaluates data.hybridadvisor.decision.result, what the engine hands to
// the arbitration, and checks the contract's shape: excluded (a key per excluded platform, a
// list of rule and message) and preference (the preferences that fired, with rule, model,
// weight and message).
func TestDecisionResultShape(t *testing.T) {
	pq := prepareDecision(t, "data.hybridadvisor.decision.result")
	component := map[string]any{
		"name": "catalog", "trigger": "http",
		"traffic":      map[string]any{"requests_per_month": 30000000, "requests_per_second": 11.42, "peak_requests_per_second": 34.2, "pattern": "steady"},
		"execution":    map[string]any{"avg_duration_ms": 120, "max_duration_ms": 2000, "memory_mb": 512, "vcpu": 0.5},
		"dependencies": map[string]any{"complexity": "moderate", "package_mb": 40, "container_image": true},
	}
	res := evalOne(t, pq, map[string]any{"clouds": []any{"aws", "azure", "gcp"}, "component": component, "texts": texts(component)}).(map[string]any)
	if got := slices.Sorted(maps.Keys(res)); !reflect.DeepEqual(got, []string{"excluded", "preference"}) {
		t.Fatalf("result keys = %v", got)
	}
	// its image rules out the code-only platforms (E-IMAGE)
	excluded := res["excluded"].(map[string]any)
	if got := slices.Sorted(maps.Keys(excluded)); !reflect.DeepEqual(got, []string{"azure-functions-flex", "gcp-cloud-run-functions"}) {
		t.Errorf("excluded = %v", got)
	}
	for p, rs := range excluded {
		for _, r := range rs.([]any) {
			if got := slices.Sorted(maps.Keys(r.(map[string]any))); !reflect.DeepEqual(got, []string{"message", "rule"}) {
				t.Errorf("%s: exclusion keys = %v", p, got)
			}
		}
	}
	// stateless and short (function) against steady with an existing image (serverless-container)
	rules := map[string]string{}
	for _, p := range res["preference"].([]any) {
		m := p.(map[string]any)
		want := []string{"message", "model", "rule", "weight"}
		if m["rule"] == "D-STATELESS-SHORT" || m["rule"] == "D-LONG-RUNNING" {
			want = []string{"cloud", "message", "model", "rule", "weight"} // judged per cloud
		}
		if got := slices.Sorted(maps.Keys(m)); !reflect.DeepEqual(got, want) {
			t.Errorf("preference keys = %v, want %v", got, want)
		}
		rules[m["rule"].(string)] = m["model"].(string)
	}
	if want := map[string]string{"D-STATELESS-SHORT": "function", "D-STEADY": "serverless-container", "D-CONTAINER-IMAGE": "serverless-container"}; !reflect.DeepEqual(rules, want) {
		t.Errorf("preferences = %v, want %v", rules, want)
	}
}

// texts is input.texts as the engine builds it (engine.TextsFor) for a component.
func texts(component map[string]any) map[string]any {
	v, err := ast.InterfaceToValue(component)
	if err != nil {
		panic(err)
	}
	out, err := ast.JSON(engine.TextsFor(v).Value)
	if err != nil {
		panic(err)
	}
	return out.(map[string]any)
}

// TestTextsMatchTheRules checks engine.TextsFor, which the engine passes as input.texts, against
// the rules' own formatting over a grid of durations, rates and monthly counts.
func TestTextsMatchTheRules(t *testing.T) {
	pq := prepareDecision(t, `[data.hybridadvisor.decision.avg_text, data.hybridadvisor.decision.max_text,
		data.hybridadvisor.decision.rps_text, data.hybridadvisor.decision.peak_text,
		data.hybridadvisor.decision.in_flight_text, data.hybridadvisor.decision.month_text,
		data.hybridadvisor.decision.peak_ratio_text]`)
	durations := []string{"0.5", "10", "50", "999", "1000", "1500", "1234.5", "59999", "60000", "90500", "1500000", "3600000", "7200000", "5400123"}
	rates := []string{"0", "0.0000114", "0.00228", "0.0381", "0.5", "1", "11.42", "25", "500", "2000", "1234.5"}
	months := []string{"1", "30", "6500", "9999", "10000", "100000", "2000000", "2500000", "65700000", "1314000000", "1300000000"}
	n := 0
	for i, d := range durations {
		for j, r := range rates {
			m := months[(i+j)%len(months)]
			peak := rates[(j+3)%len(rates)]
			inFlight := rates[(i+2*j)%len(rates)]
			component := map[string]any{
				"execution": map[string]any{"avg_duration_ms": json.Number(d), "max_duration_ms": json.Number(durations[(i+5)%len(durations)])},
				"traffic": map[string]any{"requests_per_second": json.Number(r), "peak_requests_per_second": json.Number(peak),
					"in_flight": json.Number(inFlight), "requests_per_month": json.Number(m)},
			}
			v, err := ast.InterfaceToValue(map[string]any{"component": component})
			if err != nil {
				t.Fatal(err)
			}
			rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(v))
			if err != nil {
				t.Fatal(err)
			}
			want := []any{}
			if len(rs) == 1 {
				want = rs[0].Expressions[0].Value.([]any)
			}
			got := texts(component)
			keys := []string{"avg_duration", "max_duration", "rps", "peak_rps", "in_flight", "requests_per_month", "peak_ratio_text"}
			for k, key := range keys {
				if k >= len(want) {
					break // peak_ratio_text is undefined at 0 rps
				}
				n++
				if got[key] != want[k] {
					t.Errorf("%s for %v: Go %q, rules %q", key, component, got[key], want[k])
				}
			}
		}
	}
	if n < 500 {
		t.Errorf("compared only %d texts", n)
	}
}
