package profile

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
	"github.com/hybridadvisor/hybridadvisor/advisor/suggest"
)

// Numbers are read from the literal text, never through float64, so that 11.4
// stays exactly 11.4. Only plain decimal notation is accepted: YAML's hex, octal
// and leading-zero forms are surprising in a cost model ("0512" is 330 in YAML
// 1.1), and 1_000 is a number to yaml.v3 but a string to YAML 1.2 editors.
var (
	reDecInt = regexp.MustCompile(`^[-+]?(0|[1-9][0-9]*)$`)
	// Exponents are capped at three digits: decimal arithmetic on 1e-999999999
	// would allocate a billion-digit integer.
	reDecNum = regexp.MustCompile(`^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]{1,3})?$`)
	// A plain scalar that looks numeric but that yaml.v3 typed as a string
	// because it overflows float64 (1e400).
	reLooksNumeric = regexp.MustCompile(`^[-+]?[0-9.][0-9._]*([eE][-+]?[0-9]+)?$`)
)

// maxNumberLen bounds the literal text of a number: 40 digits is far beyond any
// real value and keeps big-number parsing trivial.
const maxNumberLen = 40

// parseNumber reads a decimal literal exactly.
func parseNumber(text string) (decimal.Decimal, bool) {
	if len(text) > maxNumberLen || !reDecNum.MatchString(text) {
		return decimal.Decimal{}, false
	}
	t := strings.TrimPrefix(text, "+")
	if strings.HasSuffix(t, ".") {
		t += "0"
	}
	if strings.HasPrefix(t, ".") || strings.HasPrefix(t, "-.") {
		t = strings.Replace(t, ".", "0.", 1)
	}
	t = strings.Replace(t, ".e", ".0e", 1)
	t = strings.Replace(t, ".E", ".0E", 1)
	d, err := decimal.NewFromString(t)
	return d, err == nil
}

func isNaNOrInf(text string) bool {
	t := strings.ToLower(strings.TrimLeft(text, "+-"))
	return t == ".nan" || t == ".inf"
}

// numericLike says whether a scalar was written as a number (whatever yaml.v3
// made of it), as opposed to a quoted string.
func numericLike(n *yaml.Node) bool {
	switch n.ShortTag() {
	case "!!int", "!!float":
		return true
	case "!!str":
		return n.Style == 0 && reLooksNumeric.MatchString(n.Value)
	}
	return false
}

// gotText shows the offending value in a message.
func gotText(n *yaml.Node) string {
	switch {
	case n.ShortTag() == "!!str" && n.Style != 0:
		return fmt.Sprintf("the string %q", truncate(n.Value))
	case n.ShortTag() == "!!str" && !numericLike(n):
		return fmt.Sprintf("%q", truncate(n.Value))
	}
	return truncate(n.Value)
}

// convert checks a scalar against its field and converts it. A non-empty message
// completes the sentence "<key> ...".
func convert(f *field, n *yaml.Node) (value, string) {
	tag := n.ShortTag()
	text := n.Value
	v := value{text: text}
	if n.Kind != yaml.ScalarNode {
		return v, fmt.Sprintf("must be %s, got %s", expected(f), describe(n))
	}
	switch f.kind {
	case kString:
		if tag != "!!str" {
			if n.Kind == yaml.ScalarNode && slices.Contains(f.enum, text) {
				return v, fmt.Sprintf("must be a quoted string here: write %q", text)
			}
			return v, fmt.Sprintf("must be %s, got %s", expectedString(f), gotText(n))
		}
		return convertString(f, text)

	case kBool:
		if tag == "!!bool" {
			switch text {
			case "true", "True", "TRUE":
				v.b = true
				return v, ""
			case "false", "False", "FALSE":
				return v, ""
			}
		}
		return v, fmt.Sprintf("must be true or false, got %s", gotText(n))

	case kInt:
		if tag == "!!int" && reDecInt.MatchString(text) {
			i, err := strconv.ParseInt(text, 10, 64)
			if err == nil {
				if msg := checkRange(f, decimal.NewFromInt(i), text); msg != "" {
					return v, msg
				}
				v.i = int(i)
				return v, ""
			}
		}
		if tag == "!!int" {
			return v, fmt.Sprintf("must be a decimal integer without leading zeros or underscores, like 512; got %s", truncate(text))
		}
		if numericLike(n) {
			if d, ok := parseNumber(text); ok && d.IsInteger() {
				if msg := checkRange(f, d, text); msg != "" {
					return v, msg
				}
			}
			return v, fmt.Sprintf("must be an integer, got %s", truncate(text))
		}
		return v, fmt.Sprintf("must be an integer, got %s", gotText(n))

	case kNumber:
		if !numericLike(n) {
			return v, fmt.Sprintf("must be a number, got %s", gotText(n))
		}
		if isNaNOrInf(text) {
			return v, fmt.Sprintf("must be a finite number, got %s", text)
		}
		d, ok := parseNumber(text)
		if !ok {
			return v, fmt.Sprintf("must be a number in decimal notation without underscores, like 1500000 or 1.5e6; got %s", truncate(text))
		}
		if msg := checkRange(f, d, text); msg != "" {
			return v, msg
		}
		v.d = d
		return v, ""

	case kDuration:
		if tag != "!!str" {
			if numericLike(n) {
				return v, fmt.Sprintf("must be a duration with a unit, like 120ms, 2s or 15m; got %s (no unit)", truncate(text))
			}
			return v, fmt.Sprintf("must be a duration like 120ms, 2s or 15m, got %s", gotText(n))
		}
		if !reDuration.MatchString(text) {
			if d, err := time.ParseDuration(text); err == nil && d < 0 {
				return v, fmt.Sprintf("must be greater than 0, got %s", truncate(text))
			}
			return v, fmt.Sprintf("must be a duration like 120ms, 2s or 15m, got %q", truncate(text))
		}
		d, err := time.ParseDuration(text)
		if err != nil { // well-formed, so it overflowed
			return v, fmt.Sprintf("must be at most %s, got %s", f.max, truncate(text))
		}
		if msg := checkDuration(f, d, text); msg != "" {
			return v, msg
		}
		v.dur = d
		return v, ""

	case kDate:
		if tag == "!!str" || tag == "!!timestamp" {
			if reDate.MatchString(text) {
				if t, err := time.Parse("2006-01-02", text); err == nil {
					v.date = t
					return v, ""
				}
				return v, fmt.Sprintf("is not a real date: %s", text)
			}
		}
		return v, fmt.Sprintf("must be a date like 2027-01-31, got %s", gotText(n))
	}
	return v, "has a type the parser does not know (bug)"
}

