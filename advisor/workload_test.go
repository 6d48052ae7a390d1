package advisor_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// TestWorkloadMarksWhatWasAssumed: each component's workload in the result
// marks a value assumed exactly when the architecture's assumptions list its
// path, with the same reason; a value the profile wrote is given, as written.
func TestWorkloadMarksWhatWasAssumed(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	res := a.Score(context.Background(), exampleSources(t), 1)
	checked, assumedSeen, givenSeen := 0, 0, 0
	for _, f := range res.Files {
		arch := f.Architecture
		if arch == nil {
			t.Fatalf("%s: %v", f.Path, f.Error)
		}
		why := map[string]string{}
		for _, as := range arch.Assumptions {
			why[as.Path] = as.Message
		}
		for i, c := range arch.Components {
			if c.Workload == nil {
				t.Fatalf("%s %s: no workload", f.Path, c.Name)
			}
			for _, fld := range c.Workload.Fields() {
				path := fmt.Sprintf("components[%d].%s", i, fld.Path)
				reason, assumed := why[path]
				if fld.Value.Assumed != assumed || fld.Value.Why != reason {
					t.Errorf("%s %s: assumed %v (%q), the assumptions say %v (%q)", f.Path, path, fld.Value.Assumed, fld.Value.Why, assumed, reason)
				}
				if fld.Value.Value == "" && fld.Path != "security.exposure" {
					t.Errorf("%s %s: no value", f.Path, path)
				}
				if assumed {
					assumedSeen++
				} else {
					givenSeen++
				}
				checked++
			}
		}
	}
	if assumedSeen == 0 || givenSeen == 0 {
		t.Errorf("%d values: %d assumed, %d given; the examples have both", checked, assumedSeen, givenSeen)
	}
	// Values keep the profile's own form.
	var shop *result.Architecture
	for _, f := range res.Files {
		if f.Path == "example:shop" {
			shop = f.Architecture
		}
	}
	w := shop.Components[0].Workload
	if w.RequestsPerMonth.Value != "45000000" || w.AvgDuration.Value != "180ms" || w.VCPU.Value != "0.5" || !w.VCPU.Assumed {
		t.Errorf("storefront: %+v", w)
	}
}
