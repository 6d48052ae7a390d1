package render_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// unpricedResult has a GPU service on EKS with no price and a hook on Lambda at
// a real $0.00 (free tier): the aws total is $0.00 and incomplete.
func unpricedResult() *result.Result {
	zero := result.USD(decimal.Zero)
	gpu := result.Recommendation{Model: "orchestrated-container", Platform: "aws-eks", Cloud: "aws", Priced: false, Reasons: []result.Reason{}}
	hook := result.Recommendation{Model: "function", Platform: "aws-lambda", Cloud: "aws", Priced: true, MonthlyCostUSD: &zero, Reasons: []result.Reason{}}
	comp := func(name string, line int, rec result.Recommendation, o result.Option) result.Component {
		return result.Component{Name: name, Line: line, Column: 5, Recommendation: rec, PerCloud: map[string]result.Recommendation{"aws": rec},
			Options: []result.Option{o}, Findings: []result.Finding{}, Calls: []result.Call{}, Preferences: []result.Preference{}}
	}
	a := &result.Architecture{
		Name: "ml", Cloud: "aws", Verdict: "hybrid", Verdicts: map[string]string{"aws": "hybrid"}, Regions: map[string]string{"aws": "us-east-1"},
		Components: []result.Component{
			comp("gpu", 3, gpu, result.Option{Platform: "aws-eks", Cloud: "aws", Model: "orchestrated-container", Eligible: true, Note: "no GPU node size", CostLines: []result.CostLine{}}),
			comp("hook", 9, hook, result.Option{Platform: "aws-lambda", Cloud: "aws", Model: "function", Eligible: true, Priced: true, MonthlyCostUSD: &zero, CostLines: []result.CostLine{}}),
		},
		Totals: map[string]result.Totals{"aws": {
			Incomplete: []string{"gpu is placed on aws-eks, which is not priced: no GPU node size; the recommended total leaves it out"},
			Unpriced:   []result.UnpricedPart{{Component: "gpu", Platform: "aws-eks", Note: "no GPU node size"}},
		}},
	}
	r := &result.Result{SchemaVersion: result.SchemaVersion, Files: []result.File{{Path: "ml.yaml", Architecture: a}}}
	r.Summarise()
	return r
}

// TestUnpricedInEveryFormat: the unknown cost reads "not priced" and the total is
// marked incomplete with the part named, in every format; the real $0.00 stays.
func TestUnpricedInEveryFormat(t *testing.T) {
	r := unpricedResult()
	want := map[string][]string{
		"json":     {`"monthly_cost_usd": null`, `"unpriced": [`, `"component": "gpu"`, `"platform": "aws-eks"`, `"monthly_cost_usd": 0.00`},
		"table":    {"aws-eks not priced", "aws-lambda $0.00", "$0.00 + not priced", "incomplete: the aws totals leave out what is not priced: gpu on aws-eks", "gpu -> orchestrated-container on aws-eks (not priced)"},
		"markdown": {"| `aws-eks` | not priced |", "| `aws-lambda` | \\$0.00 |", "\\$0.00 + not priced", "**Incomplete total on aws**: not priced: gpu on aws-eks."},
		"junit":    {`name="monthly_cost_usd" value="not priced"`, `name="incomplete" value="not priced: gpu on aws-eks"`},
		"sarif":    {`"ruleId": "HA-UNPRICED"`, `gpu on aws-eks is not priced (no GPU node size): the aws total of $0.00/month leaves it out`},
		"github":   {"::warning file=ml.yaml,line=3,col=5,title=HA-UNPRICED%3A ml cost is incomplete::gpu on aws-eks is not priced"},
	}
	for _, format := range render.FormatNames() {
		out := string(render1(t, format, r, render.StreamOptions{}))
		ws, ok := want[format]
		if !ok {
			t.Errorf("no expectation for format %s", format)
		}
		for _, w := range ws {
			if !strings.Contains(out, w) {
				t.Errorf("%s output lacks %q:\n%s", format, w, out)
			}
		}
		if strings.Contains(out, "aws-eks $0.00") || strings.Contains(out, "`aws-eks` | \\$0.00") {
			t.Errorf("%s output shows the unpriced EKS at $0.00", format)
		}
	}
}

// TestAllowedUnpricedGateWarns: a cost gate that --allow-unpriced let pass shows
// its warning in the formats that show gates.
func TestAllowedUnpricedGateWarns(t *testing.T) {
	r := unpricedResult()
	w := result.GateFailure{Path: "ml.yaml", Architecture: "ml", Cloud: "aws", Message: "ml (ml.yaml): the monthly cost against the limit of $300.00 on aws is unknown; allowed by --allow-unpriced"}
	r.Gates = []result.Gate{{Gate: result.GateMaxMonthlyCost, Limit: "300", Passed: true, Warnings: []result.GateFailure{w}}}
	want := map[string]string{
		"json":     `"warnings": [`,
		"markdown": "- ⚠️ `--max-monthly-cost` `300`: ml (ml.yaml): the monthly cost against the limit of \\$300.00 on aws is unknown",
		"junit":    "<system-out><![CDATA[warning: ml (ml.yaml): the monthly cost",
		"github":   "::warning file=ml.yaml,title=hybridadvisor gate --max-monthly-cost 300 (allowed unpriced)::ml (ml.yaml): the monthly cost",
	}
	for format, w := range want {
		if out := string(render1(t, format, r, render.StreamOptions{})); !strings.Contains(out, w) {
			t.Errorf("%s output lacks %q:\n%s", format, w, out)
		}
	}
}
