package advisor_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// operatorEU: testdata/unpriced/operator-eu.yaml, an operator whose GCP part is
// unpriced (no GKE Autopilot rates in europe-west1) while AWS and Azure are priced.
func operatorEU(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "unpriced", "operator-eu.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// excludedOnGCP has a privileged Windows GPU component that no GCP platform
// takes (GKE Autopilot rejects privileged pods), beside a priced function.
const excludedOnGCP = `apiVersion: hybridadvisor/v1
name: excl
components:
  - name: api
    trigger: queue
    traffic: {requests_per_month: 1000000, pattern: steady}
    execution: {avg_duration: 400ms, memory_mb: 1024}
  - name: odd
    trigger: queue
    traffic: {requests_per_month: 1000}
    execution: {avg_duration: 1s, os: windows, gpu: 1}
    requires: {privileged: true}
`

func scoreOne(t *testing.T, opts advisor.Options, path string, src []byte) (*result.Result, *result.Architecture) {
	t.Helper()
	a := newAdvisor(t, opts)
	res := a.Score(context.Background(), []advisor.Source{{Path: path, Data: src}}, 1)
	f := res.Files[0]
	if f.Architecture == nil {
		t.Fatalf("%s: %+v", path, f.Error)
	}
	return res, f.Architecture
}

func componentPtr(t *testing.T, a *result.Architecture, name string) *result.Component {
	t.Helper()
	for i := range a.Components {
		if a.Components[i].Name == name {
			return &a.Components[i]
		}
	}
	t.Fatalf("no component %s", name)
	return nil
}

// TestUnpricedIsUnknownNotZero: the 2-GPU inference service of ml-platform is
// priced on EKS and AKS but has no price on GKE Autopilot (no Autopilot GPU
// price in the tables). Its GCP cost is null, GCP's totals name it, and the
// primary cloud is the cheapest complete one (Azure), not GCP, whose priced
// remainder is far lower only because the GPU service is left out.
func TestUnpricedIsUnknownNotZero(t *testing.T) {
	src, _ := profile.Template("ml-platform")
	res, a := scoreOne(t, advisor.Options{}, "example:ml-platform", src)

	inf := componentPtr(t, a, "inference")
	for _, o := range inf.Options {
		if o.Platform != "gcp-gke-autopilot" {
			continue
		}
		if o.Priced || o.MonthlyCostUSD != nil || o.Note == "" {
			t.Errorf("inference on %s: priced %v, cost %v, note %q; want unpriced, null, a note", o.Platform, o.Priced, o.MonthlyCostUSD, o.Note)
		}
	}
	if rec := inf.PerCloud["gcp"]; rec.Platform != "gcp-gke-autopilot" || rec.Priced || rec.MonthlyCostUSD != nil {
		t.Errorf("inference on gcp: %+v, want gcp-gke-autopilot unpriced with a null cost", rec)
	}
	var got []string
	for _, u := range a.Totals["gcp"].Unpriced {
		got = append(got, u.String())
	}
	if want := []string{"inference on gcp-gke-autopilot"}; !reflect.DeepEqual(got, want) {
		t.Errorf("gcp totals unpriced = %v, want %v", got, want)
	}
	for _, cloud := range []string{"aws", "azure"} {
		if rec := inf.PerCloud[cloud]; !rec.Priced || rec.MonthlyCostUSD == nil {
			t.Errorf("inference on %s: %+v, want priced", cloud, rec)
		}
		if !a.Totals[cloud].Complete() {
			t.Errorf("%s total incomplete: %+v", cloud, a.Totals[cloud].Unpriced)
		}
	}
	if gcp, azure := a.Totals["gcp"].Recommended, a.Totals["azure"].Recommended; !gcp.LessThan(azure.Decimal) {
		t.Fatalf("the fixture no longer tests anything: gcp's known part %s is not below azure's %s", gcp.StringFixed(2), azure.StringFixed(2))
	}
	if a.Cloud != "azure" {
		t.Errorf("primary %s, want azure (cheaper than aws, and complete)", a.Cloud)
	}
	// A real $0 (Lambda inside its free tier) is a price, not an unknown.
	hook := componentPtr(t, a, "model-registry-hook").PerCloud["aws"]
	if !hook.Priced || hook.MonthlyCostUSD == nil || !hook.MonthlyCostUSD.IsZero() {
		t.Errorf("model-registry-hook on aws = %+v, want priced at $0.00", hook)
	}

	var js bytes.Buffer
	if err := render.JSON(&js, res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"schema_version": 2`) || !strings.Contains(js.String(), `"monthly_cost_usd": null`) {
		t.Error("JSON lacks schema_version 2 or a null cost")
	}
	for _, format := range []string{"table", "markdown"} {
		var out bytes.Buffer
		if err := render.Write(&out, format, res, render.Options{}); err != nil {
			t.Fatal(err)
		}
		s := out.String()
		for _, want := range []string{"not priced", "inference on gcp-gke-autopilot"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s output lacks %q", format, want)
			}
		}
		if strings.Contains(s, "gcp-gke-autopilot $0.00") || strings.Contains(s, "gcp-gke-autopilot` \\$0.00") {
			t.Errorf("%s output shows the unpriced Autopilot at $0.00", format)
		}
	}
}

