package pricing

import (
	"encoding/binary"
	"math"
	"math/big"
	"math/bits"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/shopspring/decimal"
)

// dec is a decimal with shopspring/decimal's semantics (c × 10^e, exact Add,
// Sub and Mul, DivRound and Round half away from zero) whose coefficient is an
// apd.BigInt: values below 2^128 live inline, so arithmetic on them does not
// allocate, where every decimal.Decimal operation allocates a big.Int.
//
// A dec is immutable: every method writes a fresh result and never its
// receiver or argument. That matters because a copied apd.BigInt shares its
// heap value when it has one.
type dec struct {
	c apd.BigInt
	e int32
}

// pow10s[n] is 10^n: to 10^38 inline, beyond on the heap, built once and
// only read (exact products reach 10^100 and more).
var pow10s = func() (t [160]apd.BigInt) {
	t[0].SetInt64(1)
	ten := apd.NewBigInt(10)
	for i := 1; i < len(t); i++ {
		t[i].Mul(&t[i-1], ten)
	}
	return t
}()

// pow10Into sets z to 10^n and returns it (or a table entry, read-only).
func pow10Into(z *apd.BigInt, n int64) *apd.BigInt {
	if n < int64(len(pow10s)) {
		return &pow10s[n]
	}
	z.Exp(apd.NewBigInt(10), apd.NewBigInt(n), nil)
	return z
}

// decNew is c × 10^e, as decimal.New.
func decNew(c int64, e int32) dec {
	var d dec
	d.c.SetInt64(c)
	d.e = e
	return d
}

// decInt is n, as decimal.NewFromInt.
func decInt(n int64) dec { return decNew(n, 0) }

// decOf converts a decimal.Decimal, keeping its exponent.
func decOf(x decimal.Decimal) dec {
	var d dec
	if x.NumDigits() <= 18 {
		d.c.SetInt64(x.CoefficientInt64())
	} else {
		d.c.SetMathBigInt(x.Coefficient())
	}
	d.e = x.Exponent()
	return d
}

// Shop converts d to a decimal.Decimal with the same coefficient and exponent.
func (d dec) Shop() decimal.Decimal {
	if d.c.IsInt64() {
		return decimal.New(d.c.Int64(), d.e)
	}
	return decimal.NewFromBigInt(d.c.MathBigInt(), d.e)
}

// rescale is d with exponent e, as shopspring's rescale: the coefficient is
// multiplied, or divided truncating toward zero.
func (d dec) rescale(e int32) dec {
	if d.e == e {
		return d
	}
	var r dec
	var tmp apd.BigInt
	diff := int64(d.e) - int64(e)
	if diff > 0 {
		mulInto(&r.c, &d.c, pow10Into(&tmp, diff))
	} else {
		if p := pow10Into(&tmp, -diff); !quoOK(&r.c, &d.c, p) {
			r.c.Quo(&d.c, p)
		}
	}
	r.e = e
	return r
}

func (d dec) Add(b dec) dec { return d.addSub(b, false) }
func (d dec) Sub(b dec) dec { return d.addSub(b, true) }

// addSub is d + b, or d - b when sub, at the smaller exponent.
func (d dec) addSub(b dec, sub bool) dec {
	e := min(d.e, b.e)
	x, y := d.rescale(e), b.rescale(e)
	var r dec
	addInto(&r.c, &x.c, &y.c, sub)
	r.e = e
	return r
}

func (d dec) Mul(b dec) dec {
	var r dec
	mulInto(&r.c, &d.c, &b.c)
	r.e = d.e + b.e
	return r
}

// The 128-bit paths below exist because apd.BigInt keeps two words inline
// but asks math/big for one word more than the operands' length whenever an
// operand has two, so every product or sum of a 65–128-bit value allocated
// even when the result fits inline again (the bills' quantities are often
// that long: 16- and 24-place divisions). They read the words with Bits and
// write the result with SetBytes, both of which stay inline; anything wider
// goes to apd. TestDecMatchesShopspring checks both paths.

// mulInto sets z = x × y.
func mulInto(z, x, y *apd.BigInt) {
	if hi, lo, ok := mul128(x, y); ok {
		setU128(z, hi, lo, (x.Sign() < 0) != (y.Sign() < 0))
		return
	}
	z.Mul(x, y)
}

