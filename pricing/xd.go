package pricing

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// xd is the engine's working number: an exact decimal ±m × 10^exp whose
// coefficient m is held in three machine words. It is four words with no
// pointer, so it is passed in registers and arithmetic does not allocate.
//
// Every operation mirrors shopspring/decimal exactly, exponent included (Add
// and Sub take the smaller exponent, Mul adds them, DivRound and Round
// produce -precision, Min and Max keep the first on a tie), so a computation
// done in xd gives the same coefficient and exponent as the same computation
// in decimal.Decimal. That matters beyond the value: the break-even search
// steers by float64 approximations of costs, which depend on the
// representation, so it stays exactly the same search.
//
// A coefficient that needs more than 192 bits (rare: huge volumes times
// 24-decimal constants, or absurd workloads) is computed by decimal.Decimal
// itself and kept in the wide store (see wide.go); nothing is ever rounded
// that decimal.Decimal would not round. Money stays exact: only approx
// (steering the search) and sentence formatting round, as before.
type xd struct {
	m    u192   // the coefficient's magnitude; for a wide value, m.lo is its id in the wide store
	meta uint64 // the exponent (low 32 bits, as an int32) | negFlag | wideFlag
}

const (
	negFlag  = 1 << 32 // the value is negative (never set for zero)
	wideFlag = 1 << 33 // the coefficient lives in the wide store
)

// mk makes ±m × 10^exp.
func mk(m u192, exp int32, neg bool) xd {
	meta := uint64(uint32(exp))
	if neg && !m.isZero() {
		meta |= negFlag
	}
	return xd{m: m, meta: meta}
}

func (x xd) exp() int32  { return int32(uint32(x.meta)) }
func (x xd) neg() bool   { return x.meta&negFlag != 0 }
func (x xd) wide() bool  { return x.meta&wideFlag != 0 }
func (x xd) small() bool { return x.meta&wideFlag == 0 && x.m.mid|x.m.hi == 0 }

// u192 is an unsigned 192-bit integer.
type u192 struct{ lo, mid, hi uint64 }

var pow10u64 = [20]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

func (a u192) isZero() bool { return a.lo|a.mid|a.hi == 0 }
func (a u192) fits64() bool { return a.mid|a.hi == 0 }

func cmpU(a, b u192) int {
	switch {
	case a.hi != b.hi:
		if a.hi < b.hi {
			return -1
		}
		return 1
	case a.mid != b.mid:
		if a.mid < b.mid {
			return -1
		}
		return 1
	case a.lo != b.lo:
		if a.lo < b.lo {
			return -1
		}
		return 1
	}
	return 0
}

func addU(a, b u192) (u192, bool) {
	var c uint64
	var r u192
	r.lo, c = bits.Add64(a.lo, b.lo, 0)
	r.mid, c = bits.Add64(a.mid, b.mid, c)
	r.hi, c = bits.Add64(a.hi, b.hi, c)
	return r, c == 0
}

// subU returns a - b for a >= b.
func subU(a, b u192) u192 {
	var c uint64
	var r u192
	r.lo, c = bits.Sub64(a.lo, b.lo, 0)
	r.mid, c = bits.Sub64(a.mid, b.mid, c)
	r.hi, _ = bits.Sub64(a.hi, b.hi, c)
	return r
}

// mulU64 returns a × m, and false on overflow.
func mulU64(a u192, m uint64) (u192, bool) {
	h0, l0 := bits.Mul64(a.lo, m)
	h1, l1 := bits.Mul64(a.mid, m)
	h2, l2 := bits.Mul64(a.hi, m)
	var r u192
	var c uint64
	r.lo = l0
	r.mid, c = bits.Add64(l1, h0, 0)
	r.hi, c = bits.Add64(l2, h1, c)
	return r, h2 == 0 && c == 0
}

