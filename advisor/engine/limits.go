package engine

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/builtins"
)

// Limits on built-ins. OPA calls a built-in's Go function through a table
// shared by the whole process, and a built-in named like one of OPA's cannot be
// given per query (OPA's own implementation wins), so the engine, which owns
// every contact with OPA in this program, replaces a few entries of that table
// when the package is initialised: each replacement refuses work beyond a limit
// with a clear error, then calls OPA's implementation.
//
// The limits stop what one call could otherwise do before the watchdog
// (watch.go) could act: allocate gigabytes at once (bits.lsh), or produce a
// refusal later than a clear error would (numbers.range, sprintf); and they keep
// results reproducible (time zones, the clock of io.jwt.decode_verify).

const (
	// maxRangeLen bounds the numbers one numbers.range(_step) call produces.
	maxRangeLen = 1 << 20
	// maxShift bounds the bits.lsh shift: one call allocates shift/8 bytes.
	maxShift = 4096
	// maxFormatWidth bounds sprintf's widths and precisions (Go allows a million,
	// so each verb of a long format could write a megabyte).
	maxFormatWidth = 100
	// maxString bounds the strings that concat, sprintf, json.marshal,
	// yaml.marshal, template strings and print build. Each sizes its result (or
	// grows it) in one step that cannot be interrupted, and a value can name
	// the same large string many times over at no cost: concat("", [s, s, s,
	// ...]) allocated 16 GiB at once.
	maxString = 64 << 20
)

// LimitCode is the code of the errors the limits raise (a *topdown.Error).
const limitCode = "sandbox_limit_error"

var limitedBuiltins = map[string]func(orig topdown.BuiltinFunc) topdown.BuiltinFunc{
	ast.NumbersRange.Name:           limitRange(false),
	ast.NumbersRangeStep.Name:       limitRange(true),
	ast.BitsShiftLeft.Name:          limitShift,
	ast.Sprintf.Name:                limitSprintf,
	ast.Concat.Name:                 limitConcat,
	ast.JSONMarshal.Name:            limitPrinted(ast.JSONMarshal.Name, 0),
	ast.YAMLMarshal.Name:            limitPrinted(ast.YAMLMarshal.Name, 2),
	ast.InternalTemplateString.Name: limitPrinted("template string", 0),
	ast.InternalPrint.Name:          limitPrinted("print", 0),
	ast.Date.Name:                   limitZones(ast.Date.Name, 0),
	ast.Clock.Name:                  limitZones(ast.Clock.Name, 0),
	ast.Weekday.Name:                limitZones(ast.Weekday.Name, 0),
	ast.Format.Name:                 limitZones(ast.Format.Name, 0),
	ast.Diff.Name:                   limitZones(ast.Diff.Name, 0, 1),
	ast.ParseNanos.Name:             limitLayout,
	ast.JWTDecodeVerify.Name:        pinJWTClock,
}

func init() {
	for name, limit := range limitedBuiltins {
		orig := topdown.GetBuiltin(name)
		if orig == nil {
			panic("engine: OPA has no built-in " + name + " to limit")
		}
		topdown.RegisterBuiltinFunc(name, limit(orig))
	}
}

// limitError stops the evaluation (a Halt, so that a policy cannot test for it
// and carry on) with an error the engine reports as ErrLimit.
func limitError(bctx topdown.BuiltinContext, name, format string, args ...any) error {
	return topdown.Halt{Err: &topdown.Error{
		Code:     limitCode,
		Message:  name + ": " + fmt.Sprintf(format, args...),
		Location: bctx.Location,
	}}
}