// mul128 returns |x × y| as two words when both operands and the product fit 128 bits.
func mul128(x, y *apd.BigInt) (hi, lo uint64, ok bool) {
	if bits.UintSize != 64 {
		return 0, 0, false
	}
	xb, yb := x.Bits(), y.Bits()
	if len(xb) < len(yb) {
		xb, yb = yb, xb
	}
	switch {
	case len(yb) == 0:
		return 0, 0, true
	case len(xb) > 2 || len(yb) > 1:
		return 0, 0, false
	}
	y0 := uint64(yb[0])
	h, l := bits.Mul64(uint64(xb[0]), y0)
	if len(xb) == 1 {
		return h, l, true
	}
	h1, l1 := bits.Mul64(uint64(xb[1]), y0)
	if h1 != 0 {
		return 0, 0, false
	}
	hi, carry := bits.Add64(h, l1, 0)
	return hi, l, carry == 0
}

// addInto sets z = x + y (y negated when sub).
func addInto(z, x, y *apd.BigInt, sub bool) {
	if bits.UintSize == 64 {
		xb, yb := x.Bits(), y.Bits()
		if len(xb) <= 2 && len(yb) <= 2 && (len(xb) == 2 || len(yb) == 2) {
			xh, xl := words(xb)
			yh, yl := words(yb)
			xn, yn := x.Sign() < 0, (y.Sign() < 0) != sub
			if xn == yn {
				lo, c := bits.Add64(xl, yl, 0)
				hi, c := bits.Add64(xh, yh, c)
				if c == 0 {
					setU128(z, hi, lo, xn)
					return
				}
			} else {
				// Subtract the smaller magnitude from the larger; the sign is the larger's.
				if xh < yh || xh == yh && xl < yl {
					xh, xl, yh, yl, xn = yh, yl, xh, xl, yn
				}
				lo, b := bits.Sub64(xl, yl, 0)
				hi, _ := bits.Sub64(xh, yh, b)
				setU128(z, hi, lo, xn)
				return
			}
		}
	}
	if sub {
		z.Sub(x, y)
	} else {
		z.Add(x, y)
	}
}

// quoSmall sets z = x / y truncated toward zero and returns the remainder's
// magnitude, when x fits 128 bits and y is a positive one-word value.
func quoSmall(z, x, y *apd.BigInt) (rem uint64, ok bool) {
	if bits.UintSize != 64 || y.Sign() <= 0 {
		return 0, false
	}
	xb, yb := x.Bits(), y.Bits()
	if len(xb) > 2 || len(yb) != 1 {
		return 0, false
	}
	d := uint64(yb[0])
	xh, xl := words(xb)
	qh, r := xh/d, xh%d
	ql, r := bits.Div64(r, xl, d)
	setU128(z, qh, ql, x.Sign() < 0)
	return r, true
}

// quoOK is quoSmall without the remainder.
func quoOK(z, x, y *apd.BigInt) bool {
	_, ok := quoSmall(z, x, y)
	return ok
}

// words returns a magnitude of at most two words as (high, low).
func words(b []big.Word) (hi, lo uint64) {
	switch len(b) {
	case 2:
		return uint64(b[1]), uint64(b[0])
	case 1:
		return 0, uint64(b[0])
	}
	return 0, 0
}

// setU128 sets z to ±(hi·2^64 + lo) without leaving its inline words.
func setU128(z *apd.BigInt, hi, lo uint64, neg bool) {
	if hi == 0 {
		z.SetUint64(lo)
	} else {
		var b [16]byte
		binary.BigEndian.PutUint64(b[:8], hi)
		binary.BigEndian.PutUint64(b[8:], lo)
		z.SetBytes(b[:])
	}
	if neg && (hi|lo) != 0 {
		z.Neg(z)
	}
}

func (d dec) Neg() dec {
	if d.c.Sign() == 0 {
		return d // apd's Neg of 0 would show as "-0"
	}
	var r dec
	r.c.Neg(&d.c)
	r.e = d.e
	return r
}

func (d dec) Abs() dec {
	if d.c.Sign() >= 0 {
		return d
	}
	return d.Neg()
}

func (d dec) Sign() int    { return d.c.Sign() }
func (d dec) IsZero() bool { return d.c.Sign() == 0 }

