package data_test

import (
	"testing"

	"github.com/hybridadvisor/hybridadvisor/data"
)

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
