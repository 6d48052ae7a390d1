package pricing

import (
	"github.com/shopspring/decimal"
	"slices"

	"math"
	"sync"
	"sync/atomic"
)

// Break-even search.
//
// Let A be the cheaper side at 1 request/month (the cheapest eligible function,
// or the cheapest eligible container; ties go to functions) and B the other.
// Every platform's cost is monotone non-decreasing in volume (a test checks it):
// straight stretches between kinks (free tiers, volume tiers, a change of
// billing regime) and, where instances or nodes are paid for, stair steps. A
// overtakes the cheapest of the B curves where it first overtakes any one of
// them, so each B curve is chased on its own:
//
//	v := 1; y := B(1)
//	loop: v' := lowest volume with A(v') >= y  (A alone: secant steps, exact on straight stretches)
//	      if A(v') >= B(v') return v'          (nothing below v' can cross: A < y <= B there)
//	      y := B(v'); v := v'
//
// Each step climbs at least one stair of B and rests on monotonicity alone.
// v' is first bracketed to 1e-4; a bracket that holds the crossing, or in
// which B may step under A, is closed to the request, so the volume returned
// is exact. The chases of the B curves advance together, lowest y first, so a
// crossing found early bounds the others. Only on curves without stairs
// (stairPricer), and only in a chase's first steps (then every 16th): when the
// gap between the sides closes linearly the crossing is solved from three
// points; when the sides run parallel, stretches where both are straight
// (checked at four points) are skipped whole. Where they cost exactly the
// same, the end of the tie is found by bisection. A typical component needs a
// few dozen cost evaluations per cloud.
//
// Costs are compared exactly (decimal, unrounded: cent rounding would move the
// crossing by less than a cent's worth of requests). Volumes are whole numbers
// of requests, and the arithmetic that only chooses where to look next is done
// in float64; every decision rests on exact comparisons.

const (
	beMinV       = int64(1)
	beMaxV       = int64(1_000_000_000_000)
	beTolDiv     = 10_000  // a chase step first brackets where A reaches y to 1e-4 (a crossing is then closed exactly)
	beMaxChase   = 64      // chase steps that may take the straight-line shortcuts (then every 16th)
	beMaxSteps   = 1 << 16 // chase steps before a chase is settled unproven (see advance)
	beMaxInverse = 64
)

var (
	beMin = decInt(beMinV)
	beMax = decInt(beMaxV)
)

// Break-even kinds.
const (
	Crossover        = "crossover"
	FunctionsAlways  = "functions-always"
	ContainersAlways = "containers-always"
	NotApplicable    = "not-applicable"
)

// curve is a prepared platform whose cost can be evaluated at any volume.
type curveOf[N number[N]] struct {
	p  Platform
	pr pricer
	fd frontDoor // the platform's front door: it differs by platform, so it counts
	// Costs never fall as volume grows, so a cost seen at volume u bounds the
	// curve from below at every v >= u; side.at uses that to skip curves that
	// cannot be the cheapest.
	u     int64
	cu    N
	c1    N // cost at 1 request: a bound for every volume
	seen1 bool
}

// side is the cheapest of a set of curves, its costs exact (dec)
// or the float64 approximations the search steers by (flt).
type sideOf[N number[N]] struct {
	curves   []curveOf[N]
	rb       *regionBook
	freeTier bool
	price    func(sd *sideOf[N], c *curveOf[N], v int64) N // one curve's cost at v: exactCost (nil) or floatCost
	buf      []usage
	fbuf     []use[flt]
	bill     costBill[N]   // reused
	exact    costBill[dec] // for floatCost of a pricer without float quantities
	best     int           // the curve cheapest at the last volume evaluated
	evals    *int          // cost evaluations, for tests
	memo     []memoCost[N] // costs already computed, by volume
	// twin is the same curves in float64: an exact side with a twin evaluates
	// only the curves the float64 costs leave in the running (see farCurves).
	twin *sideOf[flt]
}

// side and curve are the exact kinds.
type (
	side  = sideOf[dec]
	curve = curveOf[dec]
)

// memoScan is how many of the latest costs a side looks up before evaluating.
// A float64 cost is about as cheap as a long scan: its side looks up fewer.
const (
	memoScan    = 48
	memoScanFlt = 6
)

type memoCost[N number[N]] struct {
	v    int64
	cost N
	idx  int
}

// at returns the cheapest unrounded cost at v and the index of that curve.
func (sd *sideOf[N]) at(v int64) (N, int) {
	// The latest few dozen entries: a scan beats a map, and a search asks again
	// for volumes it has just seen (a long chase's older ones are dropped).
	scan := memoScan
	if _, ok := any(sd).(*sideOf[flt]); ok {
		scan = memoScanFlt
	}
	for i := len(sd.memo) - 1; i >= max(0, len(sd.memo)-scan); i-- {
		if m := &sd.memo[i]; m.v == v {
			sd.best = m.idx
			return m.cost, m.idx
		}
	}
	var best N
	bi := -1
	var far [8]bool
	if sd.twin != nil && len(sd.curves) <= len(far) {
		farCurves(sd.twin, v, far[:len(sd.curves)])
	}
	for k := range sd.curves {
		// Start with the curve that was cheapest last time: it usually still is,
		// and its cost lets the others be skipped.
		i := (sd.best + k) % len(sd.curves)
		c := &sd.curves[i]
		if i < len(far) && far[i] {
			continue
		}
		if c.u == v && c.seen1 {
			// Its cost here is known.
			if bi < 0 || c.cu.LessThan(best) || (c.cu.Equal(best) && i < bi) {
				best, bi = c.cu, i
			}
			continue
		}
		if bi >= 0 && c.seen1 {
			bound := c.c1
			if v >= c.u {
				bound = c.cu
			}
			if bound.GreaterThanOrEqual(best) {
				continue
			}
		}
		cost := sd.eval(c, v)
		if bi < 0 || cost.LessThan(best) || (cost.Equal(best) && i < bi) {
			best, bi = cost, i
		}
	}
	sd.best = bi
	if len(sd.memo) >= 4*scan {
		sd.memo = sd.memo[:copy(sd.memo, sd.memo[len(sd.memo)-scan:])]
	}
	sd.memo = append(sd.memo, memoCost[N]{v, best, bi})
	return best, bi
}

