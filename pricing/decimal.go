package pricing

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// approx converts d to float64 as float64(coefficient) × 10^exponent, the
// coefficient rounded to nearest. It only steers searches (where to look
// next); every decision rests on exact comparisons. decimal's own Float64 goes
// through big.Rat for the long exponents exact products have.
func approx(d decimal.Decimal) float64 {
	var f float64
	if d.NumDigits() <= 18 { // the coefficient fits an int64; NumDigits does not allocate then
		f = float64(d.CoefficientInt64())
	} else {
		f, _ = d.Coefficient().Float64()
	}
	return f * math.Pow10(int(d.Exponent()))
}

// trimZeros drops trailing zeros from the coefficient (the value is unchanged),
// so a quantity made of long exact products shows as few digits as it needs.
func trimZeros(d decimal.Decimal) decimal.Decimal {
	if d.IsZero() {
		return d
	}
	if d.NumDigits() <= 18 {
		c, e := d.CoefficientInt64(), d.Exponent()
		for c%10 == 0 {
			c, e = c/10, e+1
		}
		return decimal.New(c, e)
	}
	c, e := d.Coefficient(), d.Exponent()
	ten, q, r := big.NewInt(10), new(big.Int), new(big.Int)
	for {
		q.QuoRem(c, ten, r)
		if r.Sign() != 0 {
			break
		}
		c, q = q, c
		e++
	}
	return decimal.NewFromBigInt(c, e)
}

// coefficientBits is the bit length of d's coefficient's magnitude.
func coefficientBits(d decimal.Decimal) int {
	if d.NumDigits() <= 18 {
		c := d.CoefficientInt64()
		if c < 0 {
			c = -c
		}
		return big.NewInt(c).BitLen()
	}
	return d.Coefficient().BitLen()
}

// appendNum appends num(x, places).
func appendNum(dst []byte, x decimal.Decimal, places int32) []byte {
	return append(dst, numDec(x, places)...)
}

// appendGroupInt appends n with thousands separators.
func appendGroupInt(dst []byte, n int64) []byte { return append(dst, groupInt(n)...) }