// mulU returns a × b, and false on overflow.
func mulU(a, b u192) (u192, bool) {
	switch {
	case a.fits64() && b.fits64():
		h, l := bits.Mul64(a.lo, b.lo)
		return u192{lo: l, mid: h}, true
	case b.fits64():
		return mulU64(a, b.lo)
	case a.fits64():
		return mulU64(b, a.lo)
	case a.hi != 0 || b.hi != 0:
		return u192{}, false // >= 2^128 x >= 2^64
	}
	// Both in [2^64, 2^128): (a1 B + a0)(b1 B + b0).
	h11, l11 := bits.Mul64(a.mid, b.mid)
	if h11 != 0 {
		return u192{}, false
	}
	h00, l00 := bits.Mul64(a.lo, b.lo)
	h10, l10 := bits.Mul64(a.mid, b.lo)
	h01, l01 := bits.Mul64(a.lo, b.mid)
	var r u192
	var c, c2 uint64
	r.lo = l00
	r.mid, c = bits.Add64(h00, l10, 0)
	r.mid, c2 = bits.Add64(r.mid, l01, 0)
	hi, c3 := bits.Add64(l11, h10, c)
	hi, c4 := bits.Add64(hi, h01, c2)
	r.hi = hi
	return r, c3 == 0 && c4 == 0
}

// divU64 returns a / d and a % d.
func divU64(a u192, d uint64) (u192, uint64) {
	var q u192
	var r uint64
	if a.hi != 0 {
		q.hi, r = bits.Div64(0, a.hi, d)
	}
	if a.mid != 0 || r != 0 {
		q.mid, r = bits.Div64(r, a.mid, d)
	}
	q.lo, r = bits.Div64(r, a.lo, d)
	return q, r
}

// divU128 returns a / d and a % d for a divisor of two words (d.hi == 0, d.mid != 0),
// by Knuth's algorithm D on 64-bit digits.
func divU128(a, d u192) (u192, u192) {
	s := uint(bits.LeadingZeros64(d.mid))
	if s == 0 {
		q1, r1, r0 := divStep(0, a.hi, a.mid, d.mid, d.lo)
		q0, r1, r0 := divStep(r1, r0, a.lo, d.mid, d.lo)
		return u192{lo: q0, mid: q1}, u192{lo: r0, mid: r1}
	}
	d1 := d.mid<<s | d.lo>>(64-s)
	d0 := d.lo << s
	n3 := a.hi >> (64 - s)
	n2 := a.hi<<s | a.mid>>(64-s)
	n1 := a.mid<<s | a.lo>>(64-s)
	n0 := a.lo << s
	q1, r1, r0 := divStep(n3, n2, n1, d1, d0)
	q0, r1, r0 := divStep(r1, r0, n0, d1, d0)
	return u192{lo: q0, mid: q1}, u192{lo: r0>>s | r1<<(64-s), mid: r1 >> s}
}

// divStep divides (u2 u1 u0) by the normalized (d1 d0), given (u2 u1) < (d1 d0):
// one quotient digit and the two-digit remainder.
func divStep(u2, u1, u0, d1, d0 uint64) (uint64, uint64, uint64) {
	var qhat, rhat uint64
	refine := true
	if u2 >= d1 {
		qhat = ^uint64(0)
		var c uint64
		rhat, c = bits.Add64(u1, d1, 0) // u2 B + u1 - (B-1) d1 with u2 = d1
		refine = c == 0
	} else {
		qhat, rhat = bits.Div64(u2, u1, d1)
	}
	for refine {
		ph, pl := bits.Mul64(qhat, d0)
		if ph < rhat || (ph == rhat && pl <= u0) {
			break
		}
		qhat--
		var c uint64
		if rhat, c = bits.Add64(rhat, d1, 0); c != 0 {
			break
		}
	}
	p1h, p1l := bits.Mul64(qhat, d0)
	p2h, p2l := bits.Mul64(qhat, d1)
	m1, c := bits.Add64(p2l, p1h, 0)
	m2 := p2h + c
	r0, b := bits.Sub64(u0, p1l, 0)
	r1, b := bits.Sub64(u1, m1, b)
	_, b = bits.Sub64(u2, m2, b)
	if b != 0 { // one too many: add the divisor back
		qhat--
		r0, c = bits.Add64(r0, d0, 0)
		r1, _ = bits.Add64(r1, d1, c)
	}
	return qhat, r1, r0
}