// farCurves marks the curves of tw whose float64 cost at v is above the
// cheapest's by more than float64 error can explain (nearTie): their exact
// costs cannot be the cheapest, so an exact side with twin tw skips them.
func farCurves(tw *sideOf[flt], v int64, far []bool) {
	var fc [8]float64
	fmin := math.Inf(1)
	for i := range tw.curves {
		fc[i] = float64(tw.eval(&tw.curves[i], v))
		fmin = min(fmin, fc[i])
	}
	limit := fmin + nearTie*math.Abs(fmin) + farSlack
	for i := range far {
		far[i] = fc[i] > limit
	}
}

// farSlack is an absolute margin (dollars) for float64 costs near zero. Their
// error there comes from free-tier allowances cancelling usage (qty - free,
// both under 10^10 units at under $10^-4 each): about 10^-15 dollars, so
// 10^-10 leaves five orders of magnitude. It must stay far below one
// request's cost (10^-7 dollars and up), or every check next to a crossing
// falls back to exact costs.
const farSlack = 1e-10

// eval prices curve c at v, cost only: no lines, no sentences, no allocation.
func (sd *sideOf[N]) eval(c *curveOf[N], v int64) N {
	if sd.price == nil {
		sd.price = any(exactCost).(func(*sideOf[N], *curveOf[N], int64) N)
	}
	cost := sd.price(sd, c, v)
	if sd.evals != nil {
		*sd.evals++
	}
	switch {
	case v == beMinV:
		c.c1, c.seen1 = cost, true
		if c.u == 0 {
			c.u, c.cu = v, cost
		}
	case v >= c.u:
		c.u, c.cu = v, cost
	}
	return cost
}

// exactCost is c's exact, unrounded cost at v.
func exactCost(sd *sideOf[dec], c *curveOf[dec], v int64) dec {
	vd := decInt(v)
	if sd.buf == nil {
		sd.buf = make([]usage, 0, 12)
	}
	sd.buf = c.pr.usages(vd, sd.buf[:0])
	sd.buf = c.fd.usages(vd, sd.buf)
	sd.bill.k, sd.bill.rb, sd.bill.freeTier = decKit, sd.rb, sd.freeTier
	return sd.bill.run(sd.buf)
}

// floatPricer is a pricer that can also compute its quantities in float64.
type floatPricer interface {
	usagesF(v flt, out []use[flt]) []use[flt]
}

// floatCost approximates c's cost at v in float64; a pricer without float
// quantities is priced exactly and the cost approximated.
func floatCost(sd *sideOf[flt], c *curveOf[flt], v int64) flt {
	fp, ok := c.pr.(floatPricer)
	if !ok {
		vd := decInt(v)
		if sd.buf == nil {
			sd.buf = make([]usage, 0, 12)
		}
		sd.buf = c.pr.usages(vd, sd.buf[:0])
		sd.buf = c.fd.usages(vd, sd.buf)
		sd.exact.k, sd.exact.rb, sd.exact.freeTier = decKit, sd.rb, sd.freeTier
		return toFlt(sd.exact.run(sd.buf))
	}
	if sd.fbuf == nil {
		sd.fbuf = make([]use[flt], 0, 12)
	}
	sd.fbuf = fp.usagesF(flt(v), sd.fbuf[:0])
	sd.fbuf = c.fd.usagesF(flt(v), sd.fbuf)
	sd.bill.k, sd.bill.rb, sd.bill.freeTier = fltKit, sd.rb, sd.freeTier
	return sd.bill.run(sd.fbuf)
}

// costx is the cheapest unrounded cost at v.
func (sd *sideOf[N]) costx(v int64) N {
	c, _ := sd.at(v)
	return c
}

// reset readies a (pooled) side for a new search.
func (sd *sideOf[N]) reset(price func(*sideOf[N], *curveOf[N], int64) N, rb *regionBook, freeTier bool, evals *int) {
	sd.curves, sd.memo = sd.curves[:0], sd.memo[:0]
	sd.rb, sd.freeTier, sd.evals, sd.best, sd.price, sd.twin = rb, freeTier, evals, 0, price, nil
}

// cost is costx.
func (sd *sideOf[N]) cost(v int64) N { return sd.costx(v) }

// BreakEven finds, for one component on one cloud, the monthly volume at which
// the cheapest eligible function and the cheapest eligible container cost the
// same. eligible may be nil (every priced platform is eligible).
func (b *Book) BreakEven(w Workload, s Settings, cloud string, eligible func(platformID string) bool) BreakEven {
	be, _ := b.breakEven(w, s, cloud, eligible)
	return be
}

// breakEven also returns how many cost evaluations the search took.
func (b *Book) breakEven(w Workload, s Settings, cloud string, eligible func(platformID string) bool) (BreakEven, int) {
	return b.breakEvenOn(w, s, cloud, eligible, false)
}

// breakEvenOn is breakEven, on exact costs only if exactOnly.
func (b *Book) breakEvenOn(w Workload, s Settings, cloud string, eligible func(platformID string) bool, exactOnly bool) (BreakEven, int) {
	be := BreakEven{Cloud: cloud, Kind: NotApplicable, RequestsPerMonth: decimal.Decimal{}}
	region := s.regionOf(cloud)
	rb := b.region(cloud, region)
	if rb == nil {
		be.Sentence = "No " + cloud + " price table for region " + region + "."
		return be, 0
	}
	cl := newCalc(&w, s)
	st := searchPool.Get().(*search)
	defer searchPool.Put(st)
	st.exactOnly, st.evals, st.reruns, st.alike = exactOnly, 0, 0, [8]bool{}
	be = b.searchBreakEven(cl, st, be, rb, cloud, eligible, nil)
	breakEvenReruns.Add(int64(st.reruns))
	return be, st.evals
}

