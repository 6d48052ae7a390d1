package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Texts builds input.texts: the component's numbers as the preference messages print them
// (fmt_duration, fmt_rate, fmt_sig and fmt_count in policies/decision/helpers.rego) and the peak
// to average ratio, which the rules would otherwise format with else chains and float
// arithmetic on every evaluation. Each argument is the JSON number the component document
// carries, "" when it has none (the rules then derive that text from their default).
func Texts(avgMs, maxMs, rps, peakRps, inFlight, perMonth json.Number) *ast.Term {
	var kv [][2]*ast.Term
	add := func(key string, n json.Number, format func(json.Number) string) {
		if n != "" {
			kv = append(kv, [2]*ast.Term{ast.StringTerm(key), ast.StringTerm(format(n))})
		}
	}
	rate := func(n json.Number) string { return fmtSig(n) + " rps" }
	add("avg_duration", avgMs, fmtDuration)
	add("max_duration", maxMs, fmtDuration)
	add("rps", rps, rate)
	add("peak_rps", peakRps, rate)
	add("in_flight", inFlight, fmtSig)
	add("requests_per_month", perMonth, fmtCount)
	if r, _ := rps.Float64(); r > 0 && peakRps != "" {
		p, _ := peakRps.Float64()
		ratio := json.Number(fmt.Sprint(p / r))
		kv = append(kv,
			[2]*ast.Term{ast.StringTerm("peak_ratio"), ast.NumberTerm(ratio)},
			[2]*ast.Term{ast.StringTerm("peak_ratio_text"), ast.StringTerm(fmtSig(ratio))})
	}
	return ast.ObjectTerm(kv...)
}

// fmtDuration is fmt_duration: 120ms, 2s, 25m0s, 1h30m0s.
func fmtDuration(ms json.Number) string {
	f, _ := ms.Float64()
	if f < 1000 {
		return ms.String() + "ms"
	}
	return (time.Duration(math.Round(f)) * time.Millisecond).String()
}

// fmtSig is fmt_sig: three significant digits, no exponent; whole numbers (as written) stay
// whole, as OPA's sprintf takes them as integers.
func fmtSig(n json.Number) string {
	f, _ := n.Float64()
	if _, err := n.Int64(); err != nil {
		if s := fmt.Sprintf("%.3g", f); !strings.Contains(s, "e") {
			return s
		}
	}
	switch {
	case f >= 1:
		return fmt.Sprintf("%d", int64(math.Round(f)))
	case f == math.Round(f):
		return fmt.Sprintf("%d", int64(f))
	}
	format := "%.9f"
	if f >= 0.00001 {
		format = "%.7f"
	} else if f >= 0.000001 {
		format = "%.8f"
	}
	return strings.TrimRight(fmt.Sprintf(format, f), "0")
}

// fmtCount is fmt_count: 30, 6500, 100k, 1.2M, 2.5B.
func fmtCount(n json.Number) string {
	f, _ := n.Float64()
	for _, u := range []struct {
		div  float64
		unit string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}} {
		if f >= u.div && (u.unit != "k" || f >= 10000) {
			return fmtSig(quotient(n, u.div)) + u.unit
		}
	}
	return fmtSig(n)
}

// quotient divides like OPA: a whole result of whole numbers stays an integer.
func quotient(n json.Number, d float64) json.Number {
	if i, err := n.Int64(); err == nil && i%int64(d) == 0 {
		return json.Number(fmt.Sprint(i / int64(d)))
	}
	f, _ := n.Float64()
	return json.Number(fmt.Sprint(f / d))
}

// TextsFor is Texts for a component document (input.component).
func TextsFor(component ast.Value) *ast.Term {
	get := func(path ...string) (json.Number, bool) {
		ref := make(ast.Ref, len(path))
		for i, p := range path {
			ref[i] = ast.StringTerm(p)
		}
		v, err := component.Find(ref)
		if err != nil {
			return "", false
		}
		n, ok := v.(ast.Number)
		return json.Number(n), ok
	}
	var ns [6]json.Number
	for i, path := range [][]string{
		{"execution", "avg_duration_ms"}, {"execution", "max_duration_ms"},
		{"traffic", "requests_per_second"}, {"traffic", "peak_requests_per_second"},
		{"traffic", "in_flight"}, {"traffic", "requests_per_month"},
	} {
		if n, ok := get(path...); ok {
			ns[i] = n
		}
	}
	return Texts(ns[0], ns[1], ns[2], ns[3], ns[4], ns[5])
}
