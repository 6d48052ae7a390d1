package pricing

import (
	"time"

	"github.com/shopspring/decimal"
)

// The instance model. Everything a calculator needs about *when* requests
// arrive is here; it does not depend on the volume, so a prepared calculator can
// be re-evaluated at any volume (the break-even search does exactly that).
//
//   - A month of HoursPerMonth hours is split into at most two periods: a peak
//     period at PeakRequestsPerSecond and a base period at the rate that keeps
//     the monthly total. The pattern fixes the peak's share of hours (steady:
//     none; diurnal: 30%; spiky: 5%; sporadic: bursts at the peak rate, idle
//     otherwise). When the peak rate would carry more than the month's requests
//     in that share of hours, traffic is on/off: peak rate for just long enough.
//   - In-flight requests in a period: L = rate x duration (Little's law).
//   - Instances needed: ceil(L / (concurrency x 70%)), the 70% being the target
//     utilisation an autoscaler keeps.
//   - Busy-time billing (functions, Cloud Run request-based) bills the time an
//     instance has work: requests x billed duration when requests are isolated
//     (rate x billed duration <= 1), else max(period, requests x duration /
//     max(1, concurrency x 70%)).
const (
	utilisationPct = 70
	diurnalPeakPct = 30
	spikyPeakPct   = 5
)

var (
	utilisation = decimal.New(utilisationPct, -2)
	secPerHour  = decimal.NewFromInt(3600)
)

// defaultPeakRatio is the peak/average ratio assumed when the workload gives none.
func defaultPeakRatio(pattern string) int64 {
	switch pattern {
	case "diurnal":
		return 2
	case "spiky":
		return 5
	case "sporadic":
		return 10
	}
	return 1
}

// period is a share of the month with a constant request rate.
type period struct {
	secs  decimal.Decimal // seconds in the period
	hours decimal.Decimal
	share decimal.Decimal // fraction of the month's requests
	kappa decimal.Decimal // request rate per unit of monthly volume: share / secs
}

// shape is the volume-independent traffic model of one workload.
type shape struct {
	hours    int64
	secs     decimal.Decimal // seconds in the month
	hoursDec decimal.Decimal
	pattern  string
	ratio    decimal.Decimal // peak / average
	periods  []period
	volume   decimal.Decimal // the workload's own monthly volume (>= 0)
	dur      decimal.Decimal // average duration in seconds (>= 0)
	job      bool
	// per-concurrency terms, memoised: most platforms share one concurrency
	conc []concTerms
}

// concTerms are the per-period terms that depend on an instance's concurrency.
type concTerms struct {
	c    int
	beta []decimal.Decimal // instances per unit volume: kappa x d / (C x 70%)
	satB []decimal.Decimal // saturated busy seconds per unit volume: share x d / max(1, C x 70%)
}

func (sh *shape) terms(concurrency int) *concTerms {
	c := max(1, concurrency)
	for i := range sh.conc {
		if sh.conc[i].c == c {
			return &sh.conc[i]
		}
	}
	cu := decimal.NewFromInt(int64(c)).Mul(utilisation)
	cuBusy := decimal.Max(one, cu)
	t := concTerms{c: c, beta: make([]decimal.Decimal, len(sh.periods)), satB: make([]decimal.Decimal, len(sh.periods))}
	for i, p := range sh.periods {
		t.beta[i] = p.kappa.Mul(sh.dur).DivRound(cu, 24)
		t.satB[i] = p.share.Mul(sh.dur).DivRound(cuBusy, 24)
	}
	sh.conc = append(sh.conc, t)
	return &sh.conc[len(sh.conc)-1]
}

