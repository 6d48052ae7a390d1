package pricing

import (
	"math"
)

// number is what the volume-dependent code (usage quantities, cost-only bills,
// the break-even search) needs of a number. dec has these methods,
// and so has flt, the float64 the break-even search steers by: the same code
// computes exact bills and their float64 approximations, with no second copy.
type number[N any] interface {
	Add(N) N
	Sub(N) N
	Mul(N) N
	DivRound(N, int32) N
	Abs() N
	Sign() int
	IsZero() bool
	Cmp(N) int
	Equal(N) bool
	LessThan(N) bool
	LessThanOrEqual(N) bool
	GreaterThan(N) bool
	GreaterThanOrEqual(N) bool
	IntPart() int64
}

// flt is a float64 with dec's method names. DivRound ignores the
// precision: a float has its own.
type flt float64

func (a flt) Add(b flt) flt                 { return a + b }
func (a flt) Sub(b flt) flt                 { return a - b }
func (a flt) Mul(b flt) flt                 { return a * b }
func (a flt) DivRound(b flt, _ int32) flt   { return a / b }
func (a flt) Abs() flt                      { return flt(math.Abs(float64(a))) }
func (a flt) IsZero() bool                  { return a == 0 }
func (a flt) Equal(b flt) bool              { return a == b }
func (a flt) LessThan(b flt) bool           { return a < b }
func (a flt) LessThanOrEqual(b flt) bool    { return a <= b }
func (a flt) GreaterThan(b flt) bool        { return a > b }
func (a flt) GreaterThanOrEqual(b flt) bool { return a >= b }
func (a flt) IntPart() int64                { return int64(a) }
func (a flt) Sign() int {
	switch {
	case a > 0:
		return 1
	case a < 0:
		return -1
	}
	return 0
}
func (a flt) Cmp(b flt) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// toFlt approximates d (see approx).
func toFlt(d dec) flt { return flt(approx(d)) }

// toFlts approximates each period's value.
func toFlts(a [maxPeriods]dec) (f [maxPeriods]flt) {
	for i := range a {
		f[i] = toFlt(a[i])
	}
	return f
}

// kit is what generic code needs of N beyond its methods.
type kit[N number[N]] struct {
	fromInt   func(int64) N
	approx    func(N) float64
	busyShare func(N) N // 1 - e^(-x), see busyShare
	tier      func(*tier) (from, price N)
	start     func(*pool) N // a pool's starting allowance
	// maxInstances and ceilSlack, see instanceModel
	maxInstances, ceilSlack N
}

var (
	decKit = &kit[dec]{
		fromInt:      decInt,
		approx:       approx,
		busyShare:    busyShare,
		tier:         func(t *tier) (dec, dec) { return t.fromX, t.priceX },
		start:        func(p *pool) dec { return p.start },
		maxInstances: maxInstancesDec,
		ceilSlack:    ceilSlack,
	}
	fltKit = &kit[flt]{
		fromInt: func(n int64) flt { return flt(n) },
		approx:  func(f flt) float64 { return float64(f) },
		busyShare: func(x flt) flt {
			if x <= 0 {
				return 0
			}
			return flt(-math.Expm1(-float64(x)))
		},
		tier:         func(t *tier) (flt, flt) { return t.fromF, t.priceF },
		start:        func(p *pool) flt { return p.startF },
		maxInstances: flt(maxInstances),
		ceilSlack:    1e-9,
	}
)

// kitOf returns N's kit.
func kitOf[N number[N]]() *kit[N] {
	var z N
	if _, ok := any(z).(flt); ok {
		return any(fltKit).(*kit[N])
	}
	return any(decKit).(*kit[N])
}

// nmin and nmax are decimal.Min and decimal.Max for two numbers: the first
// unless the second is strictly beyond it.
func nmin[N number[N]](a, b N) N {
	if b.Cmp(a) < 0 {
		return b
	}
	return a
}

func nmax[N number[N]](a, b N) N {
	if b.Cmp(a) > 0 {
		return b
	}
	return a
}

// nplus returns a + b, skipping a zero term (the hot loops accumulate into zero
// and add many zero terms; the sum keeps the exponent of its non-zero terms).
func nplus[N number[N]](a, b N) N {
	switch {
	case b.IsZero():
		return a
	case a.IsZero():
		return b
	}
	return a.Add(b)
}