// DivRound is d/b rounded half away from zero to precision fractional digits
// (exponent -precision), as decimal.DivRound.
func (d dec) DivRound(b dec, precision int32) dec {
	if b.c.Sign() == 0 {
		panic("decimal division by 0")
	}
	e := int64(d.e) - int64(b.e) + int64(precision)
	var num, den, t1, t2 apd.BigInt
	if e < 0 {
		num.Set(&d.c)
		mulInto(&den, &b.c, pow10Into(&t1, -e))
	} else {
		mulInto(&num, &d.c, pow10Into(&t1, e))
		den.Set(&b.c)
	}
	var r dec
	r.e = -precision
	neg := d.c.Sign()*b.c.Sign() < 0
	var up bool
	var absDen apd.BigInt
	absDen.Abs(&den)
	if rem, ok := quoSmall(&r.c, &num, &absDen); ok {
		// Truncated toward zero with den's sign folded in; half away from zero.
		dv := absDen.Uint64()
		up = rem >= dv-rem
		if den.Sign() < 0 && r.c.Sign() != 0 {
			r.c.Neg(&r.c)
		}
	} else {
		var rem apd.BigInt
		r.c.QuoRem(&num, &den, &rem)
		rem.Abs(&rem)
		rem.Lsh(&rem, 1)
		up = rem.CmpAbs(&den) >= 0
	}
	if up {
		addInto(&t2, &r.c, &pow10s[0], neg)
		r.c = t2
	}
	return r
}

// Div is DivRound to decimal.DivisionPrecision digits, as decimal.Div.
func (d dec) Div(b dec) dec { return d.DivRound(b, int32(decimal.DivisionPrecision)) }

// Round is d rounded half away from zero to places fractional digits, with
// exponent -places, as decimal.Round.
func (d dec) Round(places int32) dec {
	if d.e == -places {
		return d
	}
	x := d.rescale(-places - 1)
	var t, r dec
	addInto(&t.c, &x.c, &five, x.c.Sign() < 0)
	if !quoOK(&r.c, &t.c, &pow10s[1]) {
		r.c.Quo(&t.c, &pow10s[1])
	}
	r.e = x.e + 1
	return r
}

var five = *apd.NewBigInt(5)

func (d dec) Cmp(b dec) int {
	if d.e == b.e {
		return d.c.Cmp(&b.c)
	}
	s, s2 := d.Sign(), b.Sign()
	if s != s2 {
		if s > s2 {
			return 1
		}
		return -1
	} else if s == 0 {
		return 0
	}
	// Different orders of magnitude decide without scaling (scaling a long
	// coefficient past 128 bits would allocate).
	if m, m2 := int64(d.NumDigits())+int64(d.e), int64(b.NumDigits())+int64(b.e); m != m2 {
		if (m > m2) == (s > 0) {
			return 1
		}
		return -1
	}
	var scaled, tmp apd.BigInt
	if d.e < b.e {
		mulInto(&scaled, &b.c, pow10Into(&tmp, int64(b.e)-int64(d.e)))
		return d.c.Cmp(&scaled)
	}
	mulInto(&scaled, &d.c, pow10Into(&tmp, int64(d.e)-int64(b.e)))
	return scaled.Cmp(&b.c)
}

func (d dec) Equal(b dec) bool              { return d.Cmp(b) == 0 }
func (d dec) LessThan(b dec) bool           { return d.Cmp(b) < 0 }
func (d dec) LessThanOrEqual(b dec) bool    { return d.Cmp(b) <= 0 }
func (d dec) GreaterThan(b dec) bool        { return d.Cmp(b) > 0 }
func (d dec) GreaterThanOrEqual(b dec) bool { return d.Cmp(b) >= 0 }

// IntPart is the integer part, truncated toward zero, as decimal.IntPart.
func (d dec) IntPart() int64 {
	x := d.rescale(0)
	return x.c.Int64()
}

// Exponent is d's exponent.
func (d dec) Exponent() int32 { return d.e }

// String formats d as decimal.String: fixed point, trailing fractional zeros
// dropped.
func (d dec) String() string { return d.format(true) }

// StringFixed formats d rounded to places, as decimal.StringFixed.
func (d dec) StringFixed(places int32) string { return d.Round(places).format(false) }

// format is shopspring's string(trimTrailingZeros, false).
func (d dec) format(trim bool) string {
	if d.e == 0 {
		return d.c.String()
	}
	if d.e > 0 {
		x := d.rescale(0)
		return x.c.String()
	}
	var buf [48]byte
	str := string(d.c.Append(buf[:0], 10))
	sign := ""
	if str[0] == '-' {
		sign, str = "-", str[1:]
	}
	var intPart, leadingZeros, fractionalPart string
	exp := int(d.e)
	if len(str) > -exp {
		intPart = str[:len(str)+exp]
		fractionalPart = str[len(str)+exp:]
	} else {
		intPart = "0"
		leadingZeros = strings.Repeat("0", -exp-len(str))
		fractionalPart = str
	}
	if trim {
		fractionalPart = strings.TrimRight(fractionalPart, "0")
		if fractionalPart == "" {
			leadingZeros = ""
		}
	}
	if len(leadingZeros)+len(fractionalPart) > 0 {
		return sign + intPart + "." + leadingZeros + fractionalPart
	}
	return sign + intPart
}

