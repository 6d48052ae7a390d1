package data_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/data"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// pricing keeps its own copies of the clouds and default regions until it
// reads them from here (it may import data, and is being reworked on another
// branch); until then they must not drift.
func TestPricingCopiesMatch(t *testing.T) {
	if !slices.Equal(pricing.Clouds, data.Clouds) {
		t.Errorf("pricing.Clouds = %v, data.Clouds = %v", pricing.Clouds, data.Clouds)
	}
	if !maps.Equal(pricing.DefaultRegions, data.DefaultRegions) {
		t.Errorf("pricing.DefaultRegions = %v, data.DefaultRegions = %v", pricing.DefaultRegions, data.DefaultRegions)
	}
}

func TestEveryPatternHasAPeakFactor(t *testing.T) {
	if len(data.PeakFactors) != len(data.Patterns) {
		t.Errorf("%d peak factors for %d patterns", len(data.PeakFactors), len(data.Patterns))
	}
	for _, p := range data.Patterns {
		if data.PeakFactors[p] == "" {
			t.Errorf("no peak factor for pattern %q", p)
		}
	}
}
