package pricing

import (
	"strings"
	"testing"
)

func TestWriteList(t *testing.T) {
	b := mustLoad(t)
	var sb strings.Builder
	if err := WriteList(&sb, b); err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	for _, want := range []string{"CLOUD  VERSION", "us-east-1 (default), eu-west-1", "eastus (default), westeurope",
		"azure-container-apps     serverless-container    eastus", "westeurope\n", "gcp-glue", "estimates"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	for _, p := range Platforms {
		if !strings.Contains(out, p.ID) {
			t.Errorf("list lacks %s", p.ID)
		}
	}
}

func TestWriteShow(t *testing.T) {
	b := mustLoad(t)
	var sb strings.Builder
	if err := WriteShow(&sb, b, "aws-lambda", ""); err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	for _, want := range []string{"AWS Lambda (aws-lambda) in us-east-1", "KEY", "SOURCE", "requests", "0.0000002",
		"https://aws.amazon.com/lambda/pricing/", "free 400,000", "2026-11-25"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	// Every price of the platform appears, with its source.
	entries, err := b.Show("gcp-cloud-run", "europe-west3")
	if err != nil || len(entries) < 10 {
		t.Fatalf("show: %v, %d entries", err, len(entries))
	}
	for _, e := range entries {
		if e.Source == "" || e.AsOf == "" || e.Unit == "" {
			t.Errorf("entry %+v lacks a source, date or unit", e)
		}
	}
	errs := []struct{ platform, region, want string }{
		{"aws-lamda", "", `unknown platform "aws-lamda" (known: aws-lambda, `},
		{"aws-lambda", "us-east-9", "us-east-1, eu-west-1"},
		{"azure-container-apps", "westeurope", "unpriced there (priced regions: eastus)"},
	}
	for _, e := range errs {
		if err := WriteShow(&sb, b, e.platform, e.region); err == nil || !strings.Contains(err.Error(), e.want) {
			t.Errorf("%s %s: err = %v, want %q", e.platform, e.region, err, e.want)
		}
	}
}