// TestBreakEvenAndCurvesSkipUnpriced: with no priced eligible platform on GCP,
// the inference service has no break-even and no cost curve there (an
// unpriced platform would otherwise be drawn at $0.00); EKS and AKS keep theirs.
func TestBreakEvenAndCurvesSkipUnpriced(t *testing.T) {
	src, _ := profile.Template("ml-platform")
	_, a := scoreOne(t, advisor.Options{Curves: true}, "example:ml-platform", src)
	inf := componentPtr(t, a, "inference")
	if be := inf.BreakEven["gcp"]; be.FunctionPlatform != "" || be.ContainerPlatform != "" || be.Kind == "crossover" {
		t.Errorf("inference break-even on gcp: %+v", be)
	}
	if _, ok := inf.Curves["gcp"]; ok {
		t.Errorf("inference has a gcp curve: %+v", inf.Curves["gcp"])
	}
	for cloud, p := range map[string]string{"aws": "aws-eks", "azure": "azure-aks"} {
		if c, ok := inf.Curves[cloud]; !ok || c.ContainerPlatform != p {
			t.Errorf("inference %s curve = %+v, want %s", cloud, c, p)
		}
	}
}

// TestPrimaryCloudIsNotChosenByAMissingPrice: Autopilot's unknown cost used to
// add $0.00 to GCP's total and make it the primary cloud; Azure is the
// cheapest complete one.
func TestPrimaryCloudIsNotChosenByAMissingPrice(t *testing.T) {
	_, a := scoreOne(t, advisor.Options{}, "operator.yaml", operatorEU(t))
	if a.Cloud == "gcp" {
		t.Errorf("primary = gcp, chosen by a missing price")
	}
	if got := a.Totals["gcp"].Unpriced; len(got) != 1 || got[0].Component != "operator" || got[0].Platform != "gcp-gke-autopilot" {
		t.Errorf("gcp unpriced = %+v", got)
	}
	for _, c := range []string{"aws", "azure"} {
		if !a.Totals[c].Complete() {
			t.Errorf("%s total incomplete: %+v", c, a.Totals[c].Unpriced)
		}
	}
	cheapest := "aws"
	if a.Totals["azure"].Recommended.LessThan(a.Totals["aws"].Recommended.Decimal) {
		cheapest = "azure"
	}
	if a.Cloud != cheapest {
		t.Errorf("primary = %s, want the cheaper complete cloud %s", a.Cloud, cheapest)
	}
}

// TestOneCloudWithIncompletePrices: --cloud gcp keeps GCP as primary even
// though the operator's placement is unpriced, and says so.
func TestOneCloudWithIncompletePrices(t *testing.T) {
	_, a := scoreOne(t, advisor.Options{Clouds: []string{"gcp"}, Cloud: "gcp"}, "operator.yaml", operatorEU(t))
	rec := componentPtr(t, a, "operator").Recommendation
	if a.Cloud != "gcp" || rec.Platform != "gcp-gke-autopilot" || rec.Priced || rec.MonthlyCostUSD != nil {
		t.Errorf("primary %s, recommendation %+v; want gcp-gke-autopilot unpriced", a.Cloud, rec)
	}
	if a.Totals["gcp"].Complete() {
		t.Error("the gcp total is marked complete")
	}
}

// TestExcludedEverywhereIsNotUnpriced: a component with no eligible platform
// on the cloud is left out of the totals with a note, but is not an unpriced
// part (there is no platform to price).
func TestExcludedEverywhereIsNotUnpriced(t *testing.T) {
	_, a := scoreOne(t, advisor.Options{Clouds: []string{"gcp"}, Cloud: "gcp"}, "excl.yaml", []byte(excludedOnGCP))
	if p := componentPtr(t, a, "odd").PerCloud["gcp"]; p.Platform != "" || p.MonthlyCostUSD != nil {
		t.Fatalf("odd on gcp = %+v, want no platform", p)
	}
	tot := a.Totals["gcp"]
	if !tot.Complete() {
		t.Errorf("unpriced = %+v, want none", tot.Unpriced)
	}
	if len(tot.Incomplete) == 0 || !strings.Contains(tot.Incomplete[0], "odd has no eligible platform on gcp") {
		t.Errorf("incomplete = %q", tot.Incomplete)
	}
}