// BreakEven is Book.BreakEven on the prepared calculators.
func (pp *Prepared) BreakEven(cloud string, eligible func(platformID string) bool) BreakEven {
	if !slices.Contains(Clouds, cloud) {
		return pp.b.BreakEven(pp.cl.w, pp.cl.ctx.s, cloud, eligible)
	}
	be := BreakEven{Cloud: cloud, Kind: NotApplicable, RequestsPerMonth: decimal.Decimal{}}
	ci := cloudIndex(cloud)
	rb := pp.rbs[ci]
	if rb == nil {
		be.Sentence = "No " + cloud + " price table for region " + pp.regions[ci] + "."
		return be
	}
	st := searchPool.Get().(*search)
	defer searchPool.Put(st)
	st.exactOnly, st.evals, st.reruns, st.alike = false, 0, 0, [8]bool{}
	be = pp.b.searchBreakEven(&pp.cl, st, be, rb, cloud, eligible, pp)
	breakEvenReruns.Add(int64(st.reruns))
	return be
}

// searchPool keeps searches for reuse: their sides' buffers survive.
var searchPool = sync.Pool{New: func() any { return new(search) }}

// breakEvenReruns counts re-run searches, for tests.
var breakEvenReruns atomic.Int64

// search is the state of one break-even search.
type search struct {
	fns, ctrs   sideOf[dec] // exact costs: every decision
	ffns, fctrs sideOf[flt] // float64 costs: where to look
	fone        sideOf[flt] // one curve alone (the priced-alike check)
	modes       [2]runMode  // Cloud Run's billing modes as break-even curves
	evals       int
	alike       [8]bool // containers priced exactly like the functions (see chaseAll's skip)
	fchase      []chaser[flt]
	reruns      int  // searches re-run on exact costs after a failed check
	exactOnly   bool // search on exact costs only (tests compare)
}

// searchBreakEven is breakEven on a calculation holding the workload.
//
// The chase and the scan for further crossings run on float64 costs; what they
// find is then checked exactly: the cheaper side must flip between the volume
// found and the one below it (and not flip at the ends when nothing was found).
// If a check fails, the search runs again on exact costs.
//
// pp, when not nil, holds the calculators already prepared.
func (b *Book) searchBreakEven(cl *calc, st *search, be BreakEven, rb *regionBook, cloud string, eligible func(platformID string) bool, pp *Prepared) BreakEven {
	s, sh, evals := cl.ctx.s, &cl.sh, &st.evals
	fns, ctrs := &st.fns, &st.ctrs
	fns.reset(exactCost, rb, s.FreeTier, evals)
	ctrs.reset(exactCost, rb, s.FreeTier, evals)
	ffns, fctrs := &st.ffns, &st.fctrs
	ffns.reset(floatCost, rb, s.FreeTier, evals)
	fctrs.reset(floatCost, rb, s.FreeTier, evals)
	if !st.exactOnly {
		fns.twin, ctrs.twin = ffns, fctrs
	}
	c := &cl.ctx
	c.rb = rb
	for i, p := range Platforms {
		if p.Cloud != cloud || (eligible != nil && !eligible(p.ID)) {
			continue
		}
		var pr pricer
		var fd frontDoor
		if pp != nil {
			pr, fd = pp.prs[i], pp.fds[i]
		} else {
			pr, fd, _ = prepareWithDoor(c, rb, p)
		}
		if pr == nil {
			continue
		}
		sd, fsd := ctrs, fctrs
		if p.Model == Function {
			sd, fsd = fns, ffns
		}
		if rp, ok := pr.(*runPricer); ok && rp.instCPU != nil && !rp.job {
			// Cloud Run's two billing modes are two curves (see runMode).
			st.modes = [2]runMode{{p: rp}, {p: rp, instance: true}}
			sd.curves = append(sd.curves, curveOf[dec]{p: p, pr: &st.modes[0], fd: fd}, curveOf[dec]{p: p, pr: &st.modes[1], fd: fd})
			fsd.curves = append(fsd.curves, curveOf[flt]{p: p, pr: &st.modes[0], fd: fd}, curveOf[flt]{p: p, pr: &st.modes[1], fd: fd})
			continue
		}
		sd.curves = append(sd.curves, curveOf[dec]{p: p, pr: pr, fd: fd})
		fsd.curves = append(fsd.curves, curveOf[flt]{p: p, pr: pr, fd: fd})
	}
	unit := "requests"
	if sh.job {
		unit = "runs"
	}
	cloudName := cloudNames[cloud]
	switch {
	case len(fns.curves) == 0 && len(ctrs.curves) == 0:
		be.Sentence = "No eligible, priced platform on " + cloudName + "."
		return be
	case len(fns.curves) == 0:
		be.Sentence = "No eligible, priced function platform on " + cloudName + ", so there is no break-even."
		return be
	case len(ctrs.curves) == 0:
		be.Sentence = "No eligible, priced container platform on " + cloudName + ", so there is no break-even."
		return be
	}
	// Every curve once at 1 request: the lower bounds the sides prune with.
	for _, sd := range [2]*sideOf[flt]{ffns, fctrs} {
		for i := range sd.curves {
			sd.eval(&sd.curves[i], beMinV)
		}
	}
	// Ties go to functions: "functions win" means f <= c. The crossing is the
	// lowest volume where that flips: where f > c (strict) when functions win
	// at 1 request, else where f <= c.
	funcsFirst, tie := st.compare(beMinV)
	a, others := fns, ctrs
	fa, fothers := ffns, fctrs
	if !funcsFirst {
		a, others = ctrs, fns
		fa, fothers = fctrs, ffns
	}
	fa1 := float64(fa.costx(beMinV))
	ref := min(max(sh.volume.IntPart(), beMinV), beMaxV)
	if sh.volume.GreaterThan(beMax) {
		ref = beMaxV
	}
	// A curve priced exactly like A (Cloud Run request-based and Cloud Run
	// functions) is never strictly cheaper: it is not chased. Alike means equal
	// costs at both ends and at the workload's volume: exact costs on an
	// exact-only search, else float64 costs within their noise (a curve taken
	// for alike by mistake would show in the exact check of the result, and
	// the search would run again on exact costs).
	var skip [8]bool
	if funcsFirst {
		for i := range others.curves {
			if i >= len(skip) || !st.exactOnly && !nearlyEqual(float64(fothers.curves[i].c1), fa1) {
				continue
			}
			if !st.exactOnly {
				fone := &st.fone
				fone.reset(floatCost, rb, s.FreeTier, evals)
				fone.curves = append(fone.curves[:0], fothers.curves[i])
				same := func(v int64) bool {
					x, y := fone.costx(v), fa.costx(v)
					return math.Abs(float64(x-y)) <= floatNoise(x, y)
				}
				skip[i] = same(beMinV) && same(beMaxV) && same(ref)
				continue
			}
			var one side
			one.reset(exactCost, rb, s.FreeTier, evals)
			one.curves = append(one.curves, others.curves[i])
			skip[i] = one.costx(beMinV).Equal(a.costx(beMinV)) && one.costx(beMaxV).Equal(a.costx(beMaxV)) && one.costx(ref).Equal(a.costx(ref))
		}
	}
	if funcsFirst {
		st.alike = skip
	}
	var v int64
	var found bool
	if !st.exactOnly {
		v, found = chaseAll(fa, fothers, funcsFirst, skip[:], rb, s.FreeTier, evals, &st.fchase)
	}
	// The exact check of what the float64 search found: the cheaper side at
	// the volume found, exactly; the volume below it is compared on float64
	// costs, exactly only when they are within nearTie.
	exact := func(x int64) bool { return funcsCheaper(fns, ctrs, x) }
	if st.exactOnly {
		v, found = chaseAll(a, others, funcsFirst, skip[:], rb, s.FreeTier, evals, nil)
	} else if found && (exact(v) == funcsFirst || v > beMinV && st.cheaper(v-1) != funcsFirst) ||
		!found && (st.cheaper(beMaxV) != funcsFirst || exact(ref) != funcsFirst) {
		st.reruns++
		v, found = chaseAll(a, others, funcsFirst, skip[:], rb, s.FreeTier, evals, nil)
	}
	if !found {
		// Name the platforms cheapest at the workload's own volume.
		_, fi := fns.at(ref)
		_, ci := ctrs.at(ref)
		be.FunctionPlatform, be.ContainerPlatform = fns.curves[fi].p.ID, ctrs.curves[ci].p.ID
		fn, cn := fns.curves[fi].p.Name, ctrs.curves[ci].p.Name
		if funcsFirst {
			be.Kind = FunctionsAlways
			be.Sentence = fn + " is cheaper than " + cn + " at every volume from 1 to " + short(beMax) + " " + unit + "/month."
		} else {
			be.Kind = ContainersAlways
			be.Sentence = cn + " is cheaper than " + fn + " at every volume from 1 to " + short(beMax) + " " + unit + "/month."
		}
		return be
	}
	if ref > v && st.cheaper(ref) == funcsFirst {
		// The curves cross back before the workload's own volume: the first
		// crossing would tell the wrong side there. Describe the stretch around it.
		return crossings(be, st, ref, v, sh.secs, unit)
	}
	_, fi := fns.at(v)
	_, ci := ctrs.at(v)
	vd := decInt(v)
	be.Kind, be.RequestsPerMonth = Crossover, vd.Shop()
	be.FunctionPlatform, be.ContainerPlatform = fns.curves[fi].p.ID, ctrs.curves[ci].p.ID
	fn, cn := fns.curves[fi].p.Name, ctrs.curves[ci].p.Name
	low, high := fn, cn
	if !funcsFirst {
		low, high = cn, fn
	}
	cheaper := " is cheaper than "
	if tie {
		cheaper = " costs no more than "
	}
	rate := vd.DivRound(sh.secs, 9)
	be.Sentence = "Below about " + short(vd) + " " + unit + "/month (" + sig3(rate) + " " + perSecond(unit) + ") " + low +
		cheaper + high + "; above it, " + high + " is cheaper."
	return be
}

