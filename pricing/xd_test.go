package pricing

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// sameRep reports whether x has exactly d's coefficient and exponent.
func sameRep(x xd, d decimal.Decimal) bool {
	return x.exp() == d.Exponent() && x.coef().Cmp(d.Coefficient()) == 0
}

// randDec draws decimals of every size the engine meets: small, around the
// 64-, 128- and 192-bit boundaries and beyond, with exponents from -40 to 12.
func randDec(rng *rand.Rand) decimal.Decimal {
	var c big.Int
	switch rng.IntN(8) {
	case 0:
		c.SetInt64(int64(rng.IntN(10)))
	case 1:
		c.SetInt64(rng.Int64N(1_000_000))
	case 2:
		c.SetUint64(rng.Uint64())
	case 3:
		c.Lsh(c.SetUint64(rng.Uint64()), uint(rng.IntN(64)+1))
	case 4:
		c.Lsh(c.SetUint64(rng.Uint64()), uint(rng.IntN(70)+60))
	case 5:
		c.Lsh(c.SetUint64(rng.Uint64()), uint(rng.IntN(20)+120))
	case 6:
		c.Exp(big.NewInt(10), big.NewInt(int64(rng.IntN(60))), nil)
	default:
		c.Exp(big.NewInt(10), big.NewInt(int64(rng.IntN(60))), nil)
		c.Sub(&c, big.NewInt(int64(rng.IntN(3))))
	}
	if rng.IntN(3) == 0 {
		c.Neg(&c)
	}
	return decimal.NewFromBigInt(&c, int32(rng.IntN(53)-40))
}

func TestXDMirrorsDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(op string, a, b decimal.Decimal, got xd, want decimal.Decimal) {
		t.Helper()
		if !sameRep(got, want) {
			t.Fatalf("%s(%s [%s e%d], %s [%s e%d]) = %s e%d, want %s e%d", op, a, a.Coefficient(), a.Exponent(), b, b.Coefficient(), b.Exponent(),
				got.coef(), got.exp(), want.Coefficient(), want.Exponent())
		}
	}
	for range 200_000 {
		a, b := randDec(rng), randDec(rng)
		xa, xb := xDec(a), xDec(b)
		if !sameRep(xa, a) {
			t.Fatalf("xDec(%s) = %s e%d", a, xa.coef(), xa.exp())
		}
		if !sameRep(xDec(xa.dec()), a) || !xa.trimZeros().dec().Equal(a) {
			t.Fatalf("round trip of %s", a)
		}
		check("Add", a, b, xa.Add(xb), a.Add(b))
		check("Sub", a, b, xa.Sub(xb), a.Sub(b))
		check("Mul", a, b, xa.Mul(xb), a.Mul(b))
		if xa.Cmp(xb) != a.Cmp(b) || xb.Cmp(xa) != b.Cmp(a) || xa.Cmp(xa) != 0 {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", a, b, xa.Cmp(xb), a.Cmp(b))
		}
		check("Min", a, b, xMin(xa, xb), decimal.Min(a, b))
		check("Max", a, b, xMax(xa, xb), decimal.Max(a, b))
		if !b.IsZero() {
			p := int32(rng.IntN(30) - 2)
			check("DivRound", a, b, xa.DivRound(xb, p), a.DivRound(b, p))
		}
		p := int32(rng.IntN(12) - 2)
		check("Round", a, decimal.NewFromInt(int64(p)), xa.Round(p), a.Round(p))
		check("Ceil", a, a, xa.Ceil(), a.Ceil())
		check("Floor", a, a, xa.Floor(), a.Floor())
		check("Abs", a, a, xa.Abs(), a.Abs())
		check("Shift", a, a, xa.Shift(int32(p)), a.Shift(int32(p)))
		if a.Exponent() > -30 && a.Exponent() < 5 {
			if xa.IntPart() != a.IntPart() {
				t.Fatalf("IntPart(%s) = %d, want %d", a, xa.IntPart(), a.IntPart())
			}
		}
		if xa.Sign() != a.Sign() || xa.isInt() != a.IsInteger() {
			t.Fatalf("Sign/isInt(%s)", a)
		}
		f, _ := a.Coefficient().Float64()
		if want := f * pow10f(a.Exponent()); xa.approx() != want {
			t.Fatalf("approx(%s) = %v, want %v", a, xa.approx(), want)
		}
		if pl := int32(rng.IntN(8)); a.Exponent() >= -50 {
			if got, want := string(appendNum(nil, xa, pl)), numDec(a, pl); got != want {
				t.Fatalf("num(%s, %d) = %q, want %q", a, pl, got, want)
			}
		}
	}
}

