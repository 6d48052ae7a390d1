package pricing

import (
	"strconv"
	"strings"
)

// num formats a number for assumption sentences: thousands separators, at most
// `places` decimals, trailing zeros dropped.
func num(x dec, places int32) string { return string(appendNum(nil, x, places)) }

// numDec is num for a dec.
func numDec(d dec, places int32) string {
	if d.Exponent() >= 0 || d.Equal(d.Truncate(0)) {
		if n := d.IntPart(); n > -1e15 && n < 1e15 {
			return groupInt(n)
		}
	}
	s := d.Round(places).String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

func itoa(n int64) string { return groupInt(n) }

// groupInt formats an integer with thousands separators.
func groupInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 1000 && n > -1000 {
		return s
	}
	neg := n < 0
	if neg {
		s = s[1:]
	}
	b := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		b = append(b, '-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// short formats a volume compactly: 41.5M, 1.2B, 950k.
func short(d dec) string {
	switch {
	case d.GreaterThanOrEqual(decNew(1, 12)):
		return num(d.Shift(-12), 1) + "T"
	case d.GreaterThanOrEqual(decNew(1, 9)):
		return num(d.Shift(-9), 1) + "B"
	case d.GreaterThanOrEqual(decNew(1, 6)):
		return num(d.Shift(-6), 1) + "M"
	case d.GreaterThanOrEqual(decNew(1, 4)):
		return num(d.Shift(-3), 1) + "k"
	}
	return num(d, 0)
}

// appendSeconds appends a duration in seconds as "120 ms" or "2.5 s".
func appendSeconds(dst []byte, d dec) []byte {
	if d.LessThan(xOne) {
		return append(appendNum(dst, d.Shift(3), 1), " ms"...)
	}
	return append(appendNum(dst, d, 3), " s"...)
}

// appendPlural appends "1 task" or "3 tasks".
func appendPlural(dst []byte, n int64, word string) []byte {
	if n == 1 {
		return append(append(dst, "1 "...), word...)
	}
	dst = append(appendGroupInt(dst, n), ' ')
	return append(append(dst, word...), 's')
}

// sig3 formats d with three significant digits (at most 6 decimals).
func sig3(d dec) string {
	for p := int32(0); p <= 6; p++ {
		if d.Abs().GreaterThanOrEqual(decNew(100, -p)) || p == 6 {
			return num(d, p)
		}
	}
	return num(d, 6)
}

// text builds assumption sentences in one reused buffer: each sentence costs
// one allocation, its final string.
type text struct {
	b      []byte
	common [3]string // the common assumptions of the workload being priced
}

func (t *text) s(x string) *text               { t.b = append(t.b, x...); return t }
func (t *text) n(x dec, places int32) *text    { t.b = appendNum(t.b, x, places); return t }
func (t *text) i(n int64) *text                { t.b = appendGroupInt(t.b, n); return t }
func (t *text) secs(x dec) *text               { t.b = appendSeconds(t.b, x); return t }
func (t *text) plural(n int64, w string) *text { t.b = appendPlural(t.b, n, w); return t }

// String returns the sentence built so far and starts the next.
func (t *text) String() string {
	s := string(t.b)
	t.b = t.b[:0]
	return s
}
