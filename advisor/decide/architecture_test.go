package decide

// The architecture verdicts (D-HYBRID), ported from architecture_test.rego when the
// arbitration moved to Go.

import (
	"reflect"
	"strings"
	"testing"
)

func placedOn(name string, models map[string]string) Placement {
	return Placement{Name: name, Models: models}
}

var shop = []Placement{
	placedOn("auth", map[string]string{"aws": "function", "azure": "function", "gcp": "function"}),
	placedOn("catalog", map[string]string{"aws": "serverless-container", "azure": "function", "gcp": "serverless-container"}),
	placedOn("notify", map[string]string{"aws": "function", "azure": "function", "gcp": "serverless-container"}),
	placedOn("search", map[string]string{"aws": "orchestrated-container", "azure": "function", "gcp": ""}),
}

var threeClouds = []string{"aws", "azure", "gcp"}

func TestArchitectureVerdicts(t *testing.T) {
	a := testFramework(t).Verdicts(threeClouds, shop)
	if want := map[string]string{"aws": "hybrid", "azure": "functions", "gcp": "hybrid"}; !reflect.DeepEqual(a.Verdict, want) {
		t.Errorf("verdicts = %v, want %v", a.Verdict, want)
	}
}

func TestArchitectureHybridSentence(t *testing.T) {
	a := testFramework(t).Verdicts(threeClouds, shop)
	want := []Reason{{Rule: "D-HYBRID", Message: "2 of 4 components run as functions (auth, notify) and 2 as containers (catalog, search): different scaling needs per component make this a hybrid"}}
	if !reflect.DeepEqual(a.Reasons["aws"], want) {
		t.Errorf("aws reasons = %v", a.Reasons["aws"])
	}
}

func TestArchitectureFunctionsSentence(t *testing.T) {
	a := testFramework(t).Verdicts(threeClouds, shop)
	if got, want := a.Reasons["azure"][0].Message, "4 of 4 components run as functions (auth, catalog, notify, search) and 0 as containers: one model fits every placed component, so this is a functions architecture"; got != want {
		t.Errorf("azure: %q", got)
	}
}

func TestArchitectureListsUnplacedComponents(t *testing.T) {
	a := testFramework(t).Verdicts(threeClouds, shop)
	if got, want := a.Reasons["gcp"][1], (Reason{Rule: "E-NONE", Message: "search has no eligible platform on gcp"}); got != want {
		t.Errorf("gcp: %v", got)
	}
}

func TestArchitectureContainersOnly(t *testing.T) {
	a := testFramework(t).Verdicts([]string{"aws"}, []Placement{
		placedOn("a", map[string]string{"aws": "serverless-container"}),
		placedOn("b", map[string]string{"aws": "orchestrated-container"}),
	})
	if a.Verdict["aws"] != "containers" || !strings.Contains(a.Reasons["aws"][0].Message, "0 of 2 components run as functions and 2 as containers (a, b)") {
		t.Errorf("aws: %v %v", a.Verdict, a.Reasons)
	}
}

func TestArchitectureNothingPlaced(t *testing.T) {
	a := testFramework(t).Verdicts([]string{"gcp"}, []Placement{placedOn("a", map[string]string{"gcp": ""})})
	if a.Verdict["gcp"] != "" || a.Reasons["gcp"][0].Message != "no component of 1 has an eligible platform on gcp" {
		t.Errorf("gcp: %q %v", a.Verdict["gcp"], a.Reasons["gcp"])
	}
}

func TestArchitectureSingleComponentIsNeverHybrid(t *testing.T) {
	a := testFramework(t).Verdicts([]string{"aws"}, []Placement{placedOn("solo", map[string]string{"aws": "function"})})
	if a.Verdict["aws"] != "functions" {
		t.Errorf("aws: %q", a.Verdict["aws"])
	}
}

func TestSoloArchitecture(t *testing.T) {
	f := testFramework(t)
	d := &Decision{Recommendation: map[string]Choice{
		"aws":   {Model: "function", Platform: "aws-lambda"},
		"azure": {Model: "orchestrated-container", Platform: "azure-aks"},
		"gcp":   {},
	}}
	solo := f.Solo(threeClouds, "solo", d)
	whole := f.Verdicts(threeClouds, []Placement{placedOn("solo", map[string]string{"aws": "function", "azure": "orchestrated-container", "gcp": ""})})
	if !reflect.DeepEqual(solo, whole) {
		t.Errorf("solo %v, whole %v", solo, whole)
	}
	if want := map[string]string{"aws": "functions", "azure": "containers", "gcp": ""}; !reflect.DeepEqual(solo.Verdict, want) {
		t.Errorf("verdicts = %v", solo.Verdict)
	}
}

func TestVerdictsDefaultToEveryCloud(t *testing.T) {
	a := testFramework(t).Verdicts(nil, shop[:1])
	if len(a.Verdict) != 3 {
		t.Errorf("verdicts = %v", a.Verdict)
	}
}
