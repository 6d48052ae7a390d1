package advisor_test

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

// sweepHardNeeds are the rules that may justify a recommendation far above the cheapest eligible
// option of its cloud: a requirement only the costlier model meets.
var sweepHardNeeds = map[string]bool{
	"D-STATEFUL": true, "D-CONNECTIONS": true, "D-K8S-API": true, "D-PRIVILEGED": true,
	"D-MULTI-GPU": true, "D-LARGE-INSTANCE": true, "D-PERSISTENT-VOLUME": true,
}

// sweepMaxViolations is how many swept placements may still cost more than 3x the cheapest
// eligible priced option of their cloud, by more than $50/month, without a hard need. (Before
// the cost term: 47 of the 900 placements of this sweep.)
const sweepMaxViolations = 0

// TestCostSweep scores seeded single-component workloads across the whole range (1 request a
// month to 5,000/s, 10 ms to 2 h, 128 MB to 32 GB, every pattern and trigger) and counts the
// placements that cost more than 3x the cheapest eligible priced option of the same cloud, with a
// gap above $50/month, when no hard-need rule fired: the advice must not do that silently.
func TestCostSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep")
	}
	rng := rand.New(rand.NewSource(20261206))
	patterns := []string{"steady", "diurnal", "spiky", "sporadic"}
	triggers := []string{"http", "queue", "event", "stream", "storage", "schedule", "manual"}
	complexities := []string{"simple", "moderate", "complex"}
	a := newAdvisor(t, advisor.Options{})
	const n = 300
	total, violations := 0, 0
	var report strings.Builder
	for i := 0; i < n; i++ {
		// log-uniform: requests/month from 1 to 5,000/s (1.3e10), duration 10 ms to 2 h, memory
		// 128 MB to 32 GB
		perMonth := math.Round(math.Pow(10, rng.Float64()*math.Log10(5000*2628000)))
		durMs := math.Round(math.Pow(10, 1+rng.Float64()*math.Log10(7200000/10)))
		memMB := 128 << rng.Intn(9)
		trigger := triggers[rng.Intn(len(triggers))]
		pattern := patterns[rng.Intn(len(patterns))]
		image := rng.Intn(2) == 0
		src := fmt.Sprintf(`apiVersion: hybridadvisor/v1
name: sweep-%d
components:
  - name: sweep-%d
    trigger: %s
    traffic: {requests_per_month: %.0f, pattern: %s}
    execution: {avg_duration: %dms, memory_mb: %d}
    dependencies: {complexity: %s, container_image: %t}
`, i, i, trigger, perMonth, pattern, int(durMs), memMB, complexities[rng.Intn(3)], image)
		f, err := profile.Parse(fmt.Sprintf("sweep-%d.yaml", i), []byte(src))
		if err != nil {
			t.Fatalf("sweep %d: %v\n%s", i, err, src)
		}
		arch, err := a.Architecture(context.Background(), f.Architectures[0])
		if err != nil {
			t.Fatalf("sweep %d: %v", i, err)
		}
		c := arch.Components[0]
		hard := false
		for _, p := range c.Preferences {
			hard = hard || sweepHardNeeds[p.Rule]
		}
		for cloud, rec := range c.PerCloud {
			if rec.Platform == "" || !rec.Priced {
				continue
			}
			total++
			got, _ := rec.MonthlyCostUSD.Float64()
			cheapest, at := math.Inf(1), ""
			for _, o := range c.Options {
				if o.Cloud != cloud || !o.Eligible || !o.Priced {
					continue
				}
				if v, _ := o.MonthlyCostUSD.Float64(); v < cheapest {
					cheapest, at = v, o.Platform
				}
			}
			if !hard && got > 3*cheapest && got-cheapest > 50 {
				violations++
				fmt.Fprintf(&report, "  %-4d %-5s %-8s %-8s %9.0f/mo %8dms %6dMB: %s $%.2f, %s $%.2f\n",
					i, cloud, trigger, pattern, perMonth, int(durMs), memMB, rec.Platform, got, at, cheapest)
			}
		}
	}
	t.Logf("cost sweep: %d of %d placements cost more than 3x the cheapest eligible option of their cloud (by more than $50/month) without a hard need\n%s", violations, total, report.String())
	if violations > sweepMaxViolations {
		t.Errorf("%d placements above 3x the cheapest eligible option, want at most %d", violations, sweepMaxViolations)
	}
}
