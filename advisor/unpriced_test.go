package advisor_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// bigBatch is a 64 GB job: AKS has no node size for it in eastus (unpriced),
// Fargate ($9.32) and GKE Autopilot ($7.60) are priced.
const bigBatch = `apiVersion: hybridadvisor/v1
name: big-batch
components:
  - name: crunch
    trigger: schedule
    traffic: {requests_per_month: 30}
    execution: {avg_duration: 20m, max_duration: 40m, memory_mb: 65536, vcpu: 8}
`

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

// TestUnpricedIsUnknownNotZero: the 2-GPU inference service of ml-platform has no
// price on any platform of any cloud (no node size fits on EKS and AKS, no GPU
// price for Autopilot). Its cost is null everywhere, each total names it, and
// the primary cloud is still the cheapest of three equally incomplete clouds.
func TestUnpricedIsUnknownNotZero(t *testing.T) {
	src, _ := profile.Template("ml-platform")
	res, a := scoreOne(t, advisor.Options{}, "example:ml-platform", src)

	inf := componentPtr(t, a, "inference")
	for _, o := range inf.Options {
		if o.Priced || o.MonthlyCostUSD != nil || o.Note == "" {
			t.Errorf("inference on %s: priced %v, cost %v, note %q; want unpriced, null, a note", o.Platform, o.Priced, o.MonthlyCostUSD, o.Note)
		}
	}
	k8s := map[string]string{"aws": "aws-eks", "azure": "azure-aks", "gcp": "gcp-gke-autopilot"}
	for cloud, p := range k8s {
		rec := inf.PerCloud[cloud]
		if rec.Platform != p || rec.Priced || rec.MonthlyCostUSD != nil {
			t.Errorf("inference on %s: %+v, want %s unpriced with a null cost", cloud, rec, p)
		}
		want := []string{"inference on " + p}
		var got []string
		for _, u := range a.Totals[cloud].Unpriced {
			got = append(got, u.String())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s totals unpriced = %v, want %v", cloud, got, want)
		}
	}
	// Each cloud leaves out one part: the cheapest priced remainder decides.
	if a.Cloud != "aws" || a.Totals["aws"].Recommended.StringFixed(2) != "222.61" {
		t.Errorf("primary %s at %s, want aws at 222.61", a.Cloud, a.Totals[a.Cloud].Recommended.StringFixed(2))
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
		for _, want := range []string{"not priced", "inference on aws-eks"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s output lacks %q", format, want)
			}
		}
		if strings.Contains(s, "aws-eks $0.00") || strings.Contains(s, "aws-eks` \\$0.00") {
			t.Errorf("%s output shows the unpriced EKS at $0.00", format)
		}
	}
}

// TestBreakEvenAndCurvesSkipUnpriced: with no priced eligible platform, the
// inference service has no break-even and no cost curve on any cloud (an
// unpriced platform would otherwise be drawn at $0.00).
func TestBreakEvenAndCurvesSkipUnpriced(t *testing.T) {
	src, _ := profile.Template("ml-platform")
	_, a := scoreOne(t, advisor.Options{Curves: true}, "example:ml-platform", src)
	inf := componentPtr(t, a, "inference")
	for _, cloud := range []string{"aws", "azure", "gcp"} {
		if be := inf.BreakEven[cloud]; be.FunctionPlatform != "" || be.ContainerPlatform != "" || be.Kind == "crossover" {
			t.Errorf("inference break-even on %s: %+v", cloud, be)
		}
	}
	if len(inf.Curves) != 0 {
		t.Errorf("inference has curves: %+v", inf.Curves)
	}
	// training-operator's EKS is priced: it keeps its container curve.
	if c, ok := componentPtr(t, a, "training-operator").Curves["aws"]; !ok || c.ContainerPlatform != "aws-eks" {
		t.Errorf("training-operator aws curve = %+v", c)
	}
}

// TestPrimaryCloudIsNotChosenByAMissingPrice: AKS's unknown cost used to add
// $0.00 to Azure's total and make it the primary cloud; GCP at $7.60 is the
// cheapest complete one.
func TestPrimaryCloudIsNotChosenByAMissingPrice(t *testing.T) {
	_, a := scoreOne(t, advisor.Options{}, "batch.yaml", []byte(bigBatch))
	if a.Cloud != "gcp" {
		t.Errorf("primary = %s, want gcp", a.Cloud)
	}
	if got := a.Totals["azure"].Unpriced; len(got) != 1 || got[0].Component != "crunch" || got[0].Platform != "azure-aks" {
		t.Errorf("azure unpriced = %+v", got)
	}
	for _, c := range []string{"aws", "gcp"} {
		if !a.Totals[c].Complete() {
			t.Errorf("%s total incomplete: %+v", c, a.Totals[c].Unpriced)
		}
	}
}

// TestOneCloudWithIncompletePrices: --cloud azure keeps Azure as primary even
// though its only placement is unpriced, and says so.
func TestOneCloudWithIncompletePrices(t *testing.T) {
	_, a := scoreOne(t, advisor.Options{Clouds: []string{"azure"}, Cloud: "azure"}, "batch.yaml", []byte(bigBatch))
	rec := a.Components[0].Recommendation
	if a.Cloud != "azure" || rec.Platform != "azure-aks" || rec.Priced || rec.MonthlyCostUSD != nil {
		t.Errorf("primary %s, recommendation %+v; want azure-aks unpriced", a.Cloud, rec)
	}
	if a.Totals["azure"].Complete() {
		t.Error("the azure total is marked complete")
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
