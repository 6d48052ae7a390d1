package report

import (
	"fmt"
	"reflect"
	"strings"
	"text/template"
	"time"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Funcs returns the helper functions every report template gets (documented in
// docs/report.md). anchors carries the heading anchors of one rendering.
func funcs(anchors *anchorState, d *Data) template.FuncMap {
	rules := map[string]Rule{}
	var cat *result.Catalog
	if d != nil {
		for _, r := range d.Rules {
			rules[r.ID] = r
		}
		if d.Result != nil {
			cat = d.Result.Catalog
		}
	}
	return template.FuncMap{
		// The catalogue entry of a cited rule (ID only when unknown).
		"rule": func(id string) Rule {
			if r, ok := rules[id]; ok {
				return r
			}
			return Rule{ID: id}
		},
		"cloudList":      cloudList,
		"severityCounts": severityCounts,
		"savingPhrase":   savingPhrase,
		"breakEvenNote":  breakEvenNote,
		// Escaping.
		"md":           render.MarkdownText,
		"code":         render.MarkdownCode,
		"codeSpan":     CodeSpan,
		"mermaidLabel": MermaidLabel,
		"link":         MarkdownLink,
		// Numbers.
		"money":    money,
		"total":    total,
		"number":   number,
		"count":    count,
		"percent":  percent,
		"duration": func(d time.Duration) string { return duration(d) },
		// Names.
		"cloudName":    cloudName,
		"platformName": cat.PlatformName,
		"modelName":    modelName,
		"modelClass":   modelClass,
		// Rule messages.
		"shortReason": func(msg string) string { s, _, _ := splitCitation(msg); return s },
		"reason":      func(msg string) string { return reason(cat, msg) },
		"optionFor":   optionFor,
		"findingAt":   findingAt,
		// Diagrams (Mermaid source without the code fence).
		"flowchart": flowchart,
		"costChart": costChart,
		"curveRows": curveRows,
		// Headings and links to them.
		"heading": anchors.heading,
		"anchor":  anchors.anchor,
		// Small helpers.
		"add":  func(a, b int) int { return a + b },
		"list": func(v ...any) []any { return v },
		"join": func(sep string, list []string) string { return strings.Join(list, sep) },
		"mdList": func(list []string) string {
			out := make([]string, len(list))
			for i, s := range list {
				out[i] = render.MarkdownText(s)
			}
			return strings.Join(out, ", ")
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"upper": strings.ToUpper,
		"title": func(s string) string {
			if s == "" {
				return s
			}
			return strings.ToUpper(s[:1]) + s[1:]
		},
	}
}

// anchorState gives headings GitHub's de-duplicated anchors. A report is
// rendered twice: the first pass records every heading's anchor, the second
// can then link to headings that come later in the document.
type anchorState struct {
	prev, cur map[any]string
	seen      map[string]int
}

func newAnchorState(prev map[any]string) *anchorState {
	return &anchorState{prev: prev, cur: map[any]string{}, seen: map[string]int{}}
}

// heading registers a heading's text and returns it escaped; key (optional, any
// comparable value such as a component) lets anchor find it later.
func (s *anchorState) heading(text string, key ...any) string {
	base := render.Slug(text)
	slug := base
	for {
		if _, taken := s.seen[slug]; !taken {
			break
		}
		s.seen[base]++
		slug = fmt.Sprintf("%s-%d", base, s.seen[base])
	}
	s.seen[slug] = 0
	if len(key) > 0 && key[0] != nil && reflect.TypeOf(key[0]).Comparable() {
		s.cur[key[0]] = slug
	}
	return render.MarkdownText(text)
}

// anchor returns "#slug" for the heading registered with key.
func (s *anchorState) anchor(key any) string {
	if key == nil || !reflect.TypeOf(key).Comparable() {
		return "#"
	}
	if a, ok := s.cur[key]; ok {
		return "#" + a
	}
	if a, ok := s.prev[key]; ok {
		return "#" + a
	}
	return "#"
}

// decimalOf accepts the number types of the result.
func decimalOf(v any) (decimal.Decimal, bool) {
	switch x := v.(type) {
	case result.Money:
		return x.Decimal, true
	case *result.Money:
		if x == nil {
			return decimal.Zero, false
		}
		return x.Decimal, true
	case result.Number:
		return x.Decimal, true
	case *result.Number:
		if x == nil {
			return decimal.Zero, false
		}
		return x.Decimal, true
	case decimal.Decimal:
		return x, true
	case int:
		return decimal.NewFromInt(int64(x)), true
	case int64:
		return decimal.NewFromInt(x), true
	case float64:
		return decimal.NewFromFloat(x), true
	case string:
		d, err := decimal.NewFromString(x)
		return d, err == nil
	}
	return decimal.Zero, false
}

// money formats USD to the cent with thousands separators: "$1,433.14",
// "-$22.52"; "n/a" for a nil amount.
func money(v any) string {
	d, ok := decimalOf(v)
	if !ok {
		return "n/a"
	}
	return result.DollarText(d)
}

// total is money for a total, marked "+ not priced" when it leaves out unpriced
// parts (the amount is then a lower bound).
func total(m result.Money, unpriced []result.UnpricedPart) string {
	if len(unpriced) > 0 {
		return money(m) + " + " + result.NotPriced
	}
	return money(m)
}

// number formats an exact decimal with thousands separators and no exponent.
func number(v any) string {
	d, ok := decimalOf(v)
	if !ok {
		return "n/a"
	}
	return groupDigits(d.String())
}

// groupDigits puts thousands separators in the integer part of a decimal string.
func groupDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return sign + b.String()
}

// count formats a volume to three significant digits with k, M or B: "45M",
// "1.35M", "700k", "574".
func count(v any) string {
	d, ok := decimalOf(v)
	if !ok {
		return "n/a"
	}
	units := []struct {
		suffix string
		exp    int32
	}{{"T", 12}, {"B", 9}, {"M", 6}, {"k", 3}}
	for _, u := range units {
		scale := decimal.New(1, u.exp)
		if d.Abs().GreaterThanOrEqual(scale) {
			return sig3(d.Div(scale)) + u.suffix
		}
	}
	if d.Abs().GreaterThanOrEqual(decimal.NewFromInt(1)) {
		return sig3(d)
	}
	return sig(d)
}

// sig3 rounds to three significant digits (for values >= 1) and trims zeros.
func sig3(d decimal.Decimal) string {
	places := int32(2)
	switch {
	case d.Abs().GreaterThanOrEqual(decimal.NewFromInt(100)):
		places = 0
	case d.Abs().GreaterThanOrEqual(decimal.NewFromInt(10)):
		places = 1
	}
	return trimZeros(d.Round(places).StringFixed(places))
}

// sig formats a rate: three significant digits below 1, grouped digits with at
// most three decimals above.
func sig(d decimal.Decimal) string {
	if d.IsZero() {
		return "0"
	}
	if d.Abs().LessThan(decimal.NewFromInt(1)) {
		// three significant digits
		exp := 0
		x := d.Abs()
		for x.LessThan(decimal.NewFromFloat(0.1)) && exp < 20 {
			x = x.Mul(decimal.NewFromInt(10))
			exp++
		}
		return trimZeros(d.Round(int32(exp + 3)).StringFixed(int32(exp + 3)))
	}
	return groupDigits(trimZeros(d.Round(3).StringFixed(3)))
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// percent formats part/whole as a percentage with one decimal: "65.9%"; "n/a"
// when whole is zero.
func percent(part, whole any) string {
	p, ok1 := decimalOf(part)
	w, ok2 := decimalOf(whole)
	if !ok1 || !ok2 || w.IsZero() {
		return "n/a"
	}
	return p.Div(w).Mul(decimal.NewFromInt(100)).StringFixed(1) + "%"
}

// duration formats a duration for people: "180 ms", "2 s", "14 min", "1 h 5 min".
func duration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0"
	case d < time.Second:
		return trimZeros(fmt.Sprintf("%.3f", float64(d)/float64(time.Millisecond))) + " ms"
	case d < time.Minute:
		return trimZeros(fmt.Sprintf("%.3f", d.Seconds())) + " s"
	case d < time.Hour:
		return trimZeros(fmt.Sprintf("%.2f", d.Minutes())) + " min"
	}
	h := int(d / time.Hour)
	m := trimZeros(fmt.Sprintf("%.2f", (d - time.Duration(h)*time.Hour).Minutes()))
	if m == "0" {
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %s min", h, m)
}

var cloudNames = map[string]string{"aws": "AWS", "azure": "Azure", "gcp": "Google Cloud"}

func cloudName(id string) string {
	if n, ok := cloudNames[id]; ok {
		return n
	}
	return id
}

func modelName(m string) string {
	switch m {
	case "function":
		return "function"
	case "serverless-container":
		return "serverless container"
	case "orchestrated-container":
		return "orchestrated container"
	case "":
		return "none"
	}
	return m
}

// modelClass is the Mermaid class of a model: function, container, orchestrated.
func modelClass(m string) string {
	switch m {
	case "function":
		return "function"
	case "serverless-container":
		return "container"
	case "orchestrated-container":
		return "orchestrated"
	}
	return "unplaced"
}

// reason renders a rule message: the message escaped, and the limit source it
// cites at its end (when that source is one of the limits file's sources in the
// result's catalog) as a link with its date.
func reason(cat *result.Catalog, msg string) string {
	short, u, asOf := splitCitation(msg)
	if !limitSource(cat, u) {
		return render.MarkdownText(msg)
	}
	out := render.MarkdownText(short) + " ([source](" + u + ")"
	if asOf != "" {
		out += ", as of " + asOf
	}
	return out + ")"
}

// optionFor returns the component's option on platform (nil when none).
func optionFor(c *Component, platform string) *result.Option {
	for i := range c.Options {
		if c.Options[i].Platform == platform {
			return &c.Options[i]
		}
	}
	return nil
}

// cloudList names clouds for prose: "AWS, Azure and Google Cloud".
func cloudList(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = cloudName(id)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// severityCounts lists the non-zero counts, most severe first: "8 high, 21 medium".
func severityCounts(counts map[string]int) string {
	var parts []string
	for _, s := range result.Severities {
		if n := counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// savingPhrase turns a saving into prose: "$300.07 (65.9%) less than",
// "$22.52 (5.4%) more than" or "the same as".
func savingPhrase(m result.Money, pct string) string {
	switch {
	case m.IsZero():
		return "the same as"
	case m.IsNegative():
		p := strings.TrimPrefix(pct, "-")
		if p != "" {
			p = " (" + p + ")"
		}
		return money(result.USD(m.Neg())) + p + " more than"
	}
	if pct != "" {
		pct = " (" + pct + ")"
	}
	return money(m) + pct + " less than"
}

// breakEvenNote puts today's traffic next to the break-even on the primary
// cloud, from the cost curve: which side is cheaper today and how far the
// traffic is from the volume where that changes. Markdown, escaped.
func breakEvenNote(c *Component) string {
	if c.Curve == nil || c.Break.Kind != "crossover" || !c.Break.RequestsPerMonth.IsPositive() {
		return ""
	}
	now := c.Curve.CurrentRequestsPerMonth.Decimal
	var today *result.CurvePoint
	for i := range c.Curve.Points {
		if c.Curve.Points[i].RequestsPerMonth.Equal(now) {
			today = &c.Curve.Points[i]
		}
	}
	if today == nil || today.FunctionUSD == nil || today.ContainerUSD == nil || !now.IsPositive() {
		return ""
	}
	fn, ct := render.MarkdownText(c.Arch.catalog.PlatformName(c.Curve.FunctionPlatform)), render.MarkdownText(c.Arch.catalog.PlatformName(c.Curve.ContainerPlatform))
	costs := fmt.Sprintf("%s costs %s and %s %s a month", fn, money(today.FunctionUSD), ct, money(today.ContainerUSD))
	ratio := now.Div(c.Break.RequestsPerMonth.Decimal)
	var where string
	if ratio.GreaterThanOrEqual(decimal.NewFromInt(1)) {
		where = fmt.Sprintf("%s times the break-even volume", sig3(ratio))
	} else {
		where = fmt.Sprintf("%s of the break-even volume; traffic would have to grow %s-fold to reach it", percent(now, c.Break.RequestsPerMonth), sig3(decimal.NewFromInt(1).Div(ratio)))
	}
	return fmt.Sprintf("At today's %s requests a month (%s), %s.", count(now), where, costs)
}

// limitSource reports whether u is a source of the limits file (per the
// result's catalog) that a report may link to.
func limitSource(cat *result.Catalog, u string) bool {
	return cat.LimitSource(u) && SafeURL(u) != ""
}

// findingAt is where a finding points: its line in the profile, or
// `file:line` when the finding is in another file (a profile imported on the
// fly points at the source file the value came from).
func findingAt(f result.Finding) string {
	if f.File == "" {
		return fmt.Sprint(f.Line)
	}
	if f.Line > 0 {
		return render.MarkdownCode(fmt.Sprintf("%s:%d", f.File, f.Line))
	}
	return render.MarkdownCode(f.File)
}
