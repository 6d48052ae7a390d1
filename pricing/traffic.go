package pricing

import (
	"time"
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
//   - Instances needed: ceil(L / capacity), capacity being what one instance
//     serves at its autoscaler's target: the lower of concurrency x concurrency
//     target and vCPU / CPU fraction x CPU target (see capacity in scaling.go;
//     the targets are per platform, data/scaling.yaml).
//   - Busy-time billing (functions, Cloud Run request-based) bills the time an
//     instance has work. One request per instance: requests x billed duration
//     while requests are isolated (rate x billed duration <= 1), else
//     max(period, requests x duration). Shared instances: the union of the
//     requests' busy time, period x (1 - e^(-rate x billed)) for Poisson
//     arrivals on one instance, or the saturated requests x duration /
//     max(1, capacity) when more than one instance is needed, whichever is more.
const (
	diurnalPeakPct = 30
	spikyPeakPct   = 5
)

var secPerHour = decInt(3600)

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
	secs  dec // seconds in the period
	hours dec
	share dec // fraction of the month's requests
	kappa dec // request rate per unit of monthly volume: share / secs
}

// maxPeriods is the most periods a month is split into (peak and base).
const maxPeriods = 2

// shape is the volume-independent traffic model of one workload.
type shape struct {
	hours    int64
	secs     dec // seconds in the month
	hoursDec dec
	pattern  string
	ratio    dec // peak / average
	pa       [maxPeriods]period
	np       int // periods in pa
	volume   dec // the workload's own monthly volume (>= 0)
	dur      dec // average duration in seconds (>= 0)
	job      bool
	// per-capacity terms, memoised: several platforms share one capacity
	conc  [4]concTerms
	nconc int
	more  []concTerms
	// busy models, memoised by billed duration and concurrency (Cloud Run
	// and Cloud Run functions share theirs)
	busy  [6]busyMemo
	nbusy int
	// the periods for the usage code, exact and in float64
	pd   periodsOf[dec]
	pf   periodsOf[flt] // see fltPeriods
	pfOK bool
}

// fltPeriods returns the periods in float64, converted on first use: only the
// break-even search needs them.
func (sh *shape) fltPeriods() *periodsOf[flt] {
	if !sh.pfOK {
		sh.pf = periodsOf[flt]{np: sh.np, secs: toFlts(sh.pd.secs), hours: toFlts(sh.pd.hours), share: toFlts(sh.pd.share), monthHours: toFlt(sh.hoursDec)}
		sh.pfOK = true
	}
	return &sh.pf
}

// periodsOf is what usages at a volume need of the month's periods.
type periodsOf[N number[N]] struct {
	np                 int
	secs, hours, share [maxPeriods]N
	monthHours         N
}

// instanceHours returns the instance-hours of the instances im runs at v,
// recording each period's count in counts.
func (pv *periodsOf[N]) instanceHours(im *instanceModelOf[N], v N, counts *[maxPeriods]int64) N {
	var hours N
	fromInt := kitOf[N]().fromInt
	for i := range pv.np {
		n := im.at(i, v)
		counts[i] = n
		hours = nplus(hours, fromInt(n).Mul(pv.hours[i]))
	}
	return hours
}

type busyMemo struct {
	billed dec
	cap    dec
	union  bool
	bm     busyModel
}

// periods returns the month's periods (one or two).
func (sh *shape) periods() []period { return sh.pa[:sh.np] }

// concTerms are the per-period terms that depend on an instance's capacity
// (requests it serves at once at its autoscaler's target).
type concTerms struct {
	cap  dec
	beta [maxPeriods]dec // instances per unit volume: kappa x d / capacity
	satB [maxPeriods]dec // saturated busy seconds per unit volume: share x d / max(1, capacity)
}

func (sh *shape) terms(cu dec) *concTerms {
	for i := range sh.nconc {
		if sh.conc[i].cap.Equal(cu) {
			return &sh.conc[i]
		}
	}
	for i := range sh.more {
		if sh.more[i].cap.Equal(cu) {
			return &sh.more[i]
		}
	}
	cuBusy := decMax(xOne, cu)
	t := concTerms{cap: cu}
	for i := range sh.np {
		p := &sh.pa[i]
		t.beta[i] = p.kappa.Mul(sh.dur).DivRound(cu, 24)
		t.satB[i] = p.share.Mul(sh.dur).DivRound(cuBusy, 24)
	}
	if sh.nconc < len(sh.conc) {
		sh.conc[sh.nconc] = t
		sh.nconc++
		return &sh.conc[sh.nconc-1]
	}
	sh.more = append(sh.more, t)
	return &sh.more[len(sh.more)-1]
}

func newShape(w *Workload, s Settings) shape {
	var sh shape
	sh.init(w, s)
	return sh
}

