package pricing

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// randDecimal draws a decimal of mixed size: small coefficients (most bill
// values), 19–40 digit ones (long exact products, past 2^64 and 2^128), either
// sign, zero, and exponents from -40 to 10.
func randDecimal(r *rand.Rand) decimal.Decimal {
	e := int32(r.IntN(51) - 40)
	switch r.IntN(8) {
	case 0:
		return decimal.New(0, e)
	case 1, 2, 3:
		return decimal.New(r.Int64N(2_000_001)-1_000_000, e)
	case 4, 5:
		return decimal.New(r.Int64()-r.Int64(), e)
	}
	digits := make([]byte, 19+r.IntN(30))
	for i := range digits {
		digits[i] = byte('0' + r.IntN(10))
	}
	c, _ := new(big.Int).SetString(string(digits), 10)
	if r.IntN(2) == 0 {
		c.Neg(c)
	}
	return decimal.NewFromBigInt(c, e)
}

// same reports whether d has x's exact coefficient and exponent.
func same(d dec, x decimal.Decimal) bool {
	return d.e == x.Exponent() && d.c.MathBigInt().Cmp(x.Coefficient()) == 0
}

// TestDecMatchesShopspring checks every dec operation the calculators use
// against decimal.Decimal on the same operands: same coefficient and exponent
// (so the same text), same comparisons. That identity is what keeps every
// bill, golden and JSON output byte-identical.
func TestDecMatchesShopspring(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 4))
	n := 120_000
	if testing.Short() {
		n = 10_000
	}
	for i := range n {
		x, y := randDecimal(r), randDecimal(r)
		a, b := decOf(x), decOf(y)
		if !same(a, x) || !same(b, y) || !same(decOf(a.Shop()), x) {
			t.Fatalf("%d: conversion of %s, %s", i, x, y)
		}
		check := func(op string, got dec, want decimal.Decimal) {
			t.Helper()
			if !same(got, want) {
				t.Fatalf("%d: %s(%s, %s) = %s (e %d), want %s (e %d)", i, op, x, y, got, got.e, want, want.Exponent())
			}
		}
		check("Add", a.Add(b), x.Add(y))
		check("Sub", a.Sub(b), x.Sub(y))
		check("Mul", a.Mul(b), x.Mul(y))
		check("Abs", a.Abs(), x.Abs())
		check("Neg", a.Neg(), x.Neg())
		check("Ceil", a.Ceil(), x.Ceil())
		check("Floor", a.Floor(), x.Floor())
		shift := int32(r.IntN(9) - 4)
		check("Shift", a.Shift(shift), x.Shift(shift))
		places := int32(r.IntN(20) - 3)
		check("Truncate", a.Truncate(places), x.Truncate(places))
		if a.NumDigits() != x.NumDigits() || a.IsInteger() != x.IsInteger() {
			t.Fatalf("%d: NumDigits/IsInteger of %s differ", i, x)
		}
		if !trimZeros(a).Equal(a) || !same(trimZeros(a), shopTrim(x)) || !same(a, x) {
			t.Fatalf("%d: trimZeros(%s) = %s (e %d)", i, x, trimZeros(a), trimZeros(a).e)
		}
		check("Round", a.Round(places), x.Round(places))
		if !y.IsZero() {
			prec := int32(r.IntN(20))
			check("DivRound", a.DivRound(b, prec), x.DivRound(y, prec))
			check("Div", a.Div(b), x.Div(y))
		}
		if a.Cmp(b) != x.Cmp(y) || a.Equal(b) != x.Equal(y) || a.LessThan(b) != x.LessThan(y) ||
			a.LessThanOrEqual(b) != x.LessThanOrEqual(y) || a.GreaterThan(b) != x.GreaterThan(y) ||
			a.GreaterThanOrEqual(b) != x.GreaterThanOrEqual(y) || a.Sign() != x.Sign() || a.IsZero() != x.IsZero() {
			t.Fatalf("%d: comparisons of %s and %s differ", i, x, y)
		}
		if x.Abs().LessThan(decimal.New(1, 18)) && a.IntPart() != x.IntPart() {
			t.Fatalf("%d: IntPart(%s) = %d, want %d", i, x, a.IntPart(), x.IntPart())
		}
		if a.String() != x.String() || a.StringFixed(places) != x.StringFixed(places) {
			t.Fatalf("%d: text of %s: %q %q, want %q %q", i, x, a.String(), a.StringFixed(places), x.String(), x.StringFixed(places))
		}
		if want := shopApprox(x); approx(a) != want {
			t.Fatalf("%d: approx(%s) = %v, want %v", i, x, approx(a), want)
		}
	}
}