func TestXDEdges(t *testing.T) {
	max192 := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 192), big.NewInt(1))
	vals := []decimal.Decimal{decimal.Zero, decimal.New(0, 1), decimal.New(0, -30), decimal.NewFromInt(1), decimal.NewFromInt(-1),
		decimal.New(5, -1), decimal.New(-5, -1), decimal.New(15, -1), decimal.New(-25, -1), decimal.New(4999999, -7),
		decimal.NewFromBigInt(max192, 0), decimal.NewFromBigInt(max192, -20), decimal.NewFromBigInt(new(big.Int).Neg(max192), 3),
		decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), 191), -5), decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), 64), -2),
		decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), 128), 0), decimal.New(1, 30), decimal.New(-7, -60), decimal.New(1<<62, -3)}
	for _, a := range vals {
		for _, b := range vals {
			xa, xb := xDec(a), xDec(b)
			for _, c := range []struct {
				op   string
				got  xd
				want decimal.Decimal
			}{{"Add", xa.Add(xb), a.Add(b)}, {"Sub", xa.Sub(xb), a.Sub(b)}, {"Mul", xa.Mul(xb), a.Mul(b)}} {
				if !sameRep(c.got, c.want) {
					t.Errorf("%s(%s, %s) = %s e%d, want %s", c.op, a, b, c.got.coef(), c.got.exp(), c.want)
				}
			}
			if xa.Cmp(xb) != a.Cmp(b) {
				t.Errorf("Cmp(%s, %s)", a, b)
			}
			if !b.IsZero() {
				for _, p := range []int32{0, 2, 12, 16, 24} {
					if got, want := xa.DivRound(xb, p), a.DivRound(b, p); !sameRep(got, want) {
						t.Errorf("DivRound(%s, %s, %d) = %s, want %s", a, b, p, got.dec(), want)
					}
				}
			}
		}
		for _, p := range []int32{0, 1, 2, 6} {
			if got, want := xa(a).Round(p), a.Round(p); !sameRep(got, want) {
				t.Errorf("Round(%s, %d) = %s, want %s", a, p, got.dec(), want)
			}
		}
	}
}

func xa(d decimal.Decimal) xd { return xDec(d) }

func pow10f(e int32) float64 { return math.Pow10(int(e)) }

func TestDivU128(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	for range 300_000 {
		a := u192{lo: rng.Uint64(), mid: rng.Uint64(), hi: rng.Uint64() >> uint(rng.IntN(64))}
		d := u192{lo: rng.Uint64(), mid: max(1, rng.Uint64()>>uint(rng.IntN(64)))}
		if rng.IntN(4) == 0 {
			d.lo = 0
		}
		if rng.IntN(5) == 0 {
			a.hi = 0
		}
		q, r := divU128(a, d)
		ba, bd := xd{m: a}.coef(), xd{m: d}.coef()
		bq, br := new(big.Int).QuoRem(ba, bd, new(big.Int))
		gq, gr := xd{m: q}.coef(), xd{m: r}.coef()
		if gq.Cmp(bq) != 0 || gr.Cmp(br) != 0 {
			t.Fatalf("%s / %s = %s r %s, want %s r %s", ba, bd, gq, gr, bq, br)
		}
	}
}

// Wide values made during a calculation live until no calculation that could
// hold them runs; values made outside calculations are kept.
func TestWideStoreReclaims(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(3), 300)
	count := func() int {
		wideStore.mu.Lock()
		defer wideStore.mu.Unlock()
		n := 0
		for g, tb := range wideStore.tables {
			if g != 0 {
				n += len(tb)
			}
		}
		return n
	}
	base := count()
	g1 := beginCalc()
	a := xBig(new(big.Int).Set(huge), -3)
	g2 := beginCalc() // a second calculation, started after a was made
	b := xBig(new(big.Int).Set(huge), 2)
	if !a.wide() || !b.wide() || a.coef().Cmp(huge) != 0 || b.exp() != 2 {
		t.Fatalf("wide values: %v %v", a, b)
	}
	endCalc(g1)
	if b.coef().Cmp(huge) != 0 { // g2 still runs and may hold b
		t.Fatal("b lost while a calculation that may hold it runs")
	}
	endCalc(g2)
	if n := count(); n != base {
		t.Errorf("%d wide values left after every calculation ended, want %d", n, base)
	}
	// Arithmetic through the wide store matches decimal.
	g := beginCalc()
	x := xBig(new(big.Int).Set(huge), -10)
	y := x.Mul(xNew(7, -1)).Add(xInt(1)).Sub(x)
	want := decimal.NewFromBigInt(huge, -10).Mul(decimal.New(7, -1)).Add(decimal.NewFromInt(1)).Sub(decimal.NewFromBigInt(huge, -10))
	if !sameRep(y, want) {
		t.Errorf("wide arithmetic = %s, want %s", y.dec(), want)
	}
	endCalc(g)
}