// init sets sh to the shape of w under s.
func (sh *shape) init(w *Workload, s Settings) {
	h := s.hours()
	more := sh.more[:0]
	*sh = shape{hours: h, hoursDec: decInt(h), secs: decInt(h * 3600), pattern: w.Pattern, more: more}
	sh.job = w.Trigger == "schedule" || w.Trigger == "manual"
	sh.volume = decOf(w.RequestsPerMonth)
	if sh.volume.Sign() < 0 {
		sh.volume = zero
	}
	sh.dur = decNew(max(0, int64(w.AvgDuration)), -9)

	// Peak/average ratio from the workload when it says something, else by pattern.
	sh.ratio = decInt(defaultPeakRatio(w.Pattern))
	if sh.volume.Sign() > 0 && w.PeakRequestsPerSecond.Sign() > 0 {
		peak := decOf(w.PeakRequestsPerSecond)
		avg := sh.volume.Div(sh.secs)
		sh.ratio = decMax(xOne, peak.Div(avg))
		if r, ok := derivedRatio(sh.volume, sh.secs, peak, sh.ratio); ok {
			sh.ratio = r
		}
	}
	peakPct := int64(0)
	switch w.Pattern {
	case "diurnal":
		peakPct = diurnalPeakPct
	case "spiky":
		peakPct = spikyPeakPct
	case "sporadic":
		peakPct = -1 // on/off
	case "steady":
		if w.PeakGiven {
			// A peak written for a steady load is honoured: it is assumed
			// to last the diurnal share of hours (the model has no other).
			peakPct = diurnalPeakPct
		}
	}
	if sh.job {
		// Runs are counted, not sized: one steady period.
		peakPct = 0
	}
	switch {
	case peakPct == 0 || sh.ratio.LessThanOrEqual(xOne):
		sh.pa[0], sh.np = period{secs: sh.secs, share: xOne}, 1
	default:
		phi := decNew(peakPct, -2)
		peakShare := sh.ratio.Mul(phi) // share of requests in the peak hours
		if peakPct < 0 || peakShare.GreaterThanOrEqual(xOne) {
			on := sh.secs.DivRound(sh.ratio, 16)
			sh.pa[0], sh.pa[1] = period{secs: on, share: xOne}, period{secs: sh.secs.Sub(on), share: zero}
		} else {
			peak := sh.secs.Mul(phi)
			sh.pa[0], sh.pa[1] = period{secs: peak, share: peakShare}, period{secs: sh.secs.Sub(peak), share: xOne.Sub(peakShare)}
		}
		sh.np = 2
	}
	for i := range sh.np {
		p := &sh.pa[i]
		p.hours = p.secs.DivRound(secPerHour, 16)
		if p.secs.Sign() > 0 {
			p.kappa = p.share.DivRound(p.secs, 24)
		}
	}
	sh.pd = periodsOf[dec]{np: sh.np, monthHours: sh.hoursDec}
	for i := range sh.np {
		sh.pd.secs[i], sh.pd.hours[i], sh.pd.share[i] = sh.pa[i].secs, sh.pa[i].hours, sh.pa[i].share
	}
}

// rateDecimals is how many decimals the profile parser keeps of an average
// rate it derives from requests_per_month (advisor/profile: rateDecimals).
const rateDecimals = 9

// derivedRatio recognises a peak rate that was derived from the month's volume
// rather than given: the average rate rounded to rateDecimals decimals, times a
// factor of at most six significant digits (the profile parser's defaults are
// 1.5, 3, 10 and 20 times the average). It returns that factor as the exact
// peak/average ratio, so the month's requests (RequestsPerMonth, the source of
// truth) split into the periods exactly: dividing the rounded peak by the
// exact average instead gives a ratio such as 2.9999999999592, and quantities
// such as 664,200.00005508 vCPU-s. The test is exact equality, so a peak given
// by hand is never moved (unless it is, digit for digit, such a multiple, and
// then the factor is what it means).
func derivedRatio(volume, secs, peak, ratio dec) (dec, bool) {
	if peak.IsInteger() || ratio.LessThanOrEqual(xOne) {
		return ratio, false // a whole rate is not a derived one (or divides exactly anyway); no peak
	}
	avg := volume.DivRound(secs, rateDecimals)
	if avg.Sign() <= 0 {
		return ratio, false
	}
	intDigits := int32(1) // digits before the point: ratio > 1
	for n := ratio.IntPart(); n >= 10; n /= 10 {
		intDigits++
	}
	for sig := int32(1); sig <= 6; sig++ {
		f := ratio.Round(sig - intDigits)
		if f.GreaterThan(xOne) && avg.Mul(f).Equal(peak) {
			return f, true
		}
	}
	return ratio, false
}

// billedSeconds rounds d up to the billing granularity and applies a minimum.
func billedSeconds(d time.Duration, step, min time.Duration) dec {
	if d < 0 {
		d = 0
	}
	if step > 0 {
		d = (d + step - 1) / step * step
	}
	if d < min {
		d = min
	}
	return decNew(int64(d), -9)
}

