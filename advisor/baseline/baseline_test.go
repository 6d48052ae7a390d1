package baseline_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/baseline"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

func usd(s string) result.Money { return result.USD(decimal.RequireFromString(s)) }

func usdp(s string) *result.Money { m := usd(s); return &m }

func comp(name, model, platform, cost string) result.Component {
	rec := result.Recommendation{Model: model, Platform: platform, Cloud: "aws", MonthlyCostUSD: usdp(cost), Priced: true}
	return result.Component{Name: name, Recommendation: rec, PerCloud: map[string]result.Recommendation{"aws": rec}}
}

func arch(path, name string, total string, comps ...result.Component) result.File {
	return result.File{Path: path, Architecture: &result.Architecture{
		Name: name, Cloud: "aws", Components: comps,
		Totals: map[string]result.Totals{"aws": {Recommended: usd(total)}, "gcp": {Recommended: usd("1.00")}},
	}}
}

func save(t *testing.T, files ...result.File) *baseline.Baseline {
	t.Helper()
	r := &result.Result{SchemaVersion: result.SchemaVersion, Pricing: result.PricingInfo{Version: "old", AsOf: "2026-01-01"}, Files: files}
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

func TestDiff(t *testing.T) {
	b := save(t,
		arch("a.yaml", "a", "10.00", comp("api", "function", "aws-lambda", "10.00")),
		arch("same.yaml", "same", "5.00", comp("x", "function", "aws-lambda", "5.00")),
		arch("old.yaml", "old", "7.00", comp("y", "function", "aws-lambda", "7.00")),
		arch("renamed-from.yaml", "moved", "3.00", comp("z", "function", "aws-lambda", "3.00")),
		result.File{Path: "broken-before.yaml", Error: &result.Error{Message: "bad"}},
	)
	now := []result.File{
		arch("a.yaml", "a", "30.00", comp("api", "serverless-container", "aws-fargate", "25.00"), comp("worker", "function", "aws-lambda", "5.00")),
		arch("same.yaml", "same", "5.00", comp("x", "function", "aws-lambda", "5.00")),
		arch("new.yaml", "new", "2.00", comp("n", "function", "aws-lambda", "2.00")),
		arch("renamed-to.yaml", "moved", "3.00", comp("z", "function", "aws-lambda", "3.00")),
		{Path: "broken-now.yaml", Error: &result.Error{Message: "bad"}},
	}
	var paths []string
	for _, f := range now {
		paths = append(paths, f.Path)
	}
	d := b.NewDiffer(paths)
	got := map[string]*result.ArchitectureDiff{}
	for i := range now {
		got[now[i].Path] = d.File(&now[i])
	}
	diff := d.Finish()

	a := got["a.yaml"]
	if a.Status != result.DiffChanged || a.Cost.Delta.String() != "20" || a.Cost.Percent.String() != "200" {
		t.Errorf("a: %+v", a)
	}
	if len(a.Components) != 2 || a.Components[0].Name != "api" || a.Components[0].Status != result.DiffChanged ||
		a.Components[0].Before.Platform != "aws-lambda" || a.Components[0].After.Platform != "aws-fargate" || a.Components[0].Delta.String() != "15" ||
		a.Components[1].Name != "worker" || a.Components[1].Status != result.DiffAdded || a.Components[1].Before != nil {
		t.Errorf("a components: %+v", a.Components)
	}
	if s := got["same.yaml"]; s.Status != "" {
		t.Errorf("same: status %q", s.Status)
	}
	if n := got["new.yaml"]; n.Status != result.DiffAdded || n.Cost.Percent != nil || n.Cost.Delta.String() != "2" {
		t.Errorf("new: %+v", n)
	}
	if m := got["renamed-to.yaml"]; m.Status != "" || m.BaselineCloud != "aws" {
		t.Errorf("a renamed file is matched by its unique name: %+v", m)
	}
	if got["broken-now.yaml"] != nil {
		t.Error("an error file has a diff")
	}
	if diff.Added != 1 || diff.Changed != 1 || diff.Unchanged != 2 || diff.Removed != 1 {
		t.Errorf("counts %+v", diff)
	}
	last := diff.Architectures[len(diff.Architectures)-1]
	if last.Path != "old.yaml" || last.Status != result.DiffRemoved || last.Cost.Delta.String() != "-7" {
		t.Errorf("removed: %+v", last)
	}
	// aws: before 10+5+7+3 = 25, after 30+5+2+3 = 40.
	if tot := diff.Totals["aws"]; tot.Before.String() != "25" || tot.After.String() != "40" || tot.Percent.String() != "60" {
		t.Errorf("aws totals %+v", tot)
	}
	if diff.Baseline != "main.json" || diff.BaselinePricing.Version != "old" {
		t.Errorf("baseline identity %+v", diff)
	}
}

// A file the run still scores keeps its own baseline entry: a same-named
// architecture elsewhere must not steal it.
func TestNameFallbackOnlyForFilesNotInTheRun(t *testing.T) {
	b := save(t, arch("x.yaml", "dup", "1.00"))
	now := []result.File{arch("y.yaml", "dup", "1.00"), arch("x.yaml", "dup", "1.00")}
	d := b.NewDiffer([]string{"y.yaml", "x.yaml"})
	if ad := d.File(&now[0]); ad.Status != result.DiffAdded {
		t.Errorf("y.yaml: %q, want added", ad.Status)
	}
	if ad := d.File(&now[1]); ad.Status != "" {
		t.Errorf("x.yaml: %q, want unchanged", ad.Status)
	}
}

func TestScanRejectsWhatIsNotAResult(t *testing.T) {
	for name, in := range map[string]string{
		"not json":       "nope",
		"truncated":      `{"schema_version": 1, "files": [`,
		"other json":     `{"a": 1}`,
		"future version": `{"schema_version": 3, "files": []}`,
		"files not list": `{"schema_version": 1, "files": 3}`,
	} {
		if _, err := baseline.Read(strings.NewReader(in), name); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// Unknown fields from a newer minor version are skipped.
	if _, err := baseline.Read(strings.NewReader(`{"schema_version": 1, "extra": {"x": [1]}, "files": [], "summary": {}}`), "ok"); err != nil {
		t.Errorf("unknown field: %v", err)
	}
}

func TestScanStreamsFilesInOrder(t *testing.T) {
	r := &result.Result{SchemaVersion: 1, Tool: result.Tool{Name: "hybridadvisor"}, Files: []result.File{
		arch("1.yaml", "one", "1.00"), {Path: "2.yaml", Error: &result.Error{Message: "x", Line: 2}}, arch("3.yaml", "three", "3.00"),
	}, Gates: []result.Gate{{Gate: result.GateFailOn, Limit: "high", Passed: true}}}
	r.Summarise()
	raw, _ := json.Marshal(r)
	var order []string
	var head, tail *result.Result
	err := baseline.Scan(bytes.NewReader(raw), baseline.Visitor{
		Head: func(h *result.Result) error { head = h; order = append(order, "head"); return nil },
		File: func(f *result.File) error { order = append(order, f.Path); return nil },
		Tail: func(t *result.Result) error { tail = t; order = append(order, "tail"); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, " ") != "head 1.yaml 2.yaml 3.yaml tail" {
		t.Errorf("order %v", order)
	}
	if head.Tool.Name != "hybridadvisor" || tail.Summary.Files != 3 || tail.Summary.Errors != 1 || len(tail.Gates) != 1 || len(tail.Files) != 0 {
		t.Errorf("head %+v tail %+v", head, tail)
	}
}

// v1Result is a schema_version 1 result: an unpriced EKS written as 0 beside a
// priced Lambda at a real $0.00, and a total that silently left EKS out.
const v1Result = `{"schema_version": 1, "pricing": {"version": "v1", "as_of": "2026-01-01"}, "files": [{"path": "ml.yaml", "error": null,
 "architecture": {"name": "ml", "cloud": "aws", "totals": {"aws": {"recommended": 6.11}},
  "components": [
   {"name": "inference", "recommendation": {"model": "orchestrated-container", "platform": "aws-eks", "cloud": "aws", "monthly_cost_usd": 0, "priced": false},
    "per_cloud": {"aws": {"model": "orchestrated-container", "platform": "aws-eks", "cloud": "aws", "monthly_cost_usd": 0, "priced": false}},
    "options": [{"platform": "aws-eks", "cloud": "aws", "priced": false, "note": "no GPU price", "monthly_cost_usd": 0}]},
   {"name": "hook", "recommendation": {"model": "function", "platform": "aws-lambda", "cloud": "aws", "monthly_cost_usd": 0, "priced": true},
    "per_cloud": {"aws": {"model": "function", "platform": "aws-lambda", "cloud": "aws", "monthly_cost_usd": 0, "priced": true}},
    "options": [{"platform": "aws-lambda", "cloud": "aws", "priced": true, "monthly_cost_usd": 0}]}]}}]}`

// TestScanUpgradesSchemaV1: a v1 file's unpriced zeros become unknown, its real
// zeros stay, and its totals name what they left out.
func TestScanUpgradesSchemaV1(t *testing.T) {
	var files []result.File
	var head *result.Result
	err := baseline.Scan(strings.NewReader(v1Result), baseline.Visitor{
		Head: func(h *result.Result) error { head = h; return nil },
		File: func(f *result.File) error { files = append(files, *f); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	if head.SchemaVersion != result.SchemaVersion {
		t.Errorf("head schema_version %d, want the upgraded %d", head.SchemaVersion, result.SchemaVersion)
	}
	a := files[0].Architecture
	inf, hook := a.Components[0], a.Components[1]
	if inf.Recommendation.MonthlyCostUSD != nil || inf.PerCloud["aws"].MonthlyCostUSD != nil || inf.Options[0].MonthlyCostUSD != nil {
		t.Error("an unpriced v1 zero was kept as a price")
	}
	if m := hook.PerCloud["aws"].MonthlyCostUSD; m == nil || !m.IsZero() || hook.Options[0].MonthlyCostUSD == nil {
		t.Error("a priced v1 $0.00 was lost")
	}
	if u := a.Totals["aws"].Unpriced; len(u) != 1 || u[0].String() != "inference on aws-eks" {
		t.Errorf("totals unpriced = %+v", u)
	}
}

// TestDiffWithUnpricedPlacements: a change to or from an unpriced placement has
// no amount, and the totals it touches are marked incomplete.
func TestDiffWithUnpricedPlacements(t *testing.T) {
	b, err := baseline.Read(strings.NewReader(v1Result), "v1.json")
	if err != nil {
		t.Fatal(err)
	}
	// Now inference is priced on Fargate; the hook is unchanged.
	now := arch("ml.yaml", "ml", "50.00", comp("inference", "serverless-container", "aws-fargate", "43.89"), comp("hook", "function", "aws-lambda", "0.00"))
	d := b.NewDiffer([]string{"ml.yaml"})
	ad := d.File(&now)
	if len(ad.Components) != 1 || ad.Components[0].Name != "inference" || ad.Components[0].Delta != nil {
		t.Fatalf("components %+v, want inference changed with an unknown delta", ad.Components)
	}
	if !ad.Cost.Incomplete || !ad.PerCloud["aws"].Incomplete {
		t.Errorf("cost %+v: the baseline total left EKS out, so the change is incomplete", ad.Cost)
	}
	if tot := d.Finish().Totals["aws"]; !tot.Incomplete {
		t.Errorf("diff totals %+v not marked incomplete", tot)
	}
}