// scaleU returns a × 10^k (k >= 0), and false on overflow.
func scaleU(a u192, k int64) (u192, bool) {
	if k == 0 || a.isZero() {
		return a, true
	}
	if a.fits64() && k <= 19 {
		h, l := bits.Mul64(a.lo, pow10u64[k])
		return u192{lo: l, mid: h}, true
	}
	if k > 58 {
		return u192{}, false
	}
	for k > 0 {
		s := min(k, 19)
		var ok bool
		if a, ok = mulU64(a, pow10u64[s]); !ok {
			return u192{}, false
		}
		k -= s
	}
	return a, true
}

// truncU returns a / 10^k truncated (k >= 0), and whether nothing was cut off.
func truncU(a u192, k int64) (u192, bool) {
	if k > 58 {
		return u192{}, a.isZero()
	}
	exact := true
	for k > 0 && !a.isZero() {
		s := min(k, 19)
		var r uint64
		a, r = divU64(a, pow10u64[s])
		exact = exact && r == 0
		k -= s
	}
	return a, exact
}

// float returns a rounded to the nearest float64 (ties to even), like big.Int.Float64.
func (a u192) float() float64 {
	if a.fits64() {
		return float64(a.lo)
	}
	var top uint64
	var shift int
	var sticky bool
	if a.hi != 0 {
		n := bits.Len64(a.hi)
		shift = 64 + n
		top = a.hi<<(64-n) | a.mid>>n
		sticky = a.mid<<(64-n) != 0 || a.lo != 0
	} else {
		n := bits.Len64(a.mid)
		shift = n
		top = a.mid<<(64-n) | a.lo>>n
		sticky = a.lo<<(64-n) != 0
	}
	if sticky {
		top |= 1 // below the rounding bit: keeps round-to-nearest-even correct
	}
	return math.Ldexp(float64(top), shift)
}

// ---- constructors and conversions ----

func xInt(n int64) xd { return xNew(n, 0) }

func xNew(n int64, exp int32) xd {
	if n < 0 {
		return xd{m: u192{lo: uint64(-n)}, meta: uint64(uint32(exp)) | negFlag}
	}
	return xd{m: u192{lo: uint64(n)}, meta: uint64(uint32(exp))}
}

// xDec converts a decimal.Decimal, keeping its exponent.
func xDec(d decimal.Decimal) xd {
	if d.NumDigits() <= 18 { // the coefficient fits an int64; NumDigits does not allocate then
		return xNew(d.CoefficientInt64(), d.Exponent())
	}
	return xBig(d.Coefficient(), d.Exponent())
}

// xKeep is xDec for values that outlive any calculation (the price tables).
func xKeep(d decimal.Decimal) xd {
	if d.NumDigits() <= 18 {
		return xNew(d.CoefficientInt64(), d.Exponent())
	}
	if v := d.Coefficient(); v.BitLen() > 192 {
		return storeWideIn(v, d.Exponent(), true)
	}
	return xBig(d.Coefficient(), d.Exponent())
}

// xBig makes an xd of coefficient v (which it may keep) and exponent exp.
func xBig(v *big.Int, exp int32) xd {
	if v.BitLen() > 192 || bits.UintSize != 64 {
		return storeWide(v, exp)
	}
	var m u192
	ws := v.Bits()
	switch len(ws) {
	case 3:
		m.hi = uint64(ws[2])
		fallthrough
	case 2:
		m.mid = uint64(ws[1])
		fallthrough
	case 1:
		m.lo = uint64(ws[0])
	}
	return mk(m, exp, v.Sign() < 0)
}

// coef returns the signed coefficient as a new big.Int.
func (x xd) coef() *big.Int {
	if x.wide() {
		return new(big.Int).Set(loadWide(x))
	}
	v := new(big.Int)
	if x.m.fits64() {
		v.SetUint64(x.m.lo)
	} else {
		v.SetBits([]big.Word{big.Word(x.m.lo), big.Word(x.m.mid), big.Word(x.m.hi)})
	}
	if x.neg() {
		v.Neg(v)
	}
	return v
}

// zeroCents is 0.00, shared (decimals are immutable).
var zeroCents = decimal.New(0, -2)

