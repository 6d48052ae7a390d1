package decide

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hybridadvisor/hybridadvisor/pricing"
)

var sharedFramework = sync.OnceValues(func() (*Framework, error) {
	doc, err := Data()
	if err != nil {
		return nil, err
	}
	return New(doc)
})

func testFramework(tb testing.TB) *Framework {
	tb.Helper()
	f, err := sharedFramework()
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// TestEmittedRules checks that Rules lists exactly the rule IDs this package writes into reasons
// (the catalogue documents Rules: see the engine's TestArbitrationRulesInTheCatalogue).
func TestEmittedRules(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	emitted := map[string]bool{}
	re := regexp.MustCompile(`Rule: "([ED]-[A-Z0-9-]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			emitted[m[1]] = true
		}
	}
	var got []string
	for id := range emitted {
		got = append(got, id)
	}
	sort.Strings(got)
	if !reflect.DeepEqual(got, Rules) {
		t.Errorf("the arbitration emits %v, Rules lists %v", got, Rules)
	}
}

// opaSprintf evaluates sprintf(format, [args]) in OPA, args being Rego expressions.
func opaSprintf(tb testing.TB, format, args string) string {
	tb.Helper()
	rs, err := rego.New(rego.Query(fmt.Sprintf("x := sprintf(%q, [%s])", format, args))).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		tb.Fatalf("sprintf(%q, [%s]): %v", format, args, err)
	}
	return rs[0].Bindings["x"].(string)
}

// TestNumbersPrintAsTheRulesDid compares the arbitration's number formatting with OPA's
// sprintf on the arithmetic the rules did before the port: scores and cost terms in tenths
// divided by 10 ("%v"), sums of weights ("%v") and differences of prices ("$%.2f", with the
// "%d" fallback the rules used for whole numbers).
func TestNumbersPrintAsTheRulesDid(t *testing.T) {
	for _, tenths := range []int64{0, 1, -1, 5, 10, 20, 28, -38, 68, 106, -106, 1234, 160, -7, 33} {
		if got, want := formatMicro(tenths*tenth), opaSprintf(t, "%v", fmt.Sprintf("%d / 10", tenths)); got != want {
			t.Errorf("%d tenths: %q, OPA %q", tenths, got, want)
		}
		if got, want := formatMicro(-tenths*tenth), opaSprintf(t, "%v", fmt.Sprintf("(0 - %d) / 10", tenths)); got != want {
			t.Errorf("-%d tenths: %q, OPA %q", tenths, got, want)
		}
	}
	for _, weights := range [][]string{{"3", "2"}, {"1.5", "1.5"}, {"0.1", "0.2"}, {"2.5", "0.25"}, {"6"}, {"1", "0.5", "0.25"}, {"0.000001", "3"}} {
		var sum int64
		for _, w := range weights {
			f, _ := json.Number(w).Float64()
			sum += int64(math.Round(f * unit))
		}
		if got, want := formatMicro(sum), opaSprintf(t, "%v", "sum(["+strings.Join(weights, ", ")+"])"); got != want {
			t.Errorf("sum of %v: %q, OPA %q", weights, got, want)
		}
		// and in tenths, as the rules ranked them: sum x 10 / 10
		if got, want := formatMicro(sum), opaSprintf(t, "%v", "(sum(["+strings.Join(weights, ", ")+"]) * 10) / 10"); got != want {
			t.Errorf("sum of %v in tenths: %q, OPA %q", weights, got, want)
		}
	}
	fmtUSD := func(expr string) string {
		s := opaSprintf(t, "$%.2f", expr)
		if strings.HasPrefix(s, "$%!") {
			s = opaSprintf(t, "$%d.00", expr)
		}
		return s
	}
	for _, pair := range [][2]string{{"60", "10"}, {"1.6", "0.4"}, {"40.5", "40"}, {"2.015", "1.01"}, {"100", "0.01"}, {"3343.59", "1558.7"}, {"12.5", "0"}, {"1234.567", "0"}} {
		a := &arbitration{in: &Input{Prices: map[string]json.Number{"p": json.Number(pair[0]), "q": json.Number(pair[1])}}}
		// the digits are OPA's; the thousands separators are the outputs' one money format
		if got, want := strings.ReplaceAll(a.difference("p", "q"), ",", ""), fmtUSD(pair[0]+" - "+pair[1]); got != want {
			t.Errorf("%s - %s: %q, OPA %q", pair[0], pair[1], got, want)
		}
	}
	for _, x := range []string{"0", "100", "12.5", "1234.567", "40.5", "0.01"} {
		f, _ := json.Number(x).Float64()
		if got, want := strings.ReplaceAll(usd(f), ",", ""), fmtUSD(x); got != want {
			t.Errorf("usd(%s) = %q, OPA %q", x, got, want)
		}
	}
	for x, want := range map[float64]string{1234.567: "$1,234.57", 1e6: "$1,000,000.00", 999.999: "$1,000.00", 0: "$0.00", -2500.5: "-$2,500.50"} {
		if got := usd(x); got != want {
			t.Errorf("usd(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestRelation(t *testing.T) {
	for _, c := range []struct {
		c, mine float64
		want    string
	}{
		{100, 40.5, "costs 2.5x more"},
		{45, 40, "costs 1.13x more"},
		{40, 45, "is 1.13x cheaper"},
		{0.4, 1.6, "is 4x cheaper"},
		{90, 10, "costs 9x more"},
		{181.47, 94.35, "costs 1.92x more"},
		{10.37, 0.04, "costs 259x more"},
		{1, 0, "costs more"},
		{0, 1, "costs nothing"},
		{40.5, 40.5, "costs the same"},
		{0, 0, "costs the same"},
	} {
		if got := Relation(c.c, c.mine); got != c.want {
			t.Errorf("Relation(%v, %v) = %q, want %q", c.c, c.mine, got, c.want)
		}
	}
}

func TestCostTerm(t *testing.T) {
	k := testFramework(t).Curve()
	for _, c := range []struct {
		c, f float64
		want int64
	}{
		{1.6, 0.4, 6},       // $0.40 against $1.60: a hint
		{125, 100, 18},      // tips a close call
		{101, 9, 134},       // decides
		{100, 40.5, 68},     // the steady API's function
		{200, 40.5, 106},    // its EKS, compared at $150 + $50
		{45, 40, 2},         // a close call stays one
		{40, 40, 0},         // the same
		{10, 0, 80},         // a $0 free tier: the ratio counts fully, the gap half
		{181.47, 94.35, 51}, // the worked example of docs/decision-framework.md
		{275.58, 94.35, 78}, // and its EKS
		{k.Key(pricing.OrchestratedContainer, 225.58), 94.35, 78},
	} {
		if got := k.Tenths(c.c, c.f); got != c.want {
			t.Errorf("Tenths(%v, %v) = %d, want %d", c.c, c.f, got, c.want)
		}
	}
}

// TestFractionalWeights checks that scores stay exact with weights that are not whole numbers:
// 1.5 + 0.25 is 1.75 everywhere, and a close call prints it as the rules would have.
func TestFractionalWeights(t *testing.T) {
	f := testFramework(t)
	d := f.Arbitrate(Input{
		Clouds: []string{"aws"},
		Prices: map[string]json.Number{"aws-lambda": "45", "aws-fargate": "40"},
		Preferences: []Preference{
			{Rule: "D-A", Model: "function", Weight: 1.5, Message: "a"},
			{Rule: "D-B", Model: "function", Weight: 0.25, Message: "b"},
			{Rule: "D-C", Model: "serverless-container", Weight: 0.1, Message: "c"},
			{Rule: "D-D", Model: "serverless-container", Weight: 0.2, Message: "d"},
		},
	})
	if want := map[string]float64{"function": 1.75, "serverless-container": 0.3, "orchestrated-container": 0}; !reflect.DeepEqual(d.Scores, want) {
		t.Errorf("scores = %v", d.Scores)
	}
	// the cost term takes 0.2 from the function: 1.55 against 0.3, no close call
	if got := d.CloudScores["aws"]; got["function"] != 1.55 || got["serverless-container"] != 0.3 {
		t.Errorf("aws scores = %v", got)
	}
	d = f.Arbitrate(Input{
		Clouds:      []string{"aws"},
		Prices:      map[string]json.Number{"aws-lambda": "45", "aws-fargate": "40"},
		Preferences: []Preference{{Rule: "D-A", Model: "function", Weight: 1.25, Message: "a"}, {Rule: "D-C", Model: "serverless-container", Weight: 0.75, Message: "c"}},
	})
	r := d.Recommendation["aws"]
	if r.Platform != "aws-fargate" || !strings.HasPrefix(r.Reasons[1].Message, "function (score 1.05) and serverless-container (score 0.75) are within the close-call margin of 1, so the cheaper wins: ") {
		t.Errorf("aws = %s, reasons %v", r.Platform, r.Reasons)
	}
}

func TestPreferencesOrder(t *testing.T) {
	d := testFramework(t).Arbitrate(Input{Clouds: []string{}, Preferences: []Preference{
		{Rule: "D-SIMPLE", Model: "function", Weight: 1, Message: "s"},
		{Rule: "D-PRIVILEGED", Model: "orchestrated-container", Weight: 6, Message: "y"},
		{Rule: "D-PRIVILEGED", Model: "orchestrated-container", Weight: 6, Message: "x"},
		{Rule: "D-EVENT-DRIVEN", Model: "function", Weight: 2, Message: "e"},
		{Rule: "D-STEADY", Model: "serverless-container", Weight: 2, Message: "t"},
	}})
	var got []string
	for _, p := range d.Preferences {
		got = append(got, p.Rule+"/"+p.Message)
	}
	if want := []string{"D-PRIVILEGED/x", "D-PRIVILEGED/y", "D-EVENT-DRIVEN/e", "D-STEADY/t", "D-SIMPLE/s"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	if len(d.Recommendation) != 0 || len(d.CloudScores) != 0 {
		t.Errorf("no cloud evaluated, got %v", d.Recommendation)
	}
}

// TestNothingEligible checks E-NONE: every platform of the cloud with its rules (each once,
// sorted), then every exclusion.
func TestNothingEligible(t *testing.T) {
	ex := map[string][]Reason{}
	for _, p := range pricing.Platforms {
		if p.Cloud == "gcp" {
			ex[p.ID] = []Reason{{Rule: "E-OS", Message: p.ID + " os"}, {Rule: "E-GPU", Message: p.ID + " gpu"}, {Rule: "E-GPU", Message: p.ID + " gpu again"}}
		}
	}
	r := testFramework(t).Arbitrate(Input{Clouds: []string{"gcp"}, Excluded: ex}).Recommendation["gcp"]
	if r.Model != "" || r.Platform != "" || len(r.Reasons) != 10 {
		t.Fatalf("gcp = %+v", r)
	}
	if want := "no eligible platform on gcp: gcp-cloud-run excluded by E-GPU, E-OS; gcp-cloud-run-functions excluded by E-GPU, E-OS; gcp-gke-autopilot excluded by E-GPU, E-OS"; r.Reasons[0].Message != want {
		t.Errorf("E-NONE: %q", r.Reasons[0].Message)
	}
	if r.Reasons[1] != ex["gcp-cloud-run"][0] {
		t.Errorf("first exclusion: %v", r.Reasons[1])
	}
}

// BenchmarkArbitrate measures the arbitration alone for the typical component of the engine's
// BenchmarkComponentQuery: a function everywhere, ten priced platforms, nothing excluded.
func BenchmarkArbitrate(b *testing.B) {
	f := testFramework(b)
	in := Input{
		Clouds: []string{"aws", "azure", "gcp"},
		Prices: map[string]json.Number{"aws-lambda": "0", "aws-fargate": "9.01", "aws-eks": "138.15",
			"azure-functions-flex": "0", "azure-functions-premium": "157.72", "azure-container-apps": "14.31",
			"azure-aks": "135.78", "gcp-cloud-run-functions": "0", "gcp-cloud-run": "0", "gcp-gke-autopilot": "9.92"},
		Preferences: []Preference{
			{Rule: "D-STATELESS-SHORT", Model: "function", Weight: 3, Message: "stateless, avg duration 50ms and max 150ms fit every synchronous HTTP function timeout (tightest: aws-lambda, 29 s): short, stateless work suits functions"},
			{Rule: "D-SPORADIC", Model: "function", Weight: 2, Message: "0.0019 requests in flight on average (0.0381 rps x 50ms, below 0.05): idle most of the time, so pay-per-use functions cost least"},
		},
		Excluded: map[string][]Reason{},
	}
	b.ReportAllocs()
	for b.Loop() {
		f.Arbitrate(in)
	}
}