// convertString checks a string value against length, constant, enum and pattern.
func convertString(f *field, text string) (value, string) {
	v := value{text: text, s: text}
	if f.constant != "" && text != f.constant {
		return v, fmt.Sprintf("must be %q, got %q", f.constant, truncate(text))
	}
	if len(f.enum) > 0 && !slices.Contains(f.enum, text) {
		msg := fmt.Sprintf("must be one of %s; got %q", strings.Join(f.enum, ", "), truncate(text))
		if s := suggest.Closest(text, f.enum); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return v, msg
	}
	n := utf8.RuneCountInString(text)
	if n < f.minLen {
		return v, "must not be empty"
	}
	if f.maxLen > 0 && n > f.maxLen {
		return v, fmt.Sprintf("is too long (%d characters; at most %d)", n, f.maxLen)
	}
	if f.pattern != nil && !f.pattern.MatchString(text) {
		return v, fmt.Sprintf("must be %s; got %q", f.patternMsg, truncate(text))
	}
	if f.pattern == reName || f.pattern == reTagKey {
		// Names are identifiers: with a zero-width or bidi character two of them
		// look the same, or one reads in another order than it compares. (The
		// JSON Schema cannot say this in the regexp subset it shares with Go.)
		i := 0
		for _, r := range text {
			if safetext.Invisible(r) || r != ' ' && unicode.IsSpace(r) {
				return v, fmt.Sprintf("must not contain invisible, direction-changing or special space characters; found U+%04X at character %d of %q", r, i+1, truncate(text))
			}
			i++
		}
	}
	return v, ""
}

func expectedString(f *field) string {
	if f.constant != "" {
		return fmt.Sprintf("the string %q", f.constant)
	}
	if len(f.enum) > 0 {
		return "one of " + strings.Join(f.enum, ", ")
	}
	return "a string (quote it)"
}

// checkRange checks a number against the field's bounds.
func checkRange(f *field, d decimal.Decimal, text string) string {
	if f.min != "" {
		lo := f.minD
		if f.exclusiveMin && d.LessThanOrEqual(lo) {
			return fmt.Sprintf("must be greater than %s, got %s", f.min, truncate(text))
		}
		if d.LessThan(lo) {
			return fmt.Sprintf("must be at least %s, got %s", f.min, truncate(text))
		}
	}
	if f.max != "" && d.GreaterThan(f.maxD) {
		return fmt.Sprintf("must be at most %s, got %s", f.max, truncate(text))
	}
	return ""
}

func checkDuration(f *field, d time.Duration, text string) string {
	if f.exclusiveMin && d <= 0 {
		return fmt.Sprintf("must be greater than 0, got %s", truncate(text))
	}
	if f.max != "" {
		hi, _ := time.ParseDuration(f.max)
		if d > hi {
			return fmt.Sprintf("must be at most %s, got %s", f.max, truncate(text))
		}
	}
	return ""
}

// literal builds a value from a default written as YAML text. Defaults are not
// range-checked: a derived peak may exceed what a user may write.
func literal(f *field, text string) (value, bool) {
	v := value{text: text, s: text}
	var err error
	switch f.kind {
	case kBool:
		v.b, err = strconv.ParseBool(text)
	case kInt:
		v.i, err = strconv.Atoi(text)
	case kNumber:
		v.d, err = decimal.NewFromString(text)
	case kDuration:
		v.dur, err = time.ParseDuration(text)
	case kString:
	default:
		return v, false
	}
	return v, err == nil
}