// dec returns x as a decimal.Decimal with the same coefficient and exponent.
func (x xd) dec() decimal.Decimal {
	if x.wide() {
		return decimal.NewFromBigInt(loadWide(x), x.exp())
	}
	if x.m.isZero() {
		switch x.exp() {
		case 0:
			return decimal.Zero
		case -2:
			return zeroCents
		}
	}
	if x.m.fits64() && x.m.lo <= math.MaxInt64 {
		if x.neg() {
			return decimal.New(-int64(x.m.lo), x.exp())
		}
		return decimal.New(int64(x.m.lo), x.exp())
	}
	return decimal.NewFromBigInt(x.coef(), x.exp())
}

// trimZeros drops trailing zeros from the coefficient (the value is unchanged).
func (x xd) trimZeros() xd {
	if x.wide() || x.m.isZero() {
		return x
	}
	m, e := x.m, int64(x.exp())
	for _, k := range [...]int64{16, 8, 4, 2, 1} { // strip 16, 8, 4, 2, then 1 zeros at a time
		for e+k <= math.MaxInt32 {
			q, r := divU64(m, pow10u64[k])
			if r != 0 {
				break
			}
			m, e = q, e+k
		}
	}
	return mk(m, int32(e), x.neg())
}

// slow wraps a decimal.Decimal result.
func slow(d decimal.Decimal) xd { return xDec(d) }

// ---- predicates ----

func (x xd) Sign() int {
	// Small enough to inline: the search calls it for every billed quantity.
	if x.meta&(wideFlag|negFlag) != 0 {
		return signSlow(x)
	}
	if x.m == (u192{}) {
		return 0
	}
	return 1
}

func signSlow(x xd) int {
	switch {
	case x.meta&wideFlag != 0:
		return loadWide(x).Sign()
	case x.m.isZero():
		return 0 // negFlag is never set for zero; be safe
	}
	return -1
}

func (x xd) IsZero() bool { return x.m.lo|x.m.mid|x.m.hi == 0 && x.meta&wideFlag == 0 }

// ---- arithmetic ----

func (x xd) Abs() xd {
	if x.wide() {
		return slow(x.dec().Abs())
	}
	x.meta &^= negFlag
	return x
}

// Shift adds s to the exponent.
func (x xd) Shift(s int32) xd {
	e := int64(x.exp()) + int64(s)
	if x.wide() || e > math.MaxInt32 || e < math.MinInt32 {
		return slow(x.dec().Shift(s))
	}
	return mk(x.m, int32(e), x.neg())
}

func (x xd) Add(y xd) xd {
	if x.small() && y.small() {
		if r, ok := addSmall(x, y, y.neg()); ok {
			return r
		}
	}
	return x.addSub(y, false)
}

func (x xd) Sub(y xd) xd {
	if x.small() && y.small() {
		if r, ok := addSmall(x, y, !y.neg() && y.m.lo != 0); ok {
			return r
		}
	}
	return x.addSub(y, true)
}

// addSmall adds x and ±y (yneg) for one-word coefficients whose exponents
// differ by at most 19: one multiplication aligns them.
func addSmall(x, y xd, yneg bool) (xd, bool) {
	var xh, xl, yh, yl uint64
	xe, ye := x.exp(), y.exp()
	e := xe
	switch d := int64(xe) - int64(ye); {
	case d == 0:
		xl, yl = x.m.lo, y.m.lo
	case d > 0 && d <= 19:
		xh, xl = bits.Mul64(x.m.lo, pow10u64[d])
		yl, e = y.m.lo, ye
	case d < 0 && d >= -19:
		xl = x.m.lo
		yh, yl = bits.Mul64(y.m.lo, pow10u64[-d])
	default:
		return xd{}, false
	}
	xneg := x.neg()
	if xneg == yneg || xh|xl == 0 || yh|yl == 0 {
		neg := xneg
		if xh|xl == 0 {
			neg = yneg
		}
		l, c := bits.Add64(xl, yl, 0)
		h := xh + yh + c // cannot wrap: each product is below 10^19 x 2^64
		return mk(u192{lo: l, mid: h}, e, neg), true
	}
	switch {
	case xh > yh || (xh == yh && xl > yl):
		l, b := bits.Sub64(xl, yl, 0)
		return mk(u192{lo: l, mid: xh - yh - b}, e, xneg), true
	case xh == yh && xl == yl:
		return mk(u192{}, e, false), true
	}
	l, b := bits.Sub64(yl, xl, 0)
	return mk(u192{lo: l, mid: yh - xh - b}, e, yneg), true
}

