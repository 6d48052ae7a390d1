package result

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

func checkDecimalFormats(t *testing.T, d decimal.Decimal) {
	t.Helper()
	if got, want := string(appendCents(nil, d)), d.StringFixed(2); got != want {
		t.Errorf("appendCents(%s) = %s, want %s", d, got, want)
	}
	if got, want := string(appendExact(nil, d)), d.String(); got != want {
		t.Errorf("appendExact(%s) = %s, want %s", d, got, want)
	}
}

func TestDecimalFormatsMatchShopspring(t *testing.T) {
	for _, s := range []string{
		"0", "-0.001", "0.005", "-0.005", "0.0049999", "1", "12.3", "12.345", "12.355", "-12.345",
		"157.72", "73", "1e3", "1.5e-20", "123456789012345678", "1234567890123456789", "0.000001",
		"9.995", "-9.995", "99999999999999.999", "1e17", "5e-21", "0.10", "100.00",
	} {
		checkDecimalFormats(t, decimal.RequireFromString(s))
	}
	for exp := int32(-22); exp <= 20; exp++ {
		for _, c := range []int64{0, 1, -1, 5, -5, 49, 50, 51, -50, 999999999999999999, -999999999999999999, 123456789} {
			checkDecimalFormats(t, decimal.New(c, exp))
		}
	}
}

func FuzzDecimalFormats(f *testing.F) {
	f.Add(int64(12345), int32(-3))
	f.Add(int64(-5), int32(-3))
	f.Fuzz(func(t *testing.T, coef int64, exp int32) {
		if exp < -40 || exp > 40 {
			return
		}
		checkDecimalFormats(t, decimal.NewFromBigInt(big.NewInt(coef), exp))
	})
}

func BenchmarkMoneyMarshal(b *testing.B) {
	m := USD(decimal.RequireFromString("157.7166"))
	for b.Loop() {
		if _, err := m.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDollarText(t *testing.T) {
	for in, want := range map[string]string{"3993.54": "$3,993.54", "0": "$0.00", "1234567.891": "$1,234,567.89", "-0.25": "-$0.25", "999.995": "$1,000.00", "12": "$12.00"} {
		if got := DollarText(decimal.RequireFromString(in)); got != want {
			t.Errorf("DollarText(%s) = %q, want %q", in, got, want)
		}
	}
}
