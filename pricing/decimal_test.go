package pricing

import (
	"math/rand/v2"
	"testing"
)

// TestAppendNumMatchesNumDec checks the integer fast path of appendNum
// against numDec digit for digit.
func TestAppendNumMatchesNumDec(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []dec{zero, decNew(-4, -3), decNew(-1996, -3), decNew(5, -1), decNew(-5, -1),
		decNew(999_999_999_999_999, 0), decNew(1_000_000_000_000_000, 0), decNew(123, 13), decNew(1, -18),
		decNew(-999_999_999_999_999_999, -2), decNew(100_000_000_000_000_000, -3)}
	for range 50_000 {
		digits := rng.IntN(19)
		c := rng.Int64N(pow10i[min(digits, 18)] + 1)
		if rng.IntN(3) == 0 {
			c = -c
		}
		d := decNew(c, int32(rng.IntN(30)-22))
		if rng.IntN(4) == 0 { // long exact products, as quantities are
			d = d.Mul(decNew(rng.Int64N(1e18), int32(-rng.IntN(24))))
		}
		cases = append(cases, d)
	}
	for _, d := range cases {
		for _, places := range []int32{0, 1, 2, 3, 6, 10} {
			if got, want := string(appendNum(nil, d, places)), numDec(d, places); got != want {
				t.Fatalf("appendNum(%s, %d) = %q, numDec %q", d.String(), places, got, want)
			}
		}
	}
}
