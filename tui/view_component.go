package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// wideMain is the main pane width from which the component screen shows the
// cost curve and the findings in a second column.
const wideMain = 130

// componentLines is the component screen.
func (s *componentScreen) componentLines(a *archState, c *result.Component, w, h int) []string {
	if w < wideMain {
		out := s.componentHead(a, c, w)
		out = append(out, "")
		out = append(out, s.recommendationLines(a, c, w)...)
		out = append(out, "")
		out = append(out, s.optionLines(c, w)...)
		out = append(out, "")
		out = append(out, s.costLines(c, w)...)
		out = append(out, "")
		out = append(out, s.findingLines(c, w)...)
		out = append(out, s.assumptionLines(a, c, w)...)
		return out
	}
	// Two columns: the decision on the left, the curve and findings on the right.
	lw := w * 11 / 20
	rw := w - lw - 3
	left := s.componentHead(a, c, lw)
	left = append(left, "")
	left = append(left, s.recommendationLines(a, c, lw)...)
	left = append(left, "")
	left = append(left, s.optionLines(c, lw)...)
	left = append(left, "")
	left = append(left, s.costLines(c, lw)...)
	right := curveLines(s.st, s.focus.curveCloud, a, c, rw, min(max(h/2, 14), 20))
	right = append(right, "")
	right = append(right, s.findingLines(c, rw)...)
	right = append(right, s.assumptionLines(a, c, rw)...)
	n := max(len(left), len(right))
	out := make([]string, n)
	sep := s.st.border.Render(" │ ")
	for i := range out {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = fit(l, lw) + sep + fit(r, rw)
	}
	return out
}

func (s *componentScreen) componentHead(a *archState, c *result.Component, w int) []string {
	title := s.st.bold.Render(clean(c.Name))
	if c.Description != "" {
		title += s.st.dim.Render(" — " + clean(c.Description))
	}
	where := s.st.dim.Render(fmt.Sprintf("  line %d", c.Line))
	out := []string{fit(title, w-lipgloss.Width(where)) + where}
	if c.Workload != nil {
		out = append(out, wrapStyled(workloadSummary(c.Workload), w, "", s.st.dim)...)
	}
	return out
}

// priceOf is the monthly cost of a recommendation, or "not priced" when the
// bundled tables have no price for it (its $0.00 would mislead).
func priceOf(c *result.Component, r result.Recommendation) string {
	for _, o := range c.Options {
		if o.Platform == r.Platform && !o.Priced {
			return result.NotPriced
		}
	}
	if r.MonthlyCostUSD == nil {
		return result.NotPriced
	}
	return money(*r.MonthlyCostUSD)
}

// workloadSummary is the component's workload as modelled (from the
// result), on one line.
func workloadSummary(w *result.Workload) string {
	num := func(v result.Value) float64 {
		f, _ := strconv.ParseFloat(v.Value, 64)
		return f
	}
	parts := []string{
		w.Trigger.Value,
		fmt.Sprintf("%s req/mo (%s/s, %s)", count(num(w.RequestsPerMonth)), rate(num(w.RequestsPerSecond)), w.Pattern.Value),
		w.AvgDuration.Value + " avg",
		w.MemoryMB.Value + " MB",
		w.VCPU.Value + " vCPU",
		"concurrency " + w.Concurrency.Value,
		w.Arch.Value,
		w.State.Value,
	}
	return strings.Join(parts, " · ")
}

