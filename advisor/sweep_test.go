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
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/pricing"
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
	total, violations, contradictions := 0, 0, 0
	var report, contra strings.Builder
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
			if msg := breakEvenContradiction(c, cloud, rec, perMonth); msg != "" {
				contradictions++
				fmt.Fprintf(&contra, "  %-4d %-5s %-8s %-8s %9.0f/mo %8dms %6dMB: %s\n", i, cloud, trigger, pattern, perMonth, int(durMs), memMB, msg)
			}
			if !hard && got > 3*cheapest && got-cheapest > 50 {
				violations++
				fmt.Fprintf(&report, "  %-4d %-5s %-8s %-8s %9.0f/mo %8dms %6dMB: %s $%.2f, %s $%.2f\n",
					i, cloud, trigger, pattern, perMonth, int(durMs), memMB, rec.Platform, got, at, cheapest)
			}
		}
	}
	t.Logf("cost sweep: %d of %d placements cost more than 3x the cheapest eligible option of their cloud (by more than $50/month) without a hard need\n%s", violations, total, report.String())
	t.Logf("break-even sentences: %d of %d contradict the prices or the recommendation\n%s", contradictions, total, contra.String())
	if contradictions > 0 {
		t.Errorf("%d break-even sentences contradict the prices shown or the recommendation, want none", contradictions)
	}
	if violations > sweepMaxViolations {
		t.Errorf("%d placements above 3x the cheapest eligible option, want at most %d", violations, sweepMaxViolations)
	}
}

// breakEvenContradiction checks a cloud's break-even sentence against the component's own volume:
// the side it calls cheaper there (functions or containers) must be the side whose cheapest
// eligible priced option costs least, and when the recommendation takes the other side, its
// D-COST reason must say what premium is paid and why. It returns what is wrong, or "".
func breakEvenContradiction(c result.Component, cloud string, rec result.Recommendation, perMonth float64) string {
	be, ok := c.BreakEven[cloud]
	if !ok {
		return ""
	}
	var cheaperSide string
	switch be.Kind {
	case pricing.FunctionsAlways:
		cheaperSide = "function"
	case pricing.ContainersAlways:
		cheaperSide = "container"
	case pricing.Crossover:
		v, _ := be.RequestsPerMonth.Float64()
		if math.Abs(perMonth-v) <= 0.02*v {
			return "" // at the crossover itself either side may be a cent cheaper
		}
		fn := platformName(be.FunctionPlatform)
		if rest, ok := strings.CutPrefix(be.Sentence, "The costs cross more than once: at this workload's volume "); ok {
			// the stretch that holds the workload's volume, from RequestsPerMonth
			if perMonth < v {
				return fmt.Sprintf("%q starts above the workload's %.0f", be.Sentence, perMonth)
			}
			cheaperSide = "container"
			if strings.HasPrefix(rest, fn+" is cheaper") {
				cheaperSide = "function"
			}
			break
		}
		lowIsFunction := strings.Contains(be.Sentence, ") "+fn+" ")
		if !strings.HasPrefix(be.Sentence, "Below about ") {
			return fmt.Sprintf("%q: an unknown sentence form", be.Sentence)
		}
		if (perMonth < v) == lowIsFunction {
			cheaperSide = "function"
		} else {
			cheaperSide = "container"
		}
	default:
		return ""
	}
	side := func(model string) string {
		if model == pricing.Function {
			return "function"
		}
		return "container"
	}
	best := map[string]float64{"function": math.Inf(1), "container": math.Inf(1)}
	for _, o := range c.Options {
		if o.Cloud == cloud && o.Eligible && o.Priced {
			if v, _ := o.MonthlyCostUSD.Float64(); v < best[side(o.Model)] {
				best[side(o.Model)] = v
			}
		}
	}
	other := map[string]string{"function": "container", "container": "function"}[cheaperSide]
	if best[cheaperSide] > best[other]+0.01 {
		return fmt.Sprintf("%q, but the cheapest %s costs $%.2f and the cheapest %s $%.2f", be.Sentence, cheaperSide, best[cheaperSide], other, best[other])
	}
	if side(rec.Model) != cheaperSide && best[cheaperSide] < best[other] {
		for _, r := range rec.Reasons {
			if r.Rule == "D-COST" && strings.Contains(r.Message, "is recommended anyway") {
				return ""
			}
		}
		return fmt.Sprintf("%q, yet %s is recommended with no premium stated", be.Sentence, rec.Platform)
	}
	return ""
}

func platformName(id string) string {
	p, _ := pricing.PlatformByID(id)
	return p.Name
}