func (x xd) addSub(y xd, sub bool) xd {
	if !x.wide() && !y.wide() {
		xe, ye := x.exp(), y.exp()
		e := min(xe, ye)
		xm, ok1 := scaleU(x.m, int64(xe)-int64(e))
		ym, ok2 := scaleU(y.m, int64(ye)-int64(e))
		if ok1 && ok2 {
			xneg, yneg := x.neg(), y.neg() != sub && !y.m.isZero()
			if xneg == yneg {
				if m, ok := addU(xm, ym); ok {
					return mk(m, e, xneg)
				}
			} else {
				switch cmpU(xm, ym) {
				case 0:
					return mk(u192{}, e, false)
				case 1:
					return mk(subU(xm, ym), e, xneg)
				default:
					return mk(subU(ym, xm), e, yneg)
				}
			}
		}
	}
	if sub {
		return slow(x.dec().Sub(y.dec()))
	}
	return slow(x.dec().Add(y.dec()))
}

func (x xd) Mul(y xd) xd {
	if x.small() && y.small() {
		xe, ye := x.exp(), y.exp()
		if e := xe + ye; (xe^e)&(ye^e) >= 0 { // no int32 overflow
			h, l := bits.Mul64(x.m.lo, y.m.lo)
			return mk(u192{lo: l, mid: h}, e, x.neg() != y.neg())
		}
	}
	return x.mul(y)
}

func (x xd) mul(y xd) xd {
	if !x.wide() && !y.wide() {
		e := int64(x.exp()) + int64(y.exp())
		if m, ok := mulU(x.m, y.m); ok && e <= math.MaxInt32 && e >= math.MinInt32 {
			return mk(m, int32(e), x.neg() != y.neg())
		}
	}
	return slow(x.dec().Mul(y.dec()))
}

// DivRound returns x / y rounded half away from zero to prec decimals, as
// decimal.Decimal.DivRound does.
func (x xd) DivRound(y xd, prec int32) xd {
	if !x.wide() && !y.wide() && !y.m.isZero() {
		e := int64(x.exp()) - int64(y.exp()) + int64(prec)
		num, den := x.m, y.m
		ok := true
		if e < 0 {
			den, ok = scaleU(den, -e)
		} else {
			num, ok = scaleU(num, e)
		}
		if ok && den.hi == 0 {
			var q u192
			var up bool
			if den.mid == 0 {
				var r uint64
				q, r = divU64(num, den.lo)
				up = r >= den.lo-r // 2r >= den
			} else {
				var r u192
				q, r = divU128(num, den)
				up = cmpU(r, subU(den, r)) >= 0
			}
			if up {
				var c bool
				if q, c = addU(q, u192{lo: 1}); !c {
					return slow(x.dec().DivRound(y.dec(), prec))
				}
			}
			return mk(q, -prec, x.neg() != y.neg())
		}
	}
	return slow(x.dec().DivRound(y.dec(), prec))
}

// Div is DivRound to decimal.DivisionPrecision (16) places, as decimal's Div.
func (x xd) Div(y xd) xd { return x.DivRound(y, int32(decimal.DivisionPrecision)) }

// Round rounds half away from zero to places decimals, as decimal.Decimal.Round.
func (x xd) Round(places int32) xd {
	if x.exp() == -places {
		return x
	}
	if !x.wide() {
		// truncate to places+1 decimals, add 5, truncate the last digit
		t := int64(-places-1) - int64(x.exp())
		var m u192
		ok := true
		if t >= 0 {
			m, _ = truncU(x.m, t)
		} else {
			m, ok = scaleU(x.m, -t)
		}
		if ok {
			if m, ok = addU(m, u192{lo: 5}); ok {
				q, _ := divU64(m, 10)
				return mk(q, -places, x.neg())
			}
		}
	}
	return slow(x.dec().Round(places))
}