func (s *componentScreen) recommendationLines(a *archState, c *result.Component, w int) []string {
	r := c.Recommendation
	head := s.st.heading.Render("RECOMMENDED") + s.st.dim.Render(" on "+r.Cloud)
	var out []string
	if r.Platform == "" {
		out = append(out, head, s.st.err.Render("  no eligible platform on "+r.Cloud))
	} else {
		price := s.st.bold.Render(priceOf(c, r))
		if priceOf(c, r) != result.NotPriced {
			price += s.st.dim.Render("/month")
		}
		line := "▶ " + s.st.model(r.Model).Render(modelName(r.Model)) + " · " + s.st.bold.Render(r.Platform) + " · " + price
		out = append(out, head, line)
	}
	idW := 0
	for _, rs := range r.Reasons {
		idW = max(idW, lipgloss.Width(clean(rs.Rule)))
	}
	idW = min(idW, 20)
	// Continuation lines align with the sentences when there is room, else
	// they are indented a little so the sentences keep most of the width.
	contIndent := idW + 3
	if w-contIndent < 60 {
		contIndent = 4
	}
	for _, rs := range r.Reasons {
		id := s.st.accent.Render(fmt.Sprintf("%-*s", idW, trunc(clean(rs.Rule), idW)))
		text := wrapWidths(clean(rs.Message), max(10, w-idW-3), max(10, w-contIndent))
		for i, t := range text {
			if i == 0 {
				out = append(out, "  "+id+" "+t)
			} else {
				out = append(out, strings.Repeat(" ", contIndent)+t)
			}
		}
	}
	// The other clouds in one line each.
	var others []string
	for _, cloud := range s.focus.clouds {
		if cloud == r.Cloud {
			continue
		}
		pr, ok := c.PerCloud[cloud]
		if !ok {
			continue
		}
		if pr.Platform == "" {
			others = append(others, fmt.Sprintf("%s: none eligible", cloud))
			continue
		}
		others = append(others, fmt.Sprintf("%s: %s %s %s", cloud, modelShort(pr.Model), platformShort(pr.Platform), priceOf(c, pr)))
	}
	if len(others) > 0 {
		out = append(out, wrapStyled("elsewhere — "+strings.Join(others, " · "), w, "  ", s.st.dim)...)
	}
	if be, ok := c.BreakEven[r.Cloud]; ok && be.Sentence != "" {
		out = append(out, wrapStyled("break-even: "+clean(be.Sentence), w, "  ", s.st.dim)...)
	}
	if sc := scoreLine(c); sc != "" {
		out = append(out, s.st.dim.Render(trunc("scores: "+sc, w)))
	}
	return out
}

func scoreLine(c *result.Component) string {
	var parts []string
	for _, k := range []string{"function", "serverless-container", "orchestrated-container"} {
		if v, ok := c.Scores[k]; ok {
			parts = append(parts, fmt.Sprintf("%s %g", modelShort(k), v))
		}
	}
	return strings.Join(parts, " · ")
}

// optionLines is the table of every platform on every cloud.
func (s *componentScreen) optionLines(c *result.Component, w int) []string {
	platW := 20
	if w < 70 {
		platW = 16
	}
	head := fmt.Sprintf("  %-5s %-*s %-3s %s %10s", "CLOUD", platW, "PLATFORM", "MOD", "OK", "/MONTH")
	out := []string{s.st.heading.Render("OPTIONS") + s.st.dim.Render(" (←/→ selects; ★ recommended per cloud)"), s.st.dim.Render(fit(head, w))}
	for i, o := range c.Options {
		marker := "  "
		if i == s.option {
			marker = s.st.accent.Render("▸ ")
		}
		ok := s.st.ok.Render("✓ ")
		if !o.Eligible {
			ok = s.st.err.Render("✗ ")
		}
		cost := result.NotPriced
		if o.Priced && o.MonthlyCostUSD != nil {
			cost = money(*o.MonthlyCostUSD)
		}
		star := " "
		if pr, has := c.PerCloud[o.Cloud]; has && pr.Platform == o.Platform {
			star = s.st.warn.Render("★")
		}
		line := marker + fmt.Sprintf("%-5s ", o.Cloud) + fmt.Sprintf("%-*s ", platW, trunc(platformShort(o.Platform), platW)) +
			s.st.model(o.Model).Render(fmt.Sprintf("%-3s", modelShort(o.Model))) + " " + ok + " " + padLeft(cost, 10) + " " + star
		if !o.Eligible && len(o.ExcludedBy) > 0 {
			line += " " + s.st.dim.Render(clean(o.ExcludedBy[0].Rule+" "+o.ExcludedBy[0].Message))
		}
		if i == s.option {
			line = s.st.highlight(line, w)
		}
		out = append(out, fit(line, w))
	}
	return out
}

