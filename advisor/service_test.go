package advisor_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/settings"
)

// TestDefaultsLeaveTheProfileAlone: the config's defaults and --free-tier
// shape the result, and the parsed profile stays as the file wrote it (the
// TUI saves and re-renders from it).
func TestDefaultsLeaveTheProfileAlone(t *testing.T) {
	on := true
	a := newAdvisor(t, advisor.Options{FreeTier: &on})
	src := "apiVersion: hybridadvisor/v1\nname: plain\nregions: {azure: westeurope}\ncomponents:\n  - name: a\n    trigger: queue\n    traffic: {requests_per_month: 1000}\n    execution: {avg_duration: 1s}\n"
	pf, err := profile.Parse("plain.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	arch := pf.Architectures[0]
	before, err := profile.Parse("plain.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	off := false
	res, err := a.ArchitectureWith(context.Background(), arch, advisor.BatchOptions{
		Regions: map[string]string{"aws": "eu-west-1", "azure": "northeurope"}, FreeTier: &off, DefaultsFrom: "config team.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"aws": "eu-west-1", "azure": "westeurope", "gcp": "us-central1"}; !reflect.DeepEqual(res.Regions, want) {
		t.Errorf("regions %v, want %v", res.Regions, want)
	}
	if !res.FreeTier {
		t.Error("--free-tier did not override the config's default")
	}
	var got []string
	for _, as := range res.Assumptions {
		if as.Path == "regions.aws" || as.Path == "assumptions.free_tier" {
			got = append(got, as.Path+"="+as.Value+": "+as.Message)
		}
	}
	want := []string{
		"regions.aws=eu-west-1: default region from config team.yaml",
		"assumptions.free_tier=false: default from config team.yaml",
		"assumptions.free_tier=true: set by --free-tier, overriding the profile",
	}
	if !slices.Equal(got, want) {
		t.Errorf("assumptions:\n%q\nwant\n%q", got, want)
	}
	if !reflect.DeepEqual(arch, before.Architectures[0]) {
		t.Errorf("scoring changed the parsed profile:\n%+v\nwas\n%+v", *arch, *before.Architectures[0])
	}
}

func TestServiceAdvisor(t *testing.T) {
	base := newAdvisor(t, advisor.Options{})
	off := false
	svc, err := advisor.NewService(base.Engine(), base.Book(), settings.Settings{Clouds: []string{"gcp"}, FreeTier: &off, Jobs: 3,
		Regions: map[string]string{"gcp": "europe-west1"}, ConfigPath: ".hybridadvisor.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if svc.Primary() != "gcp" || !slices.Equal(svc.Clouds(), []string{"gcp"}) {
		t.Errorf("clouds %v, primary %q", svc.Clouds(), svc.Primary())
	}
	a, err := svc.Advisor(advisor.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Clouds(), []string{"gcp"}) || a.Engine() != base.Engine() || a.Book() != base.Book() {
		t.Error("the advisor does not evaluate with the service's clouds, engine and book")
	}
	if r := a.NewResult(); r.Settings.FreeTier == nil || *r.Settings.FreeTier {
		t.Errorf("free tier %v, want the service's off", r.Settings.FreeTier)
	}
	b := svc.Batch()
	if b.Jobs != 3 || b.Regions["gcp"] != "europe-west1" || b.DefaultsFrom != "config .hybridadvisor.yaml" {
		t.Errorf("batch %+v", b)
	}
	if _, err := advisor.NewService(base.Engine(), base.Book(), settings.Settings{Clouds: []string{"mars"}}); err == nil {
		t.Error("an unknown cloud was accepted")
	}
}