// compare reports whether the cheapest function costs no more than the
// cheapest container at x, and whether they cost exactly the same. Float64
// costs decide when they are further apart than their error (nearTie), exact
// costs otherwise.
func (st *search) compare(x int64) (funcsCheaper, tie bool) {
	f, _ := st.ffns.at(x)
	c, alike := st.fctrsMin(x)
	if !st.exactOnly && (math.IsInf(float64(c), 1) || !nearlyEqual(float64(f), float64(c))) {
		return f < c, alike && f < c
	}
	if !st.exactOnly && x == beMinV && f == 0 && c == 0 {
		// One request inside free tiers on both sides. A float64 cost is 0 only
		// when every usage is covered by its allowance or priced at 0, and one
		// request's usage is nowhere near an allowance (thousands of units and
		// up), so the exact costs are 0 too: a tie, which goes to functions.
		return true, true
	}
	fx, _ := st.fns.at(x)
	cx, _ := st.ctrs.at(x)
	return fx.LessThanOrEqual(cx), fx.Equal(cx)
}

// fctrsMin is the cheapest float64 container cost at x, leaving out the
// containers priced exactly like the functions (alike): they can only tie with
// the functions, and ties go to functions. alike reports whether any was left out.
func (st *search) fctrsMin(x int64) (flt, bool) {
	sd := &st.fctrs
	if st.alike == ([8]bool{}) || len(sd.curves) > len(st.alike) {
		c, _ := sd.at(x)
		return c, false
	}
	m := flt(math.Inf(1))
	for i := range sd.curves {
		if !st.alike[i] {
			m = min(m, sd.eval(&sd.curves[i], x))
		}
	}
	return m, true
}

// cheaper is compare's first result.
func (st *search) cheaper(x int64) bool {
	f, _ := st.compare(x)
	return f
}