// Ceil returns the least integer >= x (exponent 0, or x itself when exp >= 0).
func (x xd) Ceil() xd {
	if x.exp() >= 0 {
		return x
	}
	if !x.wide() {
		q, exact := truncU(x.m, -int64(x.exp()))
		if !x.neg() && !exact {
			var ok bool
			if q, ok = addU(q, u192{lo: 1}); !ok {
				return slow(x.dec().Ceil())
			}
		}
		return mk(q, 0, x.neg())
	}
	return slow(x.dec().Ceil())
}

// Floor returns the greatest integer <= x (exponent 0, or x itself when exp >= 0).
func (x xd) Floor() xd {
	if x.exp() >= 0 {
		return x
	}
	if !x.wide() {
		q, exact := truncU(x.m, -int64(x.exp()))
		if x.neg() && !exact {
			var ok bool
			if q, ok = addU(q, u192{lo: 1}); !ok {
				return slow(x.dec().Floor())
			}
		}
		return mk(q, 0, x.neg())
	}
	return slow(x.dec().Floor())
}

// IntPart returns the integer part (truncated towards zero) as decimal's IntPart does.
func (x xd) IntPart() int64 {
	if !x.wide() {
		var m u192
		if e := x.exp(); e >= 0 {
			var ok bool
			if m, ok = scaleU(x.m, int64(e)); !ok {
				return x.dec().IntPart()
			}
		} else {
			m, _ = truncU(x.m, -int64(e))
		}
		n := int64(m.lo) // big.Int.Int64: the low word, then the sign
		if x.neg() {
			n = -n
		}
		return n
	}
	return x.dec().IntPart()
}

// isInt reports whether x is a whole number.
func (x xd) isInt() bool {
	if x.exp() >= 0 {
		return true
	}
	if x.wide() {
		return x.dec().IsInteger()
	}
	_, exact := truncU(x.m, -int64(x.exp()))
	return exact
}

// ---- comparisons ----

func (x xd) Cmp(y xd) int {
	if (x.meta|y.meta)&wideFlag != 0 {
		return x.dec().Cmp(y.dec())
	}
	xe, ye := x.exp(), y.exp()
	xn, yn := x.neg(), y.neg()
	if xe == ye && xn == yn {
		c := cmpU(x.m, y.m)
		if xn {
			c = -c
		}
		return c
	}
	sx, sy := x.Sign(), y.Sign()
	if sx != sy {
		if sx > sy {
			return 1
		}
		return -1
	}
	if sx == 0 {
		return 0
	}
	var c int
	if xe > ye {
		if m, ok := scaleU(x.m, int64(xe)-int64(ye)); ok {
			c = cmpU(m, y.m)
		} else {
			c = 1 // x's coefficient scaled past 2^192 > y's
		}
	} else {
		if m, ok := scaleU(y.m, int64(ye)-int64(xe)); ok {
			c = cmpU(x.m, m)
		} else {
			c = -1
		}
	}
	if sx < 0 {
		c = -c
	}
	return c
}

func (x xd) Equal(y xd) bool              { return x.Cmp(y) == 0 }
func (x xd) LessThan(y xd) bool           { return x.Cmp(y) < 0 }
func (x xd) LessThanOrEqual(y xd) bool    { return x.Cmp(y) <= 0 }
func (x xd) GreaterThan(y xd) bool        { return x.Cmp(y) > 0 }
func (x xd) GreaterThanOrEqual(y xd) bool { return x.Cmp(y) >= 0 }

// xMin and xMax return the first argument on a tie, as decimal.Min and Max.
func xMin(a, b xd) xd {
	if b.Cmp(a) < 0 {
		return b
	}
	return a
}

func xMax(a, b xd) xd {
	if b.Cmp(a) > 0 {
		return b
	}
	return a
}

// approx converts x to float64 to steer the search, exactly as
// float64(coefficient) x 10^exponent (the coefficient rounded to nearest).
func (x xd) approx() float64 {
	var f float64
	if x.wide() {
		f, _ = loadWide(x).Float64()
	} else {
		f = x.m.float()
		if x.neg() {
			f = -f
		}
	}
	return f * math.Pow10(int(x.exp()))
}

// ---- formatting ----