// costLines is the bill of the selected option.
func (s *componentScreen) costLines(c *result.Component, w int) []string {
	if s.option < 0 || s.option >= len(c.Options) {
		return nil
	}
	o := c.Options[s.option]
	out := []string{s.st.heading.Render("COST") + s.st.dim.Render(" · "+o.Platform+" · "+o.Region)}
	if !o.Priced || o.MonthlyCostUSD == nil {
		return append(out, s.st.dim.Render("  not priced: "+clean(o.Note)))
	}
	if !o.Eligible {
		for _, r := range o.ExcludedBy {
			out = append(out, wrapStyled("excluded — "+clean(r.Rule)+": "+clean(r.Message), w, "  ", s.st.err)...)
		}
	}
	nameW := min(28, max(12, w/3))
	for _, l := range o.CostLines {
		qty := number(l.Quantity.Decimal, 2) + " " + l.Unit
		calc := qty + " × $" + l.UnitPriceUSD.String()
		right := padLeft(money(l.MonthlyCostUSD), 11)
		mid := max(0, w-2-nameW-1-lipgloss.Width(right))
		out = append(out, "  "+fit(clean(l.Name), nameW)+" "+s.st.dim.Render(padLeft(trunc(calc, mid), mid))+right)
	}
	total := padLeft(s.st.bold.Render(money(*o.MonthlyCostUSD)), 11)
	out = append(out, fit("  total", w-11)+total)
	if !o.FreeTierSavingsUSD.IsZero() {
		out = append(out, s.st.dim.Render(fit("  free tier saved "+money(o.FreeTierSavingsUSD), w)))
	}
	if o.Note != "" {
		out = append(out, wrapStyled(clean(o.Note), w, "  ", s.st.dim)...)
	}
	for _, as := range o.Assumptions {
		out = append(out, wrapStyled("· "+clean(as), w, "  ", s.st.dim)...)
	}
	return out
}

// findingLines lists the component's findings, most severe first.
func (s *componentScreen) findingLines(c *result.Component, w int) []string {
	counts := map[string]int{}
	for _, f := range c.Findings {
		if !f.Waived {
			counts[f.Severity]++
		}
	}
	var parts []string
	for _, sev := range result.Severities {
		if counts[sev] > 0 {
			parts = append(parts, s.st.severity(sev).Render(fmt.Sprintf("%d %s", counts[sev], sev)))
		}
	}
	head := s.st.heading.Render(fmt.Sprintf("FINDINGS (%d)", len(c.Findings)))
	if len(parts) > 0 {
		head += " " + strings.Join(parts, s.st.dim.Render(" · "))
	}
	out := []string{fit(head, w)}
	if len(c.Findings) == 0 {
		return append(out, s.st.dim.Render("  none"))
	}
	for _, f := range c.Findings {
		sev := s.st.severity(f.Severity).Render(fmt.Sprintf("%-8s", strings.ToUpper(clean(f.Severity))))
		if f.Waived {
			sev = s.st.dim.Render(fmt.Sprintf("%-8s", "waived"))
		}
		rule := s.st.accent.Render(clean(f.Rule))
		where := s.st.dim.Render(fmt.Sprintf(" line %d", f.Line))
		msg := wrap(clean(f.Message), max(10, w-11), "")
		out = append(out, fit(sev+" "+rule+where, w))
		for _, l := range msg {
			out = append(out, "         "+l)
		}
		if f.Waived {
			out = append(out, indented(fmt.Sprintf("waived until %s: %s", clean(f.WaiverExpires), clean(f.WaiverReason)), w, 9, s.st.dim)...)
		} else if f.Remediation != "" {
			out = append(out, indented("fix: "+clean(f.Remediation), w, 9, s.st.dim)...)
		}
	}
	return out
}

// assumptionLines lists the values the parser filled in for this component.
func (s *componentScreen) assumptionLines(a *archState, c *result.Component, w int) []string {
	idx := -1
	for i := range a.res.Components {
		if &a.res.Components[i] == c {
			idx = i
		}
	}
	prefix := fmt.Sprintf("components[%d].", idx)
	var out []string
	for _, as := range a.res.Assumptions {
		if !strings.HasPrefix(as.Path, prefix) {
			continue
		}
		if len(out) == 0 {
			out = append(out, "", s.st.heading.Render("ASSUMED")+s.st.dim.Render(" (not in the file)"))
		}
		text := fmt.Sprintf("%s = %s — %s", strings.TrimPrefix(as.Path, prefix), clean(as.Value), clean(as.Message))
		out = append(out, wrapStyled(text, w, "    ", s.st.dim)...)
	}
	return out
}

// wrapStyled wraps plain text and styles each line, indenting continuations.
func wrapStyled(s string, w int, indent string, st lipgloss.Style) []string {
	lines := wrap(s, w, indent)
	for i, l := range lines {
		lines[i] = st.Render(l)
	}
	return lines
}

// indented wraps s into w cells with every line indented by n spaces.
func indented(s string, w, n int, st lipgloss.Style) []string {
	pad := strings.Repeat(" ", n)
	lines := wrap(s, max(10, w-n), "")
	for i, l := range lines {
		lines[i] = pad + st.Render(l)
	}
	return lines
}
