package importer

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Kubernetes resource quantities ("500m", "1.5", "512Mi", "1G", "1e3") and
// Compose sizes ("512m", "1.5g", "100000k") are parsed here exactly, with
// decimals. k8s.io/apimachinery's resource.Quantity would parse them too, but
// it brings the apimachinery module and its dependencies for one function;
// docs/import.md has the measured size difference (about +1.9 MB).

var (
	binarySuffixes = map[string]int64{"Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30, "Ti": 1 << 40, "Pi": 1 << 50, "Ei": 1 << 60}
	decimalExp     = map[string]int32{"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
)

// maxQuantityLen bounds the text: real quantities are a few characters.
const maxQuantityLen = 64

// parseQuantity reads a Kubernetes quantity: a signed decimal number and an
// optional suffix (binary Ki..Ei, decimal n..E, or an exponent e3/E-2).
func parseQuantity(s string) (decimal.Decimal, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxQuantityLen {
		return decimal.Zero, false
	}
	end := 0
	if s[0] == '+' || s[0] == '-' {
		end = 1
	}
	digits, dot := 0, false
	for end < len(s) {
		c := s[end]
		if c >= '0' && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
		end++
	}
	if digits == 0 {
		return decimal.Zero, false
	}
	num, err := decimal.NewFromString(s[:end])
	if err != nil {
		return decimal.Zero, false
	}
	suffix := s[end:]
	if m, ok := binarySuffixes[suffix]; ok {
		return num.Mul(decimal.NewFromInt(m)), true
	}
	if e, ok := decimalExp[suffix]; ok {
		return num.Shift(e), true
	}
	if len(suffix) >= 2 && (suffix[0] == 'e' || suffix[0] == 'E') {
		exp := suffix[1:]
		sign := int32(1)
		if exp[0] == '+' || exp[0] == '-' {
			if exp[0] == '-' {
				sign = -1
			}
			exp = exp[1:]
		}
		if exp == "" || len(exp) > 3 {
			return decimal.Zero, false
		}
		n := int32(0)
		for _, c := range exp {
			if c < '0' || c > '9' {
				return decimal.Zero, false
			}
			n = n*10 + int32(c-'0')
		}
		return num.Shift(sign * n), true
	}
	return decimal.Zero, false
}

// parseComposeSize reads a Compose byte size: a number with an optional unit
// b, k/kb, m/mb, g/gb (binary multiples, as Docker reads them; case-insensitive).
func parseComposeSize(s string) (decimal.Decimal, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > maxQuantityLen {
		return decimal.Zero, false
	}
	units := []struct {
		suffix string
		mul    int64
	}{{"kb", 1 << 10}, {"mb", 1 << 20}, {"gb", 1 << 30}, {"tb", 1 << 40}, {"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40}, {"b", 1}}
	mul := int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mul = rest, u.mul
			break
		}
	}
	n, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil || n.IsNegative() {
		return decimal.Zero, false
	}
	return n.Mul(decimal.NewFromInt(mul)), true
}

// bytesToMB converts bytes to the profile's memory_mb (MiB), rounded up.
func bytesToMB(b decimal.Decimal) (int, bool) {
	mb := b.Div(decimal.NewFromInt(1 << 20)).Ceil()
	if !mb.IsPositive() || mb.GreaterThan(decimal.NewFromInt(1<<30)) {
		return 0, false
	}
	return int(mb.IntPart()), true
}

// cpuValue is a vCPU count as the profile writes it: an int when whole.
func cpuValue(d decimal.Decimal) (any, bool) {
	if !d.IsPositive() || d.GreaterThan(decimal.NewFromInt(100000)) {
		return nil, false
	}
	d = d.Round(3)
	if !d.IsPositive() {
		return nil, false
	}
	if d.IsInteger() {
		return int(d.IntPart()), true
	}
	f, _ := d.Float64()
	return f, true
}
