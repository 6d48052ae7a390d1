package gate_test

import (
	"slices"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/gate"
	"github.com/hybridadvisor/hybridadvisor/data"
)

// FuzzParseLimits: any text gives a limit or an error, never a panic; a limit
// is never negative and names a known cloud or none.
func FuzzParseLimits(f *testing.F) {
	for _, s := range []string{"500", "$1,200.50", "aws=99", " GCP = 10 ", "10%", "2.5 %", "=5", "-1", "1e999999999", "azure=", "%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if l, err := gate.ParseCostLimit(s); err == nil {
			if l.USD.Sign() < 0 || (l.Cloud != "" && !slices.Contains(data.Clouds, l.Cloud)) {
				t.Errorf("ParseCostLimit(%q) = %+v", s, l)
			}
		}
		if inc, err := gate.ParseIncrease(s); err == nil && inc.Value.Sign() < 0 {
			t.Errorf("ParseIncrease(%q) = %+v", s, inc)
		}
	})
}