func limitRange(step bool) func(topdown.BuiltinFunc) topdown.BuiltinFunc {
	name := ast.NumbersRange.Name
	if step {
		name = ast.NumbersRangeStep.Name
	}
	return func(orig topdown.BuiltinFunc) topdown.BuiltinFunc {
		return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
			if n, ok := smallSpan(args, step); ok {
				if n >= maxRangeLen {
					return limitError(bctx, name, "%d numbers are more than the sandbox allows (%d)", n+1, maxRangeLen)
				}
				return orig(bctx, args, iter)
			}
			x, errX := builtins.BigIntOperand(args[0].Value, 1)
			y, errY := builtins.BigIntOperand(args[1].Value, 2)
			s := big.NewInt(1)
			var errS error
			if step {
				s, errS = builtins.BigIntOperand(args[2].Value, 3)
			}
			if errX == nil && errY == nil && errS == nil && s.Sign() > 0 {
				n := new(big.Int).Sub(y, x)
				n.Abs(n).Quo(n, s)
				if !n.IsInt64() || n.Int64() >= maxRangeLen {
					return limitError(bctx, name, "%s numbers are more than the sandbox allows (%d)", rangeLen(n), maxRangeLen)
				}
			}
			return orig(bctx, args, iter) // which reports bad operands
		}
	}
}

// smallSpan is |y-x|/step for operands that are small integers, without
// allocating (numbers.range runs in the embedded rules).
func smallSpan(args []*ast.Term, step bool) (int64, bool) {
	const small = 1 << 40
	num := func(t *ast.Term) (int64, bool) {
		n, ok := t.Value.(ast.Number)
		if !ok {
			return 0, false
		}
		i, ok := n.Int64()
		return i, ok && i > -small && i < small
	}
	x, okX := num(args[0])
	y, okY := num(args[1])
	s := int64(1)
	okS := true
	if step {
		s, okS = num(args[2])
	}
	if !okX || !okY || !okS || s <= 0 {
		return 0, false
	}
	if y < x {
		x, y = y, x
	}
	return (y - x) / s, true
}

func rangeLen(n *big.Int) string {
	return new(big.Int).Add(n, big.NewInt(1)).String()
}

func limitShift(orig topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
		if s, err := builtins.BigIntOperand(args[1].Value, 2); err == nil && s.Cmp(big.NewInt(maxShift)) > 0 {
			return limitError(bctx, ast.BitsShiftLeft.Name, "a shift of %s bits is more than the sandbox allows (%d)", s, maxShift)
		}
		return orig(bctx, args, iter)
	}
}

func limitSprintf(orig topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
		if f, ok := args[0].Value.(ast.String); ok {
			if err := checkFormat(string(f)); err != "" {
				return limitError(bctx, ast.Sprintf.Name, "%s", err)
			}
			// Each verb writes at most maxFormatWidth bytes of padding.
			budget := maxString - len(f)*maxFormatWidth/2
			if n := printedSize(args[1].Value, 0, budget); n > budget {
				return tooLong(bctx, ast.Sprintf.Name)
			}
		}
		return orig(bctx, args, iter)
	}
}

func tooLong(bctx topdown.BuiltinContext, name string) error {
	return limitError(bctx, name, "the result would be longer than the sandbox allows (%d MiB)", maxString>>20)
}

func limitConcat(orig topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
		sep, _ := args[0].Value.(ast.String)
		n := 0
		switch x := args[1].Value.(type) {
		case *ast.Array:
			for i := range x.Len() {
				if s, ok := x.Elem(i).Value.(ast.String); ok {
					n += len(s) + len(sep)
				}
			}
		case ast.Set:
			x.Until(func(t *ast.Term) bool {
				if s, ok := t.Value.(ast.String); ok {
					n += len(s) + len(sep)
				}
				return n > maxString
			})
		}
		if n > maxString {
			return tooLong(bctx, ast.Concat.Name)
		}
		return orig(bctx, args, iter)
	}
}

// limitPrinted refuses to print a value whose printed form (indented by
// indent per level) would pass maxString.
func limitPrinted(name string, indent int) func(topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(orig topdown.BuiltinFunc) topdown.BuiltinFunc {
		return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
			if printedSize(args[0].Value, indent, maxString) > maxString {
				return tooLong(bctx, name)
			}
			return orig(bctx, args, iter)
		}
	}
}

