package pricing

import (
	"math"

	"github.com/cockroachdb/apd/v3"
)

// approx converts d to float64 as float64(coefficient) × 10^exponent, the
// coefficient rounded to nearest. It only steers searches (where to look
// next); every decision rests on exact comparisons.
func approx(d dec) float64 { return approxDec(d) }

// trimZeros drops trailing zeros from the coefficient (the value is unchanged),
// so a quantity made of long exact products shows as few digits as it needs.
func trimZeros(d dec) dec {
	if d.IsZero() {
		return d
	}
	if d.c.IsInt64() {
		c, e := d.c.Int64(), d.e
		for c%10 == 0 {
			c, e = c/10, e+1
		}
		return decNew(c, e)
	}
	// A copy of d.c would share its heap value: work on a fresh one.
	var c, q, r apd.BigInt
	c.Set(&d.c)
	e := d.e
	// Strip 10^16 at a time, then 10^8, 10^4, 10^2 and 10: a long product
	// ends in dozens of zeros.
	for i, n := range pow10sExp {
		for {
			q.QuoRem(&c, &pow10s[n], &r)
			if r.Sign() != 0 {
				break
			}
			c.Set(&q)
			e += pow10sExp[i]
		}
	}
	var out dec
	out.c.Set(&c)
	out.e = e
	return out
}

var pow10sExp = [...]int32{16, 8, 4, 2, 1}

// coefficientBits is the bit length of d's coefficient's magnitude.
func coefficientBits(d dec) int {
	var a apd.BigInt
	return a.Abs(&d.c).BitLen()
}

// appendNum appends num(x, places). A coefficient that fits an int64 (nearly
// every number a sentence shows) is formatted with integer arithmetic, to the
// same digits as numDec.
func appendNum(dst []byte, x dec, places int32) []byte {
	if places >= 0 {
		if x.NumDigits() > 18 && x.Exponent() < -places {
			// numDec shows x rounded to places (an integer rounds to itself).
			x = x.Round(places)
		}
		if x.NumDigits() <= 18 {
			if out, ok := appendNumSmall(dst, x.CoefficientInt64(), x.Exponent(), places); ok {
				return out
			}
		}
	}
	return append(dst, numDec(x, places)...)
}

// appendNumSmall is appendNum for the value c x 10^e, |c| < 10^18; false when
// the value needs numDec (more than 18 digits of scaling, or |value| >= 10^15).
func appendNumSmall(dst []byte, c int64, e, places int32) ([]byte, bool) {
	if e >= 0 {
		// An integer: numDec groups it when below 10^15.
		for ; e > 0; e-- {
			if c >= 1e15 || c <= -1e15 {
				return dst, false
			}
			c *= 10
		}
		if c >= 1e15 || c <= -1e15 {
			return dst, false
		}
		return appendGroupInt(dst, c), true
	}
	k := -e // digits after the point
	if k > 18 {
		return dst, false
	}
	if c%pow10i[k] == 0 {
		n := c / pow10i[k]
		return appendGroupInt(dst, n), n < 1e15 && n > -1e15
	}
	if k > places {
		// Half away from zero, as decimal.Round.
		scale := pow10i[k-places]
		q, r := c/scale, c%scale
		if r < 0 {
			r = -r
		}
		if 2*r >= scale {
			if c < 0 {
				q--
			} else {
				q++
			}
		}
		c, k = q, places
	}
	u := uint64(c)
	if c < 0 {
		dst = append(dst, '-')
		u = uint64(-c)
	}
	ip, fp := u/uint64(pow10i[k]), u%uint64(pow10i[k])
	dst = appendGroupInt(dst, int64(ip))
	if fp == 0 {
		return dst, true
	}
	for fp%10 == 0 {
		fp, k = fp/10, k-1
	}
	dst = append(dst, '.')
	var digits [18]byte
	for i := k - 1; i >= 0; i-- {
		digits[i] = byte('0' + fp%10)
		fp /= 10
	}
	return append(dst, digits[:k]...), true
}

var pow10i = [19]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// appendGroupInt appends n with thousands separators.
func appendGroupInt(dst []byte, n int64) []byte {
	if n < 0 {
		dst = append(dst, '-')
		if n == math.MinInt64 {
			return append(dst, "9,223,372,036,854,775,808"...)
		}
		n = -n
	}
	var digits [20]byte
	i := len(digits)
	for {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	s := digits[i:]
	for j := range s {
		if j > 0 && (len(s)-j)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, s[j])
	}
	return dst
}