// busyModel computes busy (billable active) instance-seconds per period.
type busyModelOf[N number[N]] struct {
	iso   [maxPeriods]N // requests are isolated up to this monthly volume: 1 / (kappa x billed)
	isoA  [maxPeriods]N // isolated: seconds per unit volume (share x billed duration)
	satB  [maxPeriods]N // saturated: seconds per unit volume
	kb    [maxPeriods]N // kappa x billed: arrivals per billed duration per unit volume
	secs  [maxPeriods]N
	union bool // instances are shared: bill the union of overlapping requests
}

type busyModel = busyModelOf[dec]

// newBusyModel prepares the busy time of requests billed for billed seconds
// each on instances of capacity cu. union selects the shared-instance model
// (concurrency above 1); otherwise each request has an instance to itself.
func newBusyModel(sh *shape, billed, cu dec, union bool) busyModel {
	for i := range sh.nbusy {
		// Same value and exponent: the model built from it is the same, digit for digit.
		if m := &sh.busy[i]; m.union == union && m.billed.Equal(billed) && m.billed.Exponent() == billed.Exponent() && m.cap.Equal(cu) {
			return m.bm
		}
	}
	bm := busyModel{satB: sh.terms(cu).satB, union: union}
	for i := range sh.np {
		p := &sh.pa[i]
		bm.secs[i] = p.secs
		bm.isoA[i] = p.share.Mul(billed)
		if kb := p.kappa.Mul(billed); kb.Sign() > 0 {
			bm.kb[i] = kb
			if !union { // only the one-request-per-instance model asks (a costly division)
				bm.iso[i] = xOne.DivRound(kb, 12)
			}
		}
	}
	if sh.nbusy < len(sh.busy) {
		sh.busy[sh.nbusy] = busyMemo{billed: billed, cap: cu, union: union, bm: bm}
		sh.nbusy++
	}
	return bm
}

// fltBusy is the model in float64, for the break-even search.
func fltBusy(bm *busyModel) busyModelOf[flt] {
	return busyModelOf[flt]{iso: toFlts(bm.iso), isoA: toFlts(bm.isoA), satB: toFlts(bm.satB), kb: toFlts(bm.kb), secs: toFlts(bm.secs), union: bm.union}
}

// at returns the busy seconds of period i at monthly volume v.
//
// Shared instances: requests arriving at random (Poisson, rate lambda) on one
// instance keep it busy a share 1 - e^(-lambda x billed) of the period;
// summing each request's billed time instead counts overlaps twice (58% too
// much at lambda x billed = 1). Once one instance is not enough, the fleet is
// busy for at least requests x duration / capacity. Both terms grow with v,
// and so does their maximum (the break-even search needs that).
func (bm *busyModelOf[N]) at(i int, v N) N {
	var z N
	if bm.isoA[i].Sign() == 0 || v.Sign() <= 0 {
		return z
	}
	if bm.union {
		return nmax(bm.secs[i].Mul(kitOf[N]().busyShare(v.Mul(bm.kb[i]))), v.Mul(bm.satB[i]))
	}
	if v.LessThanOrEqual(bm.iso[i]) {
		return v.Mul(bm.isoA[i])
	}
	return nmax(bm.secs[i], v.Mul(bm.satB[i]))
}

// instanceModel computes instances needed per period: ceil(v x beta) with a floor.
type instanceModelOf[N number[N]] struct {
	beta  [maxPeriods]N
	floor int64
}

type instanceModel = instanceModelOf[dec]

var (
	maxInstances    = int64(1) << 40
	maxInstancesDec = decInt(maxInstances)
	ceilSlack       = decNew(1, -9)
)

// newInstanceModel sizes a fleet of instances of capacity cu (see capacity).
func newInstanceModel(sh *shape, cu dec, floor int64) instanceModel {
	return instanceModel{beta: sh.terms(cu).beta, floor: floor}
}

// fltInstances is the model in float64, for the break-even search.
func fltInstances(im *instanceModel) instanceModelOf[flt] {
	return instanceModelOf[flt]{beta: toFlts(im.beta), floor: im.floor}
}

// at returns the instances running in period i at monthly volume v.
func (im *instanceModelOf[N]) at(i int, v N) int64 {
	n := int64(0)
	if im.beta[i].Sign() > 0 && v.Sign() > 0 {
		k := kitOf[N]()
		x := v.Mul(im.beta[i])
		if x.GreaterThanOrEqual(k.maxInstances) {
			return maxInstances
		}
		// Ceiling, forgiving representation noise so an exact fit (say
		// 1.0000000000000001) does not buy an extra instance.
		n = x.IntPart()
		if n == 0 || x.Sub(k.fromInt(n)).GreaterThan(k.ceilSlack) {
			n++
		}
	}
	return max(n, im.floor)
}