// chaseAll returns the lowest volume where side a overtakes the cheapest of
// others (a > others when strict, else a >= others), if any up to beMaxV;
// skip marks curves of others not to chase. Every curve has been evaluated at
// one request.
//
// Each of the others is chased on its own (a curve identical to A over a
// stretch then only ties with A, and cannot hide another curve's dip below
// A), each only below the best crossing so far. The chases advance together,
// the one with the lowest B(v) = y first: a chase at v has ruled out any
// crossing of its curve below the volume where A reaches y (A < y <= B
// there), so the lowest y is the chase that can still cross lowest. Once one
// finds a crossing at x, the others need only look below x, and those whose y
// A does not reach by x are done.
func chaseAll[N number[N]](a, others *sideOf[N], strict bool, skip []bool, rb *regionBook, freeTier bool, evals *int, buf *[]chaser[N]) (int64, bool) {
	v, found := beMaxV, false
	a1 := a.costx(beMinV)
	aMax := a.costx(beMaxV)
	over := overtakes[N](strict)
	var chs []chaser[N]
	if buf != nil {
		chs = (*buf)[:0] // earlier chasers' sides keep their buffers
		defer func() { *buf = chs }()
	}
	for i := range others.curves {
		if i < len(skip) && skip[i] {
			continue
		}
		c := &others.curves[i]
		if len(chs) == cap(chs) {
			chs = append(chs, chaser[N]{})
		} else {
			chs = chs[:len(chs)+1]
		}
		ch := &chs[len(chs)-1]
		ch.b.reset(a.price, rb, freeTier, evals)
		ch.b.curves = append(ch.b.curves, *c)
		ch.start(a1, c.c1, beMaxV, aMax, isStairs(c))
	}
	for {
		var ch *chaser[N]
		for i := range chs {
			if c := &chs[i]; !c.done && (ch == nil || c.y.LessThan(ch.y)) {
				ch = c
			}
		}
		if ch == nil {
			break
		}
		ch.advance(a, over)
		if !ch.done || !ch.found || (found && ch.x >= v) {
			continue
		}
		v, found = ch.x, true
		av := a.costx(v)
		for i := range chs {
			if c := &chs[i]; !c.done && c.hi > v {
				c.hi, c.aHi, c.crossingAtHi = v, av, false // only a crossing below v matters now
			}
		}
	}
	return v, found
}

// funcsCheaper reports whether the cheapest function costs no more than the
// cheapest container at volume x (ties go to functions, as in the search).
func funcsCheaper[N number[N]](fns, ctrs *sideOf[N], x int64) bool {
	f, _ := fns.at(x)
	c, _ := ctrs.at(x)
	return f.LessThanOrEqual(c)
}

// nearTie is the relative gap below which float64 costs do not decide which
// side is cheaper: the exact costs do (float64 costs are good to about 1e-13).
const nearTie = 1e-9

// nearlyEqual reports whether float64 costs x and y are too close for their
// order to be trusted.
func nearlyEqual(x, y float64) bool {
	return math.Abs(x-y) <= nearTie*max(math.Abs(x), math.Abs(y))+farSlack
}

// crossings describes a workload whose cheaper side changes more than once
// before its own volume ref (first is the first change from one request): the
// side cheaper at ref, and the changes nearest it, the last at or below ref and
// the next above it if any up to beMaxV. A geometric scan (steps of 1/64 of the
// volume) brackets each change and a bisection finds its exact volume; stair
// curves (task, replica and node counts) can alternate inside one step, so the
// sentence says where the side changes, not that it holds in between.
//
// The scan compares float64 costs (ffns, fctrs), and exact ones where those
// are within nearTie of each other; the changes found are checked exactly,
// and if a check fails the scan runs again on exact costs.
func crossings(be BreakEven, st *search, ref, first int64, secs dec, unit string) BreakEven {
	fns, ctrs := &st.fns, &st.ctrs
	fnWins := funcsCheaper(fns, ctrs, ref)
	exact := func(x int64) bool { return funcsCheaper(fns, ctrs, x) != fnWins }
	steer := func(x int64) bool { return st.cheaper(x) != fnWins }
	var lo, hi int64
	if st.exactOnly {
		lo, hi = changesAround(ref, first, exact)
	} else if lo, hi = changesAround(ref, first, steer); exact(lo) || lo > beMinV && !exact(lo-1) || hi > 0 && (!exact(hi) || exact(hi-1)) || hi == 0 && exact(beMaxV) {
		st.reruns++
		lo, hi = changesAround(ref, first, exact)
	}
	_, fi := fns.at(ref)
	_, ci := ctrs.at(ref)
	be.FunctionPlatform, be.ContainerPlatform = fns.curves[fi].p.ID, ctrs.curves[ci].p.ID
	win, lose := fns.curves[fi].p.Name, ctrs.curves[ci].p.Name
	if !fnWins {
		win, lose = lose, win
	}
	lod := decInt(lo)
	be.Kind, be.RequestsPerMonth = Crossover, lod.Shop()
	at := func(x int64) string {
		d := decInt(x)
		return "about " + short(d) + " " + unit + "/month (" + sig3(d.DivRound(secs, 9)) + " " + perSecond(unit) + ")"
	}
	be.Sentence = "The costs cross more than once: at this workload's volume " + win + " is cheaper than " + lose +
		"; the cheaper side last changes at " + at(lo) + " below it"
	if hi > 0 {
		be.Sentence += " and next at " + at(hi) + " above it."
	} else {
		be.Sentence += " and not again above it."
	}
	return be
}

// changesAround scans from ref for the changes of differs nearest it: lo, the
// lowest volume of ref's stretch (differs at lo-1; first differs), and hi, the
// first volume above ref where it differs, 0 if none up to beMaxV.
func changesAround(ref, first int64, differs func(int64) bool) (lo, hi int64) {
	lo = ref
	for x := ref; x > first; {
		next := max(first, x-max(1, x/64))
		if differs(next) {
			lo = change(next, x, differs)
			break
		}
		x = next
	}
	for x := ref; x < beMaxV; {
		next := min(beMaxV, x+max(1, x/64))
		if differs(next) {
			hi = change(x, next, differs)
			break
		}
		x = next
	}
	return lo, hi
}

// change bisects (a, b], where pred(a) != pred(b), for the lowest volume whose pred is pred(b).
func change(a, b int64, pred func(int64) bool) int64 {
	at := pred(b)
	for b-a > 1 {
		mid := a + (b-a)/2
		if pred(mid) == at {
			b = mid
		} else {
			a = mid
		}
	}
	return b
}

var cloudNames = map[string]string{"aws": "AWS", "azure": "Azure", "gcp": "Google Cloud"}

