package tui

import (
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Every line the views produce goes through fit, so nothing is ever wider than
// its pane: wider text is cut with an ellipsis (ANSI- and wide-character-aware),
// narrower text is padded with spaces.

// fit makes s exactly w cells wide.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := lipgloss.Width(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = lipgloss.Width(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// trunc cuts s to at most w cells, without padding.
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// padLeft right-aligns s in w cells.
func padLeft(s string, w int) string {
	n := lipgloss.Width(s)
	if n >= w {
		return trunc(s, w)
	}
	return strings.Repeat(" ", w-n) + s
}

// wrap breaks text into lines of at most w cells at spaces; words longer than
// a line are split. Continuation lines start with indent (which counts
// towards w).
func wrap(s string, w int, indent string) []string {
	iw := lipgloss.Width(indent)
	if w-iw < 8 {
		return []string{trunc(s, w)}
	}
	lines := wrapWidths(s, w, w-iw)
	for i := 1; i < len(lines); i++ {
		lines[i] = indent + lines[i]
	}
	return lines
}

// wrapWidths wraps s with a first line of at most first cells and the others
// of at most rest cells.
func wrapWidths(s string, first, rest int) []string {
	first, rest = max(first, 1), max(rest, 1)
	var lines []string
	line, limit := "", first
	flush := func() {
		lines = append(lines, line)
		line, limit = "", rest
	}
	for _, word := range strings.Fields(s) {
		ww := lipgloss.Width(word)
		if line != "" {
			if lipgloss.Width(line)+1+ww <= limit {
				line += " " + word
				continue
			}
			flush()
		}
		for ww > limit {
			head := ansi.Truncate(word, limit, "")
			if head == "" { // a character wider than the line
				break
			}
			line = head
			flush()
			word = ansi.TruncateLeft(word, lipgloss.Width(head), "")
			ww = lipgloss.Width(word)
		}
		line = word
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// clean makes a user-supplied string safe to print (no control characters or
// escape sequences, one line).
func clean(s string) string { return render.Clean(s) }

// money formats dollars with cents and thousands separators: $1,234.56.
func money(m result.Money) string { return moneyDec(m.Decimal) }

// moneyTotal is a total, with "+" when it leaves out unpriced parts (the NOTES
// name them): the amount is then a lower bound.
func moneyTotal(m result.Money, unpriced []result.UnpricedPart) string {
	if len(unpriced) > 0 {
		return money(m) + "+"
	}
	return money(m)
}

func moneyDec(d decimal.Decimal) string { return result.DollarText(d) }

// moneyShort is money in at most about 7 cells: $18.02, $1.2k, $35k, $1.4M.
func moneyShort(m result.Money) string {
	v := m.InexactFloat64()
	switch {
	case v < 1000:
		return "$" + strconv.FormatFloat(v, 'f', 2, 64)
	case v < 10_000:
		return "$" + strconv.FormatFloat(v/1000, 'f', 1, 64) + "k"
	case v < 1_000_000:
		return "$" + strconv.FormatFloat(v/1000, 'f', 0, 64) + "k"
	}
	return "$" + strconv.FormatFloat(v/1_000_000, 'f', 1, 64) + "M"
}

// count formats a volume compactly: 30, 1.5k, 45M, 1.2B.
func count(v float64) string {
	a := math.Abs(v)
	f := func(x float64, unit string) string {
		s := strconv.FormatFloat(x, 'f', 1, 64)
		s = strings.TrimSuffix(s, ".0")
		return s + unit
	}
	switch {
	case a >= 1e9:
		return f(v/1e9, "B")
	case a >= 1e6:
		return f(v/1e6, "M")
	case a >= 1e3:
		return f(v/1e3, "k")
	case a >= 10 || a == math.Trunc(a):
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// rate formats a per-second rate: 17, 3.42, 0.0167, <0.001.
func rate(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v < 0.001:
		return "<0.001"
	case v < 10:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	return count(v)
}

// number formats an exact decimal with thousands separators and at most
// maxFrac decimals.
func number(d decimal.Decimal, maxFrac int32) string {
	s := d.Round(maxFrac).String()
	whole, frac, hasFrac := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}

// modelShort is the three-letter badge of a model.
func modelShort(model string) string {
	switch model {
	case "function":
		return "fn"
	case "serverless-container":
		return "ctr"
	case "orchestrated-container":
		return "k8s"
	case "":
		return "—"
	}
	return model
}

// modelName is a model in words.
func modelName(model string) string {
	switch model {
	case "function":
		return "function"
	case "serverless-container":
		return "serverless container"
	case "orchestrated-container":
		return "orchestrated container"
	}
	return model
}

// platformShort drops the cloud prefix: aws-fargate -> fargate.
func platformShort(id string) string {
	for _, p := range []string{"aws-", "azure-", "gcp-"} {
		if strings.HasPrefix(id, p) {
			return id[len(p):]
		}
	}
	return id
}

// expandCount reads the what-if traffic field: digits with optional _ or ,
// separators and an optional k, M or B suffix (45M = 45000000). Anything else is
// returned unchanged so the profile parser explains what is wrong with it.
func expandCount(s string) string {
	t := strings.TrimSpace(s)
	t = strings.NewReplacer("_", "", ",", "", " ", "").Replace(t)
	mult := int64(1)
	if n := len(t); n > 1 {
		switch t[n-1] {
		case 'k', 'K':
			mult = 1_000
		case 'm', 'M':
			mult = 1_000_000
		case 'b', 'B', 'g', 'G':
			mult = 1_000_000_000
		}
		if mult > 1 {
			t = t[:n-1]
		}
	}
	d, err := decimal.NewFromString(t)
	if err != nil || strings.ContainsAny(t, "eE") {
		return strings.TrimSpace(s)
	}
	d = d.Mul(decimal.NewFromInt(mult))
	if mult > 1 {
		d = d.Round(0)
	}
	return d.String()
}
