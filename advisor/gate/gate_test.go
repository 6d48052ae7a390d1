package gate_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/gate"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

func usd(s string) result.Money { return result.Money{Decimal: decimal.RequireFromString(s)} }

// file is one scored architecture whose primary cloud is aws, with the given
// recommended totals per cloud; a cloud named with a trailing "?" has an
// unpriced part.
func file(totals map[string]string) result.File {
	a := &result.Architecture{Name: "shop", Cloud: "aws", Totals: map[string]result.Totals{}}
	for cloud, v := range totals {
		t := result.Totals{Recommended: usd(v)}
		if c, ok := strings.CutSuffix(cloud, "?"); ok {
			cloud = c
			t.Unpriced = []result.UnpricedPart{{Component: "api", Platform: "aws-lambda"}}
		}
		a.Totals[cloud] = t
	}
	return result.File{Path: "shop.yaml", Architecture: a}
}

func limit(t *testing.T, s string) gate.CostLimit {
	t.Helper()
	l, err := gate.ParseCostLimit(s)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestCostLimits(t *testing.T) {
	for _, tc := range []struct {
		name          string
		limit         string
		totals        map[string]string
		allowUnpriced bool
		passed        bool
		failure       string // a part of the one failure's message
		warning       string // a part of the one warning's message
	}{
		{name: "under", limit: "500", totals: map[string]string{"aws": "499.99"}, passed: true},
		{name: "at the limit", limit: "500", totals: map[string]string{"aws": "500"}, passed: true},
		{name: "over", limit: "500", totals: map[string]string{"aws": "612.5"},
			failure: "shop (shop.yaml) costs $612.50/month on aws, $112.50 over the limit of $500.00"},
		{name: "named cloud over", limit: "gcp=10", totals: map[string]string{"aws": "1", "gcp": "11"},
			failure: "costs $11.00/month on gcp"},
		{name: "named cloud not in the result", limit: "azure=1", totals: map[string]string{"aws": "100"}, passed: true},
		{name: "unpriced under fails closed", limit: "500", totals: map[string]string{"aws?": "10"},
			failure: "is unknown, as the total leaves out what is not priced: api on aws-lambda"},
		{name: "unpriced under warns when allowed", limit: "500", totals: map[string]string{"aws?": "10"}, allowUnpriced: true, passed: true,
			warning: "; allowed by --allow-unpriced"},
		{name: "unpriced over fails as at least", limit: "5", totals: map[string]string{"aws?": "10"}, allowUnpriced: true,
			failure: "(at least: not priced: api on aws-lambda)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := gate.New(gate.Spec{CostLimits: []gate.CostLimit{limit(t, tc.limit)}, AllowUnpriced: tc.allowUnpriced}, nil)
			f := file(tc.totals)
			c.File(&f)
			diff, gates := c.Finish(result.Summary{})
			if diff != nil {
				t.Errorf("diff without a baseline: %+v", diff)
			}
			if len(gates) != 1 {
				t.Fatalf("%d gates, want 1", len(gates))
			}
			g := gates[0]
			if g.Gate != result.GateMaxMonthlyCost || g.Limit != tc.limit || g.Passed != tc.passed {
				t.Errorf("gate = %s %s passed=%t, want %s %s passed=%t", g.Gate, g.Limit, g.Passed, result.GateMaxMonthlyCost, tc.limit, tc.passed)
			}
			check(t, "failure", g.Failures, tc.failure)
			check(t, "warning", g.Warnings, tc.warning)
		})
	}
}

func check(t *testing.T, what string, got []result.GateFailure, want string) {
	t.Helper()
	if want == "" {
		if len(got) != 0 {
			t.Errorf("unexpected %s: %+v", what, got)
		}
		return
	}
	if len(got) != 1 || !strings.Contains(got[0].Message, want) {
		t.Errorf("%s = %+v, want one containing %q", what, got, want)
	}
}

func TestFailOn(t *testing.T) {
	sum := result.Summary{Findings: map[string]int{"critical": 0, "high": 2, "medium": 1, "low": 0, "info": 7}}
	for _, tc := range []struct {
		floor   string
		passed  bool
		message string
	}{
		{"critical", true, ""},
		{"high", false, "2 unwaived finding(s) at or above high (2 high)"},
		{"medium", false, "3 unwaived finding(s) at or above medium (2 high, 1 medium)"},
		{"info", false, "10 unwaived finding(s) at or above info (2 high, 1 medium, 7 info)"},
	} {
		_, gates := gate.New(gate.Spec{FailOn: tc.floor}, nil).Finish(sum)
		if len(gates) != 1 || gates[0].Gate != result.GateFailOn || gates[0].Passed != tc.passed {
			t.Fatalf("--fail-on %s: %+v", tc.floor, gates)
		}
		check(t, "--fail-on "+tc.floor, gates[0].Failures, tc.message)
	}
	if _, gates := gate.New(gate.Spec{}, nil).Finish(sum); len(gates) != 0 {
		t.Errorf("no gates asked for, got %+v", gates)
	}
}

func TestCheckClouds(t *testing.T) {
	spec := gate.Spec{CostLimits: []gate.CostLimit{limit(t, "100"), limit(t, "gcp=5")}}
	if err := spec.CheckClouds([]string{"aws", "gcp"}); err != nil {
		t.Errorf("gcp evaluated: %v", err)
	}
	err := spec.CheckClouds([]string{"aws"})
	if err == nil || err.Error() != "--max-monthly-cost gcp=5: gcp is not evaluated in this run (clouds: aws)" {
		t.Errorf("gcp not evaluated: %v", err)
	}
}
func TestParseLimits(t *testing.T) {
	for in, want := range map[string]string{"500": "/500", "$1,200.50": "/1200.5", "aws=99": "aws/99", " GCP = 10 ": "gcp/10"} {
		l, err := gate.ParseCostLimit(in)
		if err != nil || l.Cloud+"/"+l.USD.String() != want {
			t.Errorf("ParseCostLimit(%q) = %+v, %v; want %s", in, l, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "aws=", "=5", "-1", "1e999999999"} {
		if _, err := gate.ParseCostLimit(bad); err == nil {
			t.Errorf("ParseCostLimit(%q): no error", bad)
		}
	}
	for in, want := range map[string]string{"10%": "10%", "25": "25", "2.5 %": "2.5%"} {
		inc, err := gate.ParseIncrease(in)
		got := inc.Value.String()
		if inc.Percent {
			got += "%"
		}
		if err != nil || got != want {
			t.Errorf("ParseIncrease(%q) = %s, %v", in, got, err)
		}
	}
	for _, bad := range []string{"%", "ten%", "-3"} {
		if _, err := gate.ParseIncrease(bad); err == nil {
			t.Errorf("ParseIncrease(%q): no error", bad)
		}
	}
}