// printedSize is about how many bytes v takes printed, indented by indent
// bytes per level, counted only until it passes limit (so it costs no more
// than printing limit bytes). A part v names many times counts each time, as
// printing writes it each time.
func printedSize(v ast.Value, indent, limit int) int {
	return addSize(v, 0, indent, 0, limit)
}

// addSize adds v's size at depth to n (without allocating, but for sets
// and objects).
func addSize(v ast.Value, depth, indent, n, limit int) int {
	n += 2 + depth*indent
	switch x := v.(type) {
	case ast.String:
		n += len(x)
	case ast.Number:
		n += len(x)
	case *ast.Array:
		for i := 0; i < x.Len() && n <= limit; i++ {
			n = addSize(x.Elem(i).Value, depth+1, indent, n, limit)
		}
	case ast.Set, ast.Object:
		n = addCollectionSize(x, depth, indent, n, limit)
	default:
		n += 5
	}
	return n
}

func addCollectionSize(v ast.Value, depth, indent, n, limit int) int {
	add := func(t *ast.Term) bool {
		n = addSize(t.Value, depth+1, indent, n, limit)
		return n > limit
	}
	switch x := v.(type) {
	case ast.Set:
		x.Until(add)
	case ast.Object:
		x.Until(func(k, t *ast.Term) bool { return add(k) || add(t) })
	}
	return n
}

// checkFormat returns why a fmt format is refused, or "": a width or precision
// above maxFormatWidth, or one taken from the arguments (*).
func checkFormat(f string) string {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		for i < len(f) && strings.IndexByte("+-# 0", f[i]) >= 0 {
			i++
		}
		for part := 0; part < 2 && i < len(f); part++ {
			if part == 1 {
				if f[i] != '.' {
					break
				}
				i++
			}
			if i < len(f) && f[i] == '[' {
				for i < len(f) && f[i] != ']' {
					i++
				}
				i++
			}
			if i < len(f) && f[i] == '*' {
				return "widths and precisions taken from the arguments (*) are not allowed in the sandbox"
			}
			start := i
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				i++
			}
			if i-start > 3 || (i > start && atoi(f[start:i]) > maxFormatWidth) {
				return fmt.Sprintf("width or precision %s is more than the sandbox allows (%d)", f[start:i], maxFormatWidth)
			}
		}
		// f[i] is the verb (or %); the loop moves past it.
	}
	return ""
}

// atoi is the value of up to three decimal digits.
func atoi(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

// limitZones refuses time zones other than UTC in the operands at positions
// (a number, or [ns, zone] or [ns, zone, layout]).
func limitZones(name string, positions ...int) func(topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(orig topdown.BuiltinFunc) topdown.BuiltinFunc {
		return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
			for _, p := range positions {
				a, ok := args[p].Value.(*ast.Array)
				if !ok || a.Len() < 2 {
					continue
				}
				if tz, ok := a.Elem(1).Value.(ast.String); ok && tz != "" && tz != "UTC" {
					return limitError(bctx, name, "time zone %q: only UTC is available to policies (other zones come from the host's time-zone files, so results would differ between machines)", string(tz))
				}
			}
			return orig(bctx, args, iter)
		}
	}
}

func limitLayout(orig topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
		if l, ok := args[0].Value.(ast.String); ok && strings.Contains(string(l), "MST") {
			return limitError(bctx, ast.ParseNanos.Name, "zone abbreviations (MST in the layout) are not available to policies: Go reads their offsets from the host's local zone; use a numeric offset (-0700)")
		}
		return orig(bctx, args, iter)
	}
}

// pinJWTClock makes io.jwt.decode_verify check exp and nbf against the pinned
// time of an evaluation the engine does not run itself (clock.go).
func pinJWTClock(orig topdown.BuiltinFunc) topdown.BuiltinFunc {
	return func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
		if t, ok := pinnedTime(bctx.Context); ok {
			bctx.Time = ast.NewTerm(ast.Number(strconv.FormatInt(t.UnixNano(), 10)))
		}
		return orig(bctx, args, iter)
	}
}