// use is a quantity of one meter, in the meter's unit.
type use[N number[N]] struct {
	m      *meter
	qty    N
	noFree bool // the free tier does not apply (e.g. Lambda with provisioned concurrency)
}

// usage is an exact quantity of one meter.
type usage = use[dec]

// costBill sums the unrounded cost of usages, the sum the break-even search
// compares: no lines, no sentences, no allocation of its own.
type costBill[N number[N]] struct {
	k         *kit[N]
	rb        *regionBook
	freeTier  bool
	remaining [maxPools]N
	started   [maxPools]bool
	total     N
}

// run returns the cost of us, pools consumed in their order.
func (b *costBill[N]) run(us []use[N]) N {
	b.started = [maxPools]bool{}
	var z N
	b.total = z
	for i := range us {
		b.add(us[i].m, us[i].qty, us[i].noFree)
	}
	return b.total
}

func (b *costBill[N]) add(m *meter, qty N, noFree bool) {
	var free N
	if qty.Sign() < 0 {
		qty = free
	}
	if b.freeTier && !noFree && m.pool >= 0 && m.pool < maxPools && qty.Sign() > 0 {
		free = takeFree(b.k, b.rb, &b.remaining, &b.started, m, qty, nil)
	}
	splitTiers(b.k, m, qty, free, b.line)
}

func (b *costBill[N]) line(t *tier, gross, free N) {
	net := gross
	if free.Sign() != 0 {
		if free.Equal(gross) {
			return // all free: nothing to add
		}
		net = gross.Sub(free)
	}
	_, price := b.k.tier(t)
	b.total = nplus(b.total, net.Mul(price))
}

// splitTiers splits qty of m over its volume tiers, the free allowance off the
// lowest tiers first, and calls line once per tier used.
func splitTiers[N number[N]](k *kit[N], m *meter, qty, free N, line func(t *tier, gross, free N)) {
	if len(m.tiers) == 1 {
		line(&m.tiers[0], qty, free)
		return
	}
	if from1, _ := k.tier(&m.tiers[1]); qty.LessThanOrEqual(from1) {
		line(&m.tiers[0], qty, free)
		return
	}
	for i := range m.tiers {
		t := &m.tiers[i]
		from, _ := k.tier(t)
		if i > 0 && qty.Cmp(from) <= 0 {
			break
		}
		portion := qty
		if i > 0 {
			portion = qty.Sub(from)
		}
		if i+1 < len(m.tiers) {
			if next, _ := k.tier(&m.tiers[i+1]); qty.GreaterThan(next) {
				portion = next.Sub(from)
			}
		}
		var f N
		if free.Sign() > 0 {
			f = nmin(free, portion)
			free = free.Sub(f)
		}
		line(t, portion, f)
	}
}

// takeFree returns how much of qty the meter's pool covers, and consumes it;
// started is called when a pool is first drawn from.
func takeFree[N number[N]](k *kit[N], rb *regionBook, remaining *[maxPools]N, started *[maxPools]bool, m *meter, qty N, onStart func(p *pool)) N {
	var z N
	p := &rb.pools[m.pool]
	if !started[m.pool] {
		started[m.pool] = true
		remaining[m.pool] = k.start(p)
		if onStart != nil {
			onStart(p)
		}
	}
	rem := remaining[m.pool]
	if rem.Sign() <= 0 {
		return z
	}
	if !p.valued {
		if left := rem.Sub(qty); left.Sign() >= 0 {
			remaining[m.pool] = left
			return qty
		}
		remaining[m.pool] = z
		return rem
	}
	// Spending-based: the allowance is dollars at the first tier's price.
	_, price := k.tier(&m.tiers[0])
	if price.Sign() == 0 {
		return z
	}
	cost := qty.Mul(price)
	if cost.LessThanOrEqual(rem) {
		remaining[m.pool] = rem.Sub(cost)
		return qty
	}
	remaining[m.pool] = z
	return rem.DivRound(price, 12)
}

// approxN is approx for any number (a type switch on a value that does not
// escape: no allocation).
func approxN[N number[N]](x N) float64 {
	switch v := any(x).(type) {
	case flt:
		return float64(v)
	case dec:
		return approx(v)
	}
	panic("pricing: unknown number type")
}

// fromIntN is n as an N.
func fromIntN[N number[N]](n int64) N {
	var z N
	switch any(z).(type) {
	case flt:
		return any(flt(n)).(N)
	}
	return any(decInt(n)).(N)
}
