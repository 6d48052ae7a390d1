package policies_test

import (
	"testing"

	"github.com/hybridadvisor/hybridadvisor/policies"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// BenchmarkCostView measures building input.cost_view for the ten platforms, once per component
// in a batch, without and with the image variant.
func BenchmarkCostView(b *testing.B) {
	curve, err := policies.Curve()
	if err != nil {
		b.Fatal(err)
	}
	costs := map[string]float64{
		"aws-lambda": 0, "aws-fargate": 9.01, "aws-eks": 138.15,
		"azure-functions-flex": 0, "azure-functions-premium": 157.72, "azure-container-apps": 14.31,
		"azure-aks": 135.78, "gcp-cloud-run-functions": 0, "gcp-cloud-run": 0, "gcp-gke-autopilot": 9.92,
	}
	var opts []policies.CostOption
	for _, p := range pricing.Platforms {
		opts = append(opts, policies.CostOption{Platform: p.ID, Cloud: p.Cloud, Model: p.Model, USD: costs[p.ID]})
	}
	for _, image := range []bool{false, true} {
		name := "code"
		if image {
			name = "image"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				curve.CostView(opts, image)
			}
		})
	}
}