func perSecond(unit string) string {
	if unit == "runs" {
		return "runs/s"
	}
	return "req/s"
}

// overFunc reports whether cost x has overtaken cost y.
type overFunc[N number[N]] func(x, y N) bool

// On float64 costs a gap within float64 noise (floatNoise) is a tie, as the
// exact costs would make it: free tiers used up to the request leave a few
// 1e-16 dollars where the exact cost is zero, and a search that took that for
// a crossing would fail its exact check and run again on exact costs.
func overtakes[N number[N]](strict bool) overFunc[N] {
	if f, ok := any(overtakesFlt(strict)).(overFunc[N]); ok {
		return f
	}
	if strict {
		return func(x, y N) bool { return x.GreaterThan(y) }
	}
	return func(x, y N) bool { return x.GreaterThanOrEqual(y) }
}

func overtakesFlt(strict bool) overFunc[flt] {
	if strict {
		return func(x, y flt) bool { return float64(x-y) > floatNoise(x, y) }
	}
	return func(x, y flt) bool { return float64(y-x) <= floatNoise(x, y) }
}

// floatNoise bounds the error of a float64 cost difference: float64 costs are
// good to about 1e-13 of the larger cost, and to 1e-12 dollars near zero.
func floatNoise(x, y flt) float64 {
	return 1e-12 * max(1, math.Abs(float64(x)), math.Abs(float64(y)))
}

// stairPricer is implemented by pricers whose cost has stair steps: it pays
// for instance, replica or node counts (ceil(v x beta) with a floor, see
// instanceModel), possibly plus a straight line (a front door) or busy-time
// terms. Such a curve is not a straight line over any stretch with a step, so
// the search's straight-line shortcuts are no use on it, and three or four
// stair points can line up by chance and fool them; it is chased step by step
// instead, which rests on monotonicity alone.
type stairPricer interface {
	stairs() bool
}

// isStairs reports whether curve c is a stair function of volume.
func isStairs[N number[N]](c *curveOf[N]) bool {
	sp, ok := c.pr.(stairPricer)
	return ok && sp.stairs()
}

// chase returns the lowest volume in [1, hi] where A overtakes B (A > B when
// strict, else A >= B), given it has not at 1 (A = aV, B = y there; A = aHi at hi).
//
// Each step rests on monotonicity alone: from v with B(v) = y, nothing below
// the lowest volume where A reaches y can cross (A < y <= B there), so the
// chase moves there, and every step climbs at least one stair of B. When B is
// not a stair function, the first beMaxChase steps, and every 16th after, may
// also take the straight-line shortcuts (leap, straightRoot, gallop); the
// other steps, and all of them on stairs, go on plainly until A crosses B or
// stays below y up to hi. It never settles for hi merely because A has
// overtaken B there (the sides may interleave below it), except after
// beMaxSteps steps.
func chase[N number[N]](a, b *sideOf[N], strict bool, aV, y N, hi int64, aHi N, stairs bool) (int64, bool) {
	ch := chaser[N]{b: *b}
	ch.start(aV, y, hi, aHi, stairs)
	over := overtakes[N](strict)
	for !ch.done {
		ch.advance(a, over)
	}
	*b = ch.b
	return ch.x, ch.found
}

// chaser is one curve B's chase, advanced a step at a time.
type chaser[N number[N]] struct {
	b            sideOf[N] // B alone
	v            int64
	aV, y        N // A(v), B(v)
	hi           int64
	aHi          N
	crossingAtHi bool  // hi is known to be at or past a crossing
	pv           int64 // the previous v, and A there: with v, a line to aim A's inverse along
	paV          N
	stairs       bool
	step         int
	done, found  bool
	x            int64 // the result once done: the crossing if found
}

func (ch *chaser[N]) start(aV, y N, hi int64, aHi N, stairs bool) {
	ch.v, ch.aV, ch.y, ch.hi, ch.aHi = beMinV, aV, y, hi, aHi
	ch.crossingAtHi, ch.stairs, ch.step, ch.pv = false, stairs, 0, 0
	ch.done, ch.found, ch.x = false, false, 0
}

func (ch *chaser[N]) finish(x int64, found bool) {
	ch.done, ch.x, ch.found = true, x, found
}

