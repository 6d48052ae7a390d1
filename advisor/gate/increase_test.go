package gate_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/baseline"
	"github.com/hybridadvisor/hybridadvisor/advisor/gate"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// saved is a baseline holding f, as -o json of an earlier run writes it.
func saved(t *testing.T, files ...result.File) *baseline.Baseline {
	t.Helper()
	r := &result.Result{SchemaVersion: result.SchemaVersion, Pricing: result.PricingInfo{Version: "old", AsOf: "2026-01-01"}, Files: append([]result.File{}, files...)}
	r.Summarise()
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	b, err := baseline.Read(bytes.NewReader(raw), "main.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCostIncrease(t *testing.T) {
	for _, tc := range []struct {
		name     string
		before   string // "" when the architecture is new
		after    string // a trailing "?" marks the total as unpriced
		increase string
		allow    bool
		passed   bool
		failure  string
		warning  string
	}{
		{name: "within amount", before: "100", after: "105", increase: "10", passed: true},
		{name: "over amount", before: "100", after: "125", increase: "10",
			failure: "shop (shop.yaml) grew $25.00/month (+25%) on aws ($100.00 -> $125.00), over the limit of $10.00"},
		{name: "within percent", before: "100", after: "109", increase: "10%", passed: true},
		{name: "over percent", before: "100", after: "111", increase: "10%", failure: "over the limit of 10%"},
		{name: "a drop passes", before: "100", after: "50", increase: "0", passed: true},
		{name: "growth from zero has no percentage", before: "0", after: "50", increase: "10%", passed: true},
		{name: "growth from zero against an amount", before: "0", after: "50", increase: "10", failure: "grew $50.00/month"},
		{name: "new architecture", after: "50", increase: "10", failure: "shop (shop.yaml) is new and adds $50.00/month"},
		{name: "unpriced fails closed", before: "100", after: "100?", increase: "10",
			failure: "the cost increase against the limit of 10 on aws is unknown"},
		{name: "unpriced warns when allowed", before: "100", after: "100?", increase: "10", allow: true, passed: true,
			warning: "; allowed by --allow-unpriced"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var old []result.File
			if tc.before != "" {
				old = append(old, file(map[string]string{"aws": tc.before}))
			}
			cloud := "aws"
			if tc.after[len(tc.after)-1] == '?' {
				cloud, tc.after = "aws?", tc.after[:len(tc.after)-1]
			}
			inc, err := gate.ParseIncrease(tc.increase)
			if err != nil {
				t.Fatal(err)
			}
			c := gate.New(gate.Spec{Increases: []gate.Increase{inc}, AllowUnpriced: tc.allow}, saved(t, old...).NewDiffer([]string{"shop.yaml"}))
			f := file(map[string]string{cloud: tc.after})
			c.File(&f)
			diff, gates := c.Finish(result.Summary{})
			if diff == nil || diff.Baseline != "main.json" {
				t.Fatalf("diff = %+v, want one against main.json", diff)
			}
			if len(gates) != 1 || gates[0].Gate != result.GateMaxCostIncrease || gates[0].Passed != tc.passed {
				t.Fatalf("gates = %+v, want one %s passed=%t", gates, result.GateMaxCostIncrease, tc.passed)
			}
			check(t, "failure", gates[0].Failures, tc.failure)
			check(t, "warning", gates[0].Warnings, tc.warning)
		})
	}
}
