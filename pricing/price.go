package pricing

import (
	"github.com/shopspring/decimal"
)

// pricer is a calculator prepared for one workload on one platform in one
// region. usages is cheap and may be called at many volumes; explain writes the
// assumptions behind the last call to usages.
type pricer interface {
	usages(v decimal.Decimal, out []usage) []usage
	explain(v decimal.Decimal, out []string) []string
}

// calcCtx is what a preparer needs.
type calcCtx struct {
	rb *regionBook
	sh *shape
	w  *Workload
	s  Settings
	p  Platform
}

// need returns the platform's meter for key, recording the first missing price in *missing.
func (c *calcCtx) need(key string, missing *string) *meter {
	m := c.rb.meter(c.p.ID, key)
	if m == nil && *missing == "" {
		*missing = "no " + c.p.ID + " price \"" + key + "\" in " + c.rb.region + " in the bundled table"
	}
	return m
}

type preparer func(c *calcCtx) (pricer, string)

// preparers maps platform IDs to their calculators. It is filled in init so the
// calculators can live next to each other by cloud.
var preparers = map[string]preparer{}

// Price prices one workload on one platform.
func (b *Book) Price(platformID string, w Workload, s Settings) Quote {
	p, ok := PlatformByID(platformID)
	if !ok {
		return Quote{Platform: Platform{ID: platformID}, Note: "unknown platform " + platformID}
	}
	sh := newShape(&w, s)
	return b.quote(p, &w, s, &sh, commonAssumptions(&sh, s))
}

// PriceAll prices the workload on every platform, in Platforms order.
func (b *Book) PriceAll(w Workload, s Settings) []Quote {
	sh := newShape(&w, s)
	common := commonAssumptions(&sh, s)
	out := make([]Quote, len(Platforms))
	for i, p := range Platforms {
		out[i] = b.quote(p, &w, s, &sh, common)
	}
	return out
}

func (b *Book) quote(p Platform, w *Workload, s Settings, sh *shape, common []string) Quote {
	region := s.regionOf(p.Cloud)
	q := Quote{Platform: p, Region: region}
	rb := b.regions[p.Cloud+"/"+region]
	if rb == nil {
		q.Note = "no " + p.Cloud + " price table for region " + region
		return q
	}
	pr, note := b.prepare(p, rb, sh, w, s)
	if pr == nil {
		q.Note = note
		return q
	}
	var buf [12]usage
	us := pr.usages(sh.volume, buf[:0])
	bl := newBill(rb, s.FreeTier, true)
	bl.lines = make([]CostLine, 0, len(us)+1)
	bl.run(us)
	q.Priced = true
	q.Monthly = bl.total
	q.Lines = bl.lines
	q.FreeTierSavings = bl.savings
	q.Assumptions = make([]string, 0, len(common)+8)
	q.Assumptions = append(q.Assumptions, common...)
	q.Assumptions = pr.explain(sh.volume, q.Assumptions)
	q.Assumptions = append(q.Assumptions, bl.estimateNotes(region)...)
	return q
}

// prepare returns the platform's calculator, or nil and what is missing.
func (b *Book) prepare(p Platform, rb *regionBook, sh *shape, w *Workload, s Settings) (pricer, string) {
	prep := preparers[p.ID]
	if prep == nil {
		return nil, "no calculator for " + p.ID
	}
	return prep(&calcCtx{rb: rb, sh: sh, w: w, s: s, p: p})
}

// commonAssumptions are the sentences every quote of a workload shares.
func commonAssumptions(sh *shape, s Settings) []string {
	out := []string{"A month is " + itoa(sh.hours) + " hours (" + num(sh.secs, 0) + " s)."}
	out = append(out, describeTraffic(sh))
	if s.FreeTier {
		out = append(out, "Free tiers are applied as if this component were alone in its account; architecture totals share each free tier once.")
	} else {
		out = append(out, "Free tiers are not applied.")
	}
	return out
}

func describeTraffic(sh *shape) string {
	v := sh.volume
	if sh.job {
		return "Job: " + num(v, 2) + " runs/month of " + seconds(sh.dur) + " each."
	}
	avg := v.DivRound(sh.secs, 6)
	head := "Traffic: " + num(v, 0) + " requests/month"
	if len(sh.periods) == 1 {
		return head + ", steady at " + num(avg, 3) + " req/s, each taking " + seconds(sh.dur) + "."
	}
	pk, base := sh.periods[0], sh.periods[1]
	peakRate := v.Mul(pk.kappa)
	s := head + ", " + sh.pattern + ": " + num(pk.hours, 1) + " peak hours at " + num(peakRate, 3) + " req/s"
	if base.share.Sign() > 0 {
		s += ", " + num(base.hours, 1) + " hours at " + num(v.Mul(base.kappa), 3) + " req/s"
	} else {
		s += ", idle the other " + num(base.hours, 1) + " hours"
	}
	return s + " (peak " + num(sh.ratio, 2) + "x the " + num(avg, 3) + " req/s average); each request takes " + seconds(sh.dur) + "."
}

// gpuUnpriced is the note for platforms without a GPU price.
func gpuUnpriced(c *calcCtx) (pricer, string) {
	return nil, "no GPU price for " + c.p.Name + " in the bundled table (the workload asks for " + itoa(int64(c.w.GPU)) + " GPU per instance)"
}

// instanceSentence describes instances per period, e.g. "2 tasks for 219 peak
// hours and 1 task for the other 511 hours".
func instanceSentence(sh *shape, counts []int64, noun string) string {
	if len(counts) == 1 || counts[0] == counts[1] {
		return plural(counts[0], noun) + " all month (" + itoa(sh.hours) + " h)"
	}
	return plural(counts[0], noun) + " for " + num(sh.periods[0].hours, 1) + " peak hours and " +
		plural(counts[1], noun) + " for the other " + num(sh.periods[1].hours, 1) + " hours"
}

// concurrencyOf returns the workload's per-instance concurrency, at least 1.
func concurrencyOf(w *Workload) int {
	return max(1, w.Concurrency)
}

// perKi is 1/1024, exactly.
var perKi = decimal.RequireFromString("0.0009765625")

// gbOf converts MB to GB (1 GB = 1,024 MB, as the clouds' examples count), exactly.
func gbOf(mb int64) decimal.Decimal { return decimal.NewFromInt(mb).Mul(perKi) }

// memGiB returns memory in GiB (MB are treated as MiB), at least min MB.
func memGiB(w *Workload, minMB int) decimal.Decimal {
	return gbOf(int64(max(w.MemoryMB, minMB)))
}

// vcpuOf returns the workload's vCPU, at least min.
func vcpuOf(w *Workload, min decimal.Decimal) decimal.Decimal {
	if w.VCPU.LessThan(min) {
		return min
	}
	return w.VCPU
}