// advance takes one step of the chase (see chase).
func (ch *chaser[N]) advance(a *sideOf[N], over overFunc[N]) {
	b := &ch.b
	v, aV, y := ch.v, ch.aV, ch.y
	step := ch.step
	ch.step++
	if !over(ch.aHi, y) {
		ch.finish(ch.hi, ch.crossingAtHi) // A stays below y <= B up to hi
		return
	}
	if step >= beMaxSteps {
		// A guard against a chase that would crawl for seconds (two curves
		// parallel within a hair over decades): settle it from hi, unproven.
		// No workload in the tests comes near it.
		ch.finish(ch.hi, ch.crossingAtHi || over(ch.aHi, b.costx(ch.hi)))
		return
	}
	// Where A reaches y if it runs on along the line through its last two
	// points (a chase along a straight A lands there exactly).
	hint := int64(0)
	if ch.pv > 0 && ch.pv < v {
		if d := approxN(aV) - approxN(ch.paV); d > 0 {
			hint = clampVolume(math.Ceil(float64(v) + (approxN(y)-approxN(aV))*float64(v-ch.pv)/d))
			if hint-v > 8*(v-ch.pv) {
				hint = 0 // far beyond the last step: the line is not A's there (a free tier, say)
			}
		}
	}
	ch.pv, ch.paV = v, aV
	next, aNext, lo, aLo := bracket(a.costx, y, v, aV, ch.hi, ch.aHi, over, beTolDiv, hint)
	if next <= v {
		// Cannot happen (over(A(v), y) is false and inverse returns a volume
		// above v); stop rather than loop.
		ch.finish(ch.hi, ch.crossingAtHi)
		return
	}
	bNext := b.costx(next)
	// A reaches y somewhere in (lo, next], a bracket within the search's
	// precision. If A has overtaken B at next, the lowest crossing is in it;
	// if not, B may still step inside it, under A, and A fall behind again by
	// next: B just above lo below A(next) allows that. Either way find where A
	// reaches y exactly: nothing below crosses, and B is at least y from there.
	crossed := over(aNext, bNext)
	if lo+1 < next && (crossed || over(aNext, b.costx(lo+1))) {
		next, aNext, _, _ = bracket(a.costx, y, lo, aLo, next, aNext, over, 0, 0)
		bNext = b.costx(next)
		crossed = over(aNext, bNext)
	}
	if crossed {
		ch.finish(next, true)
		return
	}
	if aNext.Equal(bNext) {
		// A and B cost exactly the same here (both inside free tiers, say): the
		// chase would crawl, so skip to the end of the tie.
		end, aEnd, bEnd := tieEnd(a, b, next, ch.hi)
		if over(aEnd, bEnd) {
			ch.finish(end, true)
			return
		}
		if end <= next {
			ch.finish(ch.hi, ch.crossingAtHi)
			return
		}
		ch.v, ch.aV, ch.y = end, aEnd, bEnd
		return
	}
	shortcuts := !ch.stairs && (step < beMaxChase || step%16 == 0)
	// Leap: extrapolate the gap B - A from the last two points to where it
	// closes. If A has overtaken B there, the crossing is at most there; if
	// both sides are straight through all three points, it is exactly where
	// the gap closes.
	if shortcuts {
		if x, ax, bx, ok := leap(a, b, v, aV, y, next, aNext, bNext, ch.hi); ok && over(ax, bx) {
			if r, ok := straightRoot(a, b, [3]int64{v, next, x}, [3]N{aV, aNext, ax}, [3]N{y, bNext, bx}, over); ok {
				ch.finish(r, true)
				return
			}
			ch.hi, ch.aHi, ch.crossingAtHi = x, ax, true
		}
	}
	g0, g1 := y.Sub(aV), bNext.Sub(aNext)
	v, aV, y = next, aNext, bNext
	if shortcuts && g0.Sign() > 0 && approxN(g1) > 0.75*approxN(g0) {
		// The gap shrank by less than a quarter: the sides run (nearly)
		// parallel and the chase would crawl. Skip ahead over straight stretches.
		var x int64
		var ax, bx N
		v, aV, y, x, ax, bx = gallop(a, b, v, aV, y, v, ch.hi, over)
		if over(ax, bx) && (!ch.crossingAtHi || x < ch.hi) {
			ch.hi, ch.aHi, ch.crossingAtHi = x, ax, true
		}
	}
	ch.v, ch.aV, ch.y = v, aV, y
}

// leap extrapolates the closing gap between (v: A=aV, B=bV) and (n: aN, bN) to
// where it would vanish, capped at hi, and evaluates both sides there.
func leap[N number[N]](a, b *sideOf[N], v int64, aV, bV N, n int64, aN, bN N, hi int64) (int64, N, N, bool) {
	var z N
	g0, g1 := approxN(bV.Sub(aV)), approxN(bN.Sub(aN))
	if g0 <= g1 || g1 <= 0 {
		return 0, z, z, false
	}
	x := min(hi, clampVolume(float64(n)+math.Ceil(g1*float64(n-v)/(g0-g1))))
	if x <= n {
		return 0, z, z, false
	}
	return x, a.costx(x), b.costx(x), true
}

// straightRoot returns the crossing in (p[1], p[2]] when A and B are each a
// straight line through their values at p[0] < p[1] < p[2] (so the gap closes
// linearly), checked exactly at the volume found and the one below it.
func straightRoot[N number[N]](a, b *sideOf[N], p [3]int64, av, bv [3]N, over overFunc[N]) (int64, bool) {
	if !collinear(p, av) || !collinear(p, bv) {
		return 0, false
	}
	g1, g2 := approxN(bv[1].Sub(av[1])), approxN(bv[2].Sub(av[2]))
	if g1 <= g2 {
		return 0, false
	}
	r := min(max(clampVolume(float64(p[1])+math.Ceil(g1*float64(p[2]-p[1])/(g1-g2))), p[1]+1), p[2])
	// float64 may be a request off either way: settle it exactly.
	for range 3 {
		if !over(a.costx(r), b.costx(r)) {
			if r++; r > p[2] {
				return 0, false
			}
			continue
		}
		if r-1 > p[1] && over(a.costx(r-1), b.costx(r-1)) {
			r--
			continue
		}
		return r, true
	}
	return 0, false
}

// collinear reports whether the three points (p[i], y[i]) lie on one line:
// exactly, or for float64 costs to their precision.
func collinear[N number[N]](p [3]int64, y [3]N) bool {
	l := y[1].Sub(y[0]).Mul(fromIntN[N](p[2] - p[1]))
	r := y[2].Sub(y[1]).Mul(fromIntN[N](p[1] - p[0]))
	if _, ok := any(l).(flt); ok {
		scale := (math.Abs(approxN(y[0])) + math.Abs(approxN(y[1])) + math.Abs(approxN(y[2]))) * float64(p[2]-p[0])
		return math.Abs(approxN(l)-approxN(r)) <= 1e-12*scale
	}
	return l.Equal(r)
}

// gallop skips from v (A = aV, B = bV, B above A) over stretches where both A
// and B are straight lines through four points and B stays above A at the
// ends (so all along), doubling the stretch each time. One point sits at an
// irrational-looking fraction of the stretch so that evenly spaced stair steps
// cannot pass for a line. It returns the new start and the last point it looked
// at, with the costs there; at that point A may have overtaken B.
func gallop[N number[N]](a, b *sideOf[N], v int64, aV, bV N, step, hi int64, over overFunc[N]) (int64, N, N, int64, N, N) {
	x, ax, bx := v, aV, bV
	for range 40 {
		x = min(hi, v+step)
		m := v + (x-v)/2
		g := v + int64(float64(x-v)*0.3819660113)
		if g <= v || m <= g || x <= m {
			return v, aV, bV, v, aV, bV
		}
		am, bm := a.costx(m), b.costx(m)
		ag, bg := a.costx(g), b.costx(g)
		ax, bx = a.costx(x), b.costx(x)
		if over(am, bm) || over(ag, bg) || over(ax, bx) ||
			!collinear([3]int64{v, m, x}, [3]N{aV, am, ax}) || !collinear([3]int64{v, m, x}, [3]N{bV, bm, bx}) ||
			!collinear([3]int64{v, g, x}, [3]N{aV, ag, ax}) || !collinear([3]int64{v, g, x}, [3]N{bV, bg, bx}) {
			return v, aV, bV, x, ax, bx
		}
		v, aV, bV = x, ax, bx
		step = min(step*2, beMaxV)
		if v >= hi {
			break
		}
	}
	return v, aV, bV, x, ax, bx
}

