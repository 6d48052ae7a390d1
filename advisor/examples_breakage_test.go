package advisor_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

var (
	examplesJSONOnce sync.Once
	examplesJSON     []byte
	examplesJSONErr  error
)

// freshExamples is a deep copy of the scored examples, read back from their
// JSON as a baseline reader would: a result a check may break.
func freshExamples(t *testing.T) *result.Result {
	t.Helper()
	examplesJSONOnce.Do(func() {
		var buf bytes.Buffer
		examplesJSONErr = render.JSON(&buf, scoredExamples(t))
		examplesJSON = buf.Bytes()
	})
	if examplesJSONErr != nil {
		t.Fatal(examplesJSONErr)
	}
	var r result.Result
	if err := json.Unmarshal(examplesJSON, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// breakages break a fresh result the way each check guards against; every
// check has one, and the check must report it.
var breakages = map[string]func(r *result.Result){
	"validates against the result contract": func(r *result.Result) {
		comp(r, "starter", "api").Findings[0].Severity = "severe"
	},
	"summary counts what the files hold": func(r *result.Result) { r.Summary.Components++ },
	"one recommendation per evaluated cloud": func(r *result.Result) {
		delete(comp(r, "shop", "catalog").PerCloud, "gcp")
	},
	"every platform of every cloud is priced once": func(r *result.Result) {
		c := comp(r, "pipeline", "transcode")
		c.Options = append(c.Options, c.Options[0])
	},
	"recommendation is one of its options at that option's cost": func(r *result.Result) {
		c := comp(r, "starter", "api")
		rec := c.PerCloud["aws"]
		rec.MonthlyCostUSD = result.PriceOf(rec.MonthlyCostUSD.Add(decimal.NewFromInt(1)), true)
		c.PerCloud["aws"] = rec
	},
	"recommended model is the arbitration's choice": func(r *result.Result) {
		// Function is 6 against containers' -10.9 on aws: make it lose by far.
		comp(r, "starter", "api").CloudScores["aws"]["function"] = -100
	},
	"recommended platform is the cheapest eligible of its model, and the reasons say so": func(r *result.Result) {
		c := comp(r, "starter", "api")
		rec := c.PerCloud["azure"]
		rec.Reasons = rec.Reasons[:len(rec.Reasons)-1] // D-PLATFORM
		c.PerCloud["azure"] = rec
	},
	"option bills add up and exclusions are explained": func(r *result.Result) {
		o := &comp(r, "starter", "api").Options[0]
		o.CostLines[0].MonthlyCostUSD = result.USD(o.CostLines[0].MonthlyCostUSD.Add(decimal.NewFromInt(1)))
	},
	"totals are the sum of the recommended placement where additive": func(r *result.Result) {
		a := arch(r, "shop")
		tt := a.Totals["aws"]
		tt.Recommended = result.USD(tt.Recommended.Add(decimal.NewFromInt(10)))
		tt.FreeTierSavings = result.USD(tt.FreeTierSavings.Sub(decimal.NewFromInt(5)))
		a.Totals["aws"] = tt
	},
	"verdict follows the placement": func(r *result.Result) { arch(r, "starter").Verdicts["aws"] = "hybrid" },
	"primary cloud places most, prices most, costs least": func(r *result.Result) {
		a := arch(r, "starter") // azure at $5.18 against aws at $5.80
		tt := a.Totals["aws"]
		tt.Recommended = result.USD(decimal.NewFromInt(1))
		a.Totals["aws"] = tt
	},
	"every rule ID is in the rule catalogue": func(r *result.Result) {
		rec := comp(r, "iot", "ingest").PerCloud["aws"]
		rec.Reasons[0].Rule = "D-NOPE"
	},
	"finding and assumption paths resolve to profile fields": func(r *result.Result) {
		f := &comp(r, "starter", "api").Findings[0]
		f.Path = strings.Replace(f.Path, "runtime", "runtme", 1)
	},
	"findings are complete and ordered": func(r *result.Result) {
		fs := comp(r, "starter", "api").Findings
		fs[0], fs[1] = fs[1], fs[0]
	},
}

func TestStructureChecksCatchBreakage(t *testing.T) {
	e := newStructEnv(t)
	for _, c := range structChecks {
		t.Run(c.name, func(t *testing.T) {
			breakIt, ok := breakages[c.name]
			if !ok {
				t.Fatal("no breakage proves this check can fail")
			}
			r := freshExamples(t)
			if p := c.run(e, r); len(p) != 0 {
				t.Fatalf("fails before the breakage: %v", p)
			}
			breakIt(r)
			if len(c.run(e, r)) == 0 {
				t.Error("the check does not see the breakage")
			}
		})
	}
	if len(breakages) != len(structChecks) {
		t.Errorf("%d breakages for %d checks: a breakage names no check", len(breakages), len(structChecks))
	}
}

func arch(r *result.Result, example string) *result.Architecture {
	for _, f := range r.Files {
		if f.Path == "example:"+example {
			return f.Architecture
		}
	}
	panic("no example " + example)
}

func comp(r *result.Result, example, name string) *result.Component {
	a := arch(r, example)
	for i := range a.Components {
		if a.Components[i].Name == name {
			return &a.Components[i]
		}
	}
	panic("no component " + name + " in " + example)
}
