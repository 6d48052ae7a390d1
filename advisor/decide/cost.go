package decide

import (
	"math"
	"strconv"

	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// Curve is weights.cost of data/weights.yaml: the parameters of the cost term (D-COST).
type Curve struct {
	Weight           float64 // weight: what a cost ratio of infinity takes from a score
	FullGapUSD       float64 // full_gap_usd: the gap in dollars from which the ratio counts fully
	OrchestrationUSD float64 // orchestration_usd: added to orchestrated containers' cost in comparisons
	// HardNeeds are the preference rules that leave the models before theirs in model_order out
	// of the cost comparison (hard_needs).
	HardNeeds map[string]bool
}

// Key is the cost an option is compared at: its price, plus OrchestrationUSD for an orchestrated
// container.
func (k Curve) Key(model string, usd float64) float64 {
	if model == pricing.OrchestratedContainer {
		return math.Round((usd+k.OrchestrationUSD)*100) / 100 // no float noise
	}
	return usd
}

// Term is what the cost term takes from a model compared at c against the cheapest at f:
// Weight x (c - f) / (c + f) x min(1, (c - f) / FullGapUSD), rounded to 0.1.
func (k Curve) Term(c, f float64) float64 {
	if c <= f {
		return 0
	}
	gap := c - f
	return math.Round(k.Weight*gap/(c+f)*min(1, gap/k.FullGapUSD)*10) / 10
}

// Tenths is Term in tenths of a point, the unit scores are ranked in.
func (k Curve) Tenths(c, f float64) int64 { return int64(math.Round(k.Term(c, f) * 10)) }

// Relation says how a price c compares with the recommended price mine: "costs 2.5x more",
// "is 1.13x cheaper", "costs more" (than $0), "costs nothing", "costs the same".
func Relation(c, mine float64) string {
	switch {
	case c > mine && mine > 0:
		return "costs " + ratioText(c/mine) + "x more"
	case c < mine && c > 0:
		return "is " + ratioText(mine/c) + "x cheaper"
	case c > mine:
		return "costs more"
	case c < mine:
		return "costs nothing"
	}
	return "costs the same"
}

// ratioText renders a cost ratio: two decimals below 2 (1.04), one below 100 (2.4), whole above.
func ratioText(r float64) string {
	switch {
	case r < 2:
		r = math.Round(r*100) / 100
	case r < 100:
		r = math.Round(r*10) / 10
	default:
		r = math.Round(r)
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