// tieEnd returns the lowest volume above from (to the search's precision, at
// most hi) at which A and B stop costing the same, with their costs there; hi
// if they never do below it.
func tieEnd[N number[N]](a, b *sideOf[N], from, hi int64) (int64, N, N) {
	gap := func(x int64) N { return a.costx(x).Sub(b.costx(x)).Abs() }
	lo, x := from, min(hi, from*8)
	var gx N
	for {
		if gx = gap(x); gx.Sign() != 0 || x == hi {
			break
		}
		lo, x = x, min(hi, x*8)
	}
	if gx.Sign() != 0 {
		// The gap is zero, then grows: invert it like a cost, towards zero.
		var z N
		x, _, _, _ = bracket(gap, z, lo, z, x, gx, func(g, _ N) bool { return g.Sign() != 0 }, 0, 0)
	}
	return x, a.costx(x), b.costx(x)
}

// inverse returns the lowest volume in (lo, hi] where over(A, y) (to the
// relative precision 1e-4) and A there; over holds at hi, not at lo.
//
// A is piecewise linear with few kinks, or a stair. Each step tries, in turn:
// the secant through the two latest points where over holds (they lie right
// of the root, so when they share its straight stretch the secant lands on
// it, and it finds a kink such as the end of a free tier exactly); the chord
// of the bracket; and, when neither moves the bracket, or the bracket has not
// halved in three steps (stairs), bisection, geometric while the bracket spans
// more than 4x. A candidate at an end of the bracket becomes a probe just
// inside it, which closes the bracket when the root is there.
func inverse[N number[N]](a func(int64) N, y N, lo int64, aLo N, hi int64, aHi N, over overFunc[N]) (int64, N) {
	hi, aHi, _, _ = bracket(a, y, lo, aLo, hi, aHi, over, beTolDiv, 0)
	return hi, aHi
}

// bracket is inverse that also returns the last volume below the result where
// over does not hold, and A there; the bracket is at most 1/tolDiv of it wide
// (tolDiv 0: exact, one request). A hint in (lo, hi) is probed first.
func bracket[N number[N]](a func(int64) N, y N, lo int64, aLo N, hi int64, aHi N, over overFunc[N], tolDiv, hint int64) (int64, N, int64, N) {
	yf := approxN(y)
	tol := func() int64 {
		if tolDiv == 0 {
			return 1
		}
		return max(1, lo/tolDiv)
	}
	h1, ha1, hn := hi, approxN(aHi), 1 // the latest points where over holds (h2 newest)
	h2, ha2 := h1, ha1
	secantOK, probedLo, missedSecant := true, false, false
	reach := int64(0) // the stride of the look-ahead after a hint that fell short
	var widths [3]int64
	for i := range beMaxInverse {
		width := hi - lo
		if width <= tol() {
			break
		}
		stalled := i >= 3 && width*2 > widths[i%3]
		widths[i%3] = width
		var x int64
		ok, fromSecant, fromHint := false, false, false
		if i == 0 && hint > lo && hint < hi {
			x, ok, fromHint = hint, true, true
		} else if reach > 0 && lo+reach < hi {
			// The hint fell short: look ahead in doubling strides (on stairs
			// the root is usually near; bisecting from hi would start far off).
			x, ok = lo+reach, true
			reach *= 2
		} else if missedSecant && !probedLo {
			// The secant fell just short: the root is usually right above, past
			// a kink such as a free tier's end. Probe just above lo, once.
			x, ok, probedLo = lo+tol(), true, true
		} else if !stalled && secantOK && hn >= 2 && ha1 != ha2 {
			x = clampVolume(math.Ceil(float64(h2) + (yf-ha2)*float64(h2-h1)/(ha2-ha1)))
			if ok = x > lo; !ok {
				secantOK = false // the stretch right of the root is not the root's
			}
			// Only a secant through two nearby points is trusted to land next to
			// the root when it falls short.
			fromSecant = ok && h1 <= 2*h2
		}
		missedSecant = false
		if aLoF, aHiF := approxN(aLo), approxN(aHi); !ok && !stalled && aHiF > aLoF && yf > aLoF {
			x, ok = clampVolume(math.Ceil(float64(lo)+(yf-aLoF)*float64(width)/(aHiF-aLoF))), true
		}
		if ok && x >= hi {
			x = hi - 1 // the root is at hi: probe just below it, which closes the bracket exactly
		}
		if ok && x <= lo {
			ok = !probedLo
			x, probedLo = lo+tol(), true // the root is at lo: probe just above it, once
		}
		if !ok || x <= lo || x >= hi {
			if hi > 4*lo {
				x = int64(math.Sqrt(float64(lo) * float64(hi)))
			} else {
				x = lo + width/2
			}
			x = min(max(x, lo+1), hi-1)
		}
		ax := a(x)
		if over(ax, y) {
			hi, aHi = x, ax
			h1, ha1, h2, ha2, hn = h2, ha2, x, approxN(ax), hn+1
			secantOK, reach = true, 0
		} else {
			if fromHint {
				reach = x - lo
			}
			lo, aLo = x, ax
			probedLo, missedSecant = false, fromSecant
		}
	}
	return hi, aHi, lo, aLo
}

// approx converts a cost to float64 to steer the search. decimal's own
// Float64 goes through big.Rat for the long exponents exact products have.

// clampVolume converts a float64 volume estimate to an int64 in the search range.
func clampVolume(f float64) int64 {
	switch {
	case math.IsNaN(f) || f < float64(beMinV):
		return beMinV
	case f > float64(beMaxV):
		return beMaxV
	}
	return int64(f)
}