func newShape(w *Workload, s Settings) shape {
	h := s.hours()
	sh := shape{hours: h, hoursDec: decimal.NewFromInt(h), secs: decimal.NewFromInt(h * 3600), pattern: w.Pattern}
	sh.job = w.Trigger == "schedule" || w.Trigger == "manual"
	sh.volume = w.RequestsPerMonth
	if sh.volume.Sign() < 0 {
		sh.volume = zero
	}
	sh.dur = decimal.New(max(0, int64(w.AvgDuration)), -9)

	// Peak/average ratio from the workload when it says something, else by pattern.
	sh.ratio = decimal.NewFromInt(defaultPeakRatio(w.Pattern))
	if sh.volume.Sign() > 0 && w.PeakRequestsPerSecond.Sign() > 0 {
		avg := sh.volume.Div(sh.secs)
		sh.ratio = decimal.Max(one, w.PeakRequestsPerSecond.Div(avg))
	}
	peakPct := int64(0)
	switch w.Pattern {
	case "diurnal":
		peakPct = diurnalPeakPct
	case "spiky":
		peakPct = spikyPeakPct
	case "sporadic":
		peakPct = -1 // on/off
	}
	if sh.job {
		// Runs are counted, not sized: one steady period.
		peakPct = 0
	}
	switch {
	case peakPct == 0 || sh.ratio.LessThanOrEqual(one):
		sh.periods = []period{{secs: sh.secs, share: one}}
	default:
		phi := decimal.New(peakPct, -2)
		peakShare := sh.ratio.Mul(phi) // share of requests in the peak hours
		if peakPct < 0 || peakShare.GreaterThanOrEqual(one) {
			on := sh.secs.DivRound(sh.ratio, 16)
			sh.periods = []period{{secs: on, share: one}, {secs: sh.secs.Sub(on), share: zero}}
		} else {
			peak := sh.secs.Mul(phi)
			sh.periods = []period{{secs: peak, share: peakShare}, {secs: sh.secs.Sub(peak), share: one.Sub(peakShare)}}
		}
	}
	for i := range sh.periods {
		p := &sh.periods[i]
		p.hours = p.secs.DivRound(secPerHour, 16)
		if p.secs.Sign() > 0 {
			p.kappa = p.share.DivRound(p.secs, 24)
		}
	}
	return sh
}

// plus returns a + b, without allocating when either is zero (the hot loops
// accumulate into zero and add many zero terms).
func plus(a, b decimal.Decimal) decimal.Decimal {
	switch {
	case b.IsZero():
		return a
	case a.IsZero():
		return b
	}
	return a.Add(b)
}

// billedSeconds rounds d up to the billing granularity and applies a minimum.
func billedSeconds(d time.Duration, step, min time.Duration) decimal.Decimal {
	if d < 0 {
		d = 0
	}
	if step > 0 {
		d = (d + step - 1) / step * step
	}
	if d < min {
		d = min
	}
	return decimal.New(int64(d), -9)
}

// busyModel computes busy (billable active) instance-seconds per period.
type busyModel struct {
	iso  []decimal.Decimal // requests are isolated up to this monthly volume: 1 / (kappa x billed)
	isoA []decimal.Decimal // isolated: seconds per unit volume (share x billed duration)
	satB []decimal.Decimal // saturated: seconds per unit volume
	secs []decimal.Decimal
}

func newBusyModel(sh *shape, billed decimal.Decimal, concurrency int) busyModel {
	n := len(sh.periods)
	bm := busyModel{iso: make([]decimal.Decimal, n), isoA: make([]decimal.Decimal, n), satB: sh.terms(concurrency).satB, secs: make([]decimal.Decimal, n)}
	for i, p := range sh.periods {
		bm.secs[i] = p.secs
		bm.isoA[i] = p.share.Mul(billed)
		if kb := p.kappa.Mul(billed); kb.Sign() > 0 {
			bm.iso[i] = one.DivRound(kb, 12)
		}
	}
	return bm
}

// at returns the busy seconds of period i at monthly volume v.
func (bm *busyModel) at(i int, v decimal.Decimal) decimal.Decimal {
	if bm.isoA[i].Sign() == 0 || v.Sign() <= 0 {
		return zero
	}
	if v.LessThanOrEqual(bm.iso[i]) {
		return v.Mul(bm.isoA[i])
	}
	return decimal.Max(bm.secs[i], v.Mul(bm.satB[i]))
}

// instanceModel computes instances needed per period: ceil(v x beta) with a floor.
type instanceModel struct {
	beta  []decimal.Decimal
	floor int64
}

var (
	maxInstances    = int64(1) << 40
	maxInstancesDec = decimal.NewFromInt(maxInstances)
	ceilSlack       = decimal.New(1, -9)
)

func newInstanceModel(sh *shape, concurrency int, floor int64) instanceModel {
	return instanceModel{beta: sh.terms(concurrency).beta, floor: floor}
}

// at returns the instances running in period i at monthly volume v.
func (im *instanceModel) at(i int, v decimal.Decimal) int64 {
	n := int64(0)
	if im.beta[i].Sign() > 0 && v.Sign() > 0 {
		x := v.Mul(im.beta[i])
		if x.GreaterThanOrEqual(maxInstancesDec) {
			return maxInstances
		}
		// Ceiling, forgiving representation noise so an exact fit (say
		// 1.0000000000000001) does not buy an extra instance.
		n = x.IntPart()
		if n == 0 || x.Sub(decimal.NewFromInt(n)).GreaterThan(ceilSlack) {
			n++
		}
	}
	return max(n, im.floor)
}