// appendDigits appends the decimal digits of a.
func appendDigits(dst []byte, a u192) []byte {
	if a.fits64() {
		return appendUint(dst, a.lo)
	}
	var buf [60]byte
	i := len(buf)
	for !a.isZero() {
		var r uint64
		a, r = divU64(a, 1e19)
		for j := 0; j < 19; j++ {
			i--
			buf[i] = byte('0' + r%10)
			r /= 10
			if a.isZero() && r == 0 {
				break
			}
		}
	}
	return append(dst, buf[i:]...)
}

// appendNumFast is appendNum for a one-word coefficient and exponent in [-19, 0].
func appendNumFast(dst []byte, x xd, places int32) []byte {
	k := -x.exp()
	p10 := pow10u64[k]
	ip, fp := x.m.lo/p10, x.m.lo%p10 // integer part, fraction of k digits
	if fp == 0 && ip < 1e15 {
		n := int64(ip)
		if x.neg() {
			n = -n
		}
		return appendGroupInt(dst, n)
	}
	if k > places { // round half away from zero to places digits
		d := pow10u64[k-places]
		q, r := fp/d, fp%d
		if r >= d-r {
			q++
		}
		fp, k = q, places
		if fp == pow10u64[k] {
			ip, fp = ip+1, 0
		}
	}
	for k > 0 && fp%10 == 0 { // drop trailing zeros
		fp /= 10
		k--
	}
	if x.neg() && (ip != 0 || fp != 0) {
		dst = append(dst, '-')
	}
	var buf [20]byte
	ds := appendUint(buf[:0], ip)
	for i, c := range ds {
		if i > 0 && (len(ds)-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, c)
	}
	if k > 0 {
		dst = append(dst, '.')
		var fb [20]byte
		fs := appendUint(fb[:0], fp)
		for range int(k) - len(fs) {
			dst = append(dst, '0')
		}
		dst = append(dst, fs...)
	}
	return dst
}

// appendGroupInt appends n with thousands separators.
func appendGroupInt(dst []byte, n int64) []byte {
	if n < 0 {
		dst = append(dst, '-')
	}
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	var buf [20]byte
	ds := appendUint(buf[:0], u)
	for i, c := range ds {
		if i > 0 && (len(ds)-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, c)
	}
	return dst
}

func appendUint(dst []byte, n uint64) []byte {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(dst, buf[i:]...)
}

// appendNum appends x rounded half away from zero to at most places decimals,
// with thousands separators and without trailing zeros (the format of num).
func appendNum(dst []byte, x xd, places int32) []byte {
	if x.small() && x.exp() <= 0 && x.exp() >= -19 && places >= 0 && places <= 18 {
		return appendNumFast(dst, x, places)
	}
	if x.isInt() {
		// As num always did: whole numbers print from IntPart (which, like
		// decimal's, keeps only the low 64 bits of a huge one).
		if n := x.IntPart(); n > -1e15 && n < 1e15 {
			return appendGroupInt(dst, n)
		}
	}
	if x.wide() || x.exp() > 0 || x.exp() < -60 {
		return append(dst, numDec(x.dec(), places)...)
	}
	if x.exp() < -places {
		x = x.Round(places)
		if x.wide() {
			return append(dst, numDec(x.dec(), places)...)
		}
	}
	if x.m.isZero() {
		return append(dst, '0')
	}
	var buf [64]byte
	ds := appendDigits(buf[:0], x.m)
	frac := int(-x.exp())
	var ip, fp []byte
	if len(ds) > frac {
		ip, fp = ds[:len(ds)-frac], ds[len(ds)-frac:]
	} else {
		ip = []byte{'0'}
		var z [64]byte
		n := copy(z[:], "0000000000000000000000000000000000000000000000000000000000000000"[:frac-len(ds)])
		n += copy(z[n:], ds)
		fp = z[:n]
	}
	for len(fp) > 0 && fp[len(fp)-1] == '0' {
		fp = fp[:len(fp)-1]
	}
	if x.neg() {
		dst = append(dst, '-')
	}
	for i, c := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, c)
	}
	if len(fp) > 0 {
		dst = append(dst, '.')
		dst = append(dst, fp...)
	}
	return dst
}