// dd is d for internal code: a dec.
func dd(s string) dec { return decRequire(s) }

// shopTrim drops the coefficient's trailing zeros of a decimal.Decimal.
func shopTrim(x decimal.Decimal) decimal.Decimal {
	if x.IsZero() {
		return x
	}
	c, e := x.Coefficient(), x.Exponent()
	ten, q, m := big.NewInt(10), new(big.Int), new(big.Int)
	for {
		q.QuoRem(c, ten, m)
		if m.Sign() != 0 {
			return decimal.NewFromBigInt(c, e)
		}
		c, q = q, c
		e++
	}
}

// shopApprox is approx as it was on decimal.Decimal.
func shopApprox(d decimal.Decimal) float64 {
	f, _ := d.Coefficient().Float64()
	return f * math.Pow10(int(d.Exponent()))
}

var sinkDec dec
var sinkDecimal decimal.Decimal

// BenchmarkDecOps and BenchmarkShopspringOps price one typical bill line
// (quantity × rate, summed, a free allowance taken off) both ways.
func BenchmarkDecOps(b *testing.B) {
	q, p, f := decNew(30_000_000, 0).Mul(decNew(120, -3)).Mul(decNew(512, 0)).DivRound(decInt(1024), 12), decNew(166667, -10), decNew(400000, 0)
	b.ReportAllocs()
	for b.Loop() {
		net := q.Sub(f)
		sinkDec = sinkDec.Add(net.Mul(p))
		if net.GreaterThan(q) {
			b.Fatal()
		}
	}
}

func BenchmarkShopspringOps(b *testing.B) {
	q, p, f := decimal.New(30_000_000, 0).Mul(decimal.New(120, -3)).Mul(decimal.New(512, 0)).DivRound(decimal.NewFromInt(1024), 12), decimal.New(166667, -10), decimal.New(400000, 0)
	b.ReportAllocs()
	for b.Loop() {
		net := q.Sub(f)
		sinkDecimal = sinkDecimal.Add(net.Mul(p))
		if net.GreaterThan(q) {
			b.Fatal()
		}
	}
}

// Cmp decides by order of magnitude when it can; values of one magnitude at
// different exponents (equal, or a last digit apart) take the scaling path.
func TestDecCmpSameMagnitude(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"1.5", "1.50", 0}, {"1.5", "1.49999999999999999999999999", 1}, {"-1.5", "-1.5000000000000000000000000001", 1},
		{"999", "1000.0", -1}, {"0.001", "0.00100", 0}, {"12345678901234567890.123", "12345678901234567890.1230000000000000001", -1},
		{"-0.5", "0.5", -1}, {"0", "0.000", 0}, {"100", "99.99999999999999999999999999999999999999", 1},
	}
	for _, c := range cases {
		x, y := decimal.RequireFromString(c.a), decimal.RequireFromString(c.b)
		if got := decOf(x).Cmp(decOf(y)); got != c.want || got != x.Cmp(y) {
			t.Errorf("Cmp(%s, %s) = %d, want %d (shopspring %d)", c.a, c.b, got, c.want, x.Cmp(y))
		}
	}
}