// approxDec is approx for a dec: float64(coefficient) × 10^exponent.
func approxDec(d dec) float64 {
	var f float64
	switch n := d.c.BitLen(); {
	case n <= 63:
		f = float64(d.c.Int64())
	case n <= 128:
		f = roundedFloat(&d.c, n)
	default:
		f, _ = d.c.MathBigInt().Float64()
	}
	return f * math.Pow10(int(d.e))
}

// roundedFloat is c (64 <= c's bit length n <= 128) as the nearest float64,
// as big.Int.Float64 rounds it, without leaving the inline words: the top 64
// bits, with a sticky low bit when anything below them is set, round to 53
// bits as c itself does.
func roundedFloat(c *apd.BigInt, n int) float64 {
	var a, top, back apd.BigInt
	a.Abs(c)
	shift := uint(n - 64)
	top.Rsh(&a, shift)
	back.Lsh(&top, shift)
	u := top.Uint64()
	if back.Cmp(&a) != 0 {
		u |= 1
	}
	f := math.Ldexp(float64(u), int(shift))
	if c.Sign() < 0 {
		f = -f
	}
	return f
}

// decZero is 0.
var decZero dec

// decMax and decMin are decimal.Max and decimal.Min: the first unless a later
// one is strictly beyond it.
func decMax(first dec, rest ...dec) dec {
	m := first
	for _, x := range rest {
		if x.Cmp(m) > 0 {
			m = x
		}
	}
	return m
}

func decMin(first dec, rest ...dec) dec {
	m := first
	for _, x := range rest {
		if x.Cmp(m) < 0 {
			m = x
		}
	}
	return m
}

// decFromString parses s as decimal.NewFromString does (same exponent).
func decFromString(s string) (dec, error) {
	x, err := decimal.NewFromString(s)
	if err != nil {
		return dec{}, err
	}
	return decOf(x), nil
}

// decRequire is decFromString that panics, as decimal.RequireFromString.
func decRequire(s string) dec { return decOf(decimal.RequireFromString(s)) }

// Ceil is the least integer >= d (exponent 0 unless d's is already >= 0).
func (d dec) Ceil() dec {
	if d.e >= 0 {
		return d
	}
	var r dec
	var m, tmp apd.BigInt
	r.c.DivMod(&d.c, pow10Into(&tmp, -int64(d.e)), &m)
	if m.Sign() != 0 {
		var t apd.BigInt
		t.Add(&r.c, &pow10s[0])
		r.c = t
	}
	return r
}

// Floor is the greatest integer <= d (exponent 0 unless d's is already >= 0).
func (d dec) Floor() dec {
	if d.e >= 0 {
		return d
	}
	var r dec
	var tmp apd.BigInt
	r.c.Div(&d.c, pow10Into(&tmp, -int64(d.e)))
	return r
}

// Truncate drops digits past precision, as decimal.Truncate.
func (d dec) Truncate(precision int32) dec {
	if -precision > d.e {
		return d.rescale(-precision)
	}
	return d
}

// Shift is d × 10^s (the coefficient unchanged).
func (d dec) Shift(s int32) dec {
	d.e += s
	return d
}

// NumDigits is the number of digits of the coefficient (1 for zero).
func (d dec) NumDigits() int {
	if d.c.Sign() == 0 {
		return 1
	}
	var a apd.BigInt
	a.Abs(&d.c)
	// bits × 1233 / 4096 is floor(log10(2^bits)): the digit count or one less.
	n := a.BitLen() * 1233 >> 12
	if n+1 >= len(pow10s) {
		var buf [200]byte
		return len(a.Append(buf[:0], 10))
	}
	if a.Cmp(&pow10s[n]) >= 0 {
		n++
	}
	return n
}

// IsInteger reports whether d has no fractional part.
func (d dec) IsInteger() bool {
	if d.e >= 0 || d.c.Sign() == 0 {
		return true
	}
	var q, r, tmp apd.BigInt
	q.QuoRem(&d.c, pow10Into(&tmp, -int64(d.e)), &r)
	return r.Sign() == 0
}

// IsPositive reports d > 0.
func (d dec) IsPositive() bool { return d.c.Sign() > 0 }

// CoefficientInt64 is the coefficient when it fits an int64.
func (d dec) CoefficientInt64() int64 { return d.c.Int64() }

// Float64 is decimal.Float64 (rare: goes through shopspring).
func (d dec) Float64() (float64, bool) { return d.Shop().Float64() }
