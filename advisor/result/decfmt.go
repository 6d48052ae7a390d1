package result

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// pow10 holds 10^0 .. 10^18, the powers that fit an int64.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// appendCents appends d rounded half away from zero to two places, as
// d.StringFixed(2) writes it. Results are mostly money, so this is on the hot
// path of every JSON output; the fast path needs a coefficient of at most 18
// digits, anything else goes through StringFixed.
func appendCents(dst []byte, d decimal.Decimal) []byte {
	coef, exp := d.CoefficientInt64(), int(d.Exponent())
	digits := d.NumDigits()
	var cents int64
	switch {
	case digits > 18 || (exp > -2 && digits+exp+2 > 18) || exp < -20:
		return append(dst, d.StringFixed(2)...)
	case exp >= -2:
		cents = coef * pow10[exp+2]
	default:
		k := -2 - exp // digits dropped
		if k > 18 {
			cents = 0 // |coef| < 10^18 <= 10^k / 2: rounds to zero
			break
		}
		cents = coef / pow10[k]
		rem := coef % pow10[k]
		if rem < 0 {
			rem = -rem
		}
		if k > 0 && rem*2 >= pow10[k] {
			if coef < 0 {
				cents--
			} else {
				cents++
			}
		}
	}
	if cents < 0 {
		dst = append(dst, '-')
		cents = -cents
	}
	dst = strconv.AppendInt(dst, cents/100, 10)
	frac := cents % 100
	return append(dst, '.', byte('0'+frac/10), byte('0'+frac%10))
}

// appendExact appends d's exact value with trailing zeros trimmed, as
// d.String() writes it (fast path for coefficients of at most 18 digits).
func appendExact(dst []byte, d decimal.Decimal) []byte {
	coef, exp := d.CoefficientInt64(), int(d.Exponent())
	digits := d.NumDigits()
	if digits > 18 || (exp > 0 && digits+exp > 18) || exp < -18 {
		return append(dst, d.String()...)
	}
	if exp >= 0 {
		return strconv.AppendInt(dst, coef*pow10[exp], 10)
	}
	if coef < 0 {
		dst = append(dst, '-')
		coef = -coef
	}
	k := -exp
	whole, frac := coef/pow10[k], coef%pow10[k]
	dst = strconv.AppendInt(dst, whole, 10)
	if frac == 0 {
		return dst
	}
	for frac%10 == 0 { // trim trailing zeros
		frac /= 10
		k--
	}
	dst = append(dst, '.')
	for p := pow10[k-1]; p > frac && p > 1; p /= 10 { // leading zeros of the fraction
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, frac, 10)
}
