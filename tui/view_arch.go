package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// archLines is the architecture screen: every component's placement on each
// cloud, the monthly totals of the recommended placement against all functions
// and all containers, and the verdicts.
func (s *archScreen) archLines(a *archState, w int) []string {
	r := a.res
	clouds := s.focus.clouds
	title := s.st.bold.Render(clean(r.Name)) + s.st.dim.Render(" · verdict ") + s.st.accent.Render(clean(r.Verdict)) + s.st.dim.Render(" on "+clean(r.Cloud))
	if s.focus.cloud == "" {
		title += s.st.dim.Render(" (the cheapest cloud)")
	}
	out := []string{fit(title, w)}
	if r.Description != "" {
		out = append(out, wrapStyled(clean(r.Description), w, "", s.st.dim)...)
	}
	for _, as := range r.Assumptions {
		if as.Path == advisor.PlaceholderRule { // a draft from hybridadvisor import
			out = append(out, wrapStyled("warning: "+clean(as.Message), w, "  ", s.st.err)...)
		}
	}
	for _, rs := range r.VerdictReasons[r.Cloud] {
		out = append(out, wrapStyled(clean(rs.Rule)+" "+clean(rs.Message), w, "  ", s.st.dim)...)
	}
	out = append(out, "")

	// Placement table.
	nameW := 10
	for _, c := range r.Components {
		nameW = max(nameW, lipgloss.Width(clean(c.Name)))
	}
	nameW = min(nameW, max(10, w/4))
	colW := (w - nameW - 2) / max(1, len(clouds))
	head := fit("COMPONENT", nameW) + "  "
	for _, cl := range clouds {
		h := strings.ToUpper(cl)
		if cl == r.Cloud {
			h += " ★"
		}
		head += fit(h, colW)
	}
	out = append(out, s.st.heading.Render(fit(head, w)))
	for i, c := range r.Components {
		line := fit(clean(c.Name), nameW) + "  "
		if s.focus.compIndex == i && s.focus.arch == a {
			line = fit(s.st.accent.Render("▸ ")+clean(c.Name), nameW) + "  "
		}
		for _, cl := range clouds {
			line += s.placementCell(&c, c.PerCloud[cl], colW)
		}
		out = append(out, fit(line, w))
	}
	out = append(out, "")

	// Totals.
	rows := []struct {
		label string
		get   func(t result.Totals) string
	}{
		{"recommended", func(t result.Totals) string { return moneyTotal(t.Recommended, t.Unpriced) }},
		{"all functions", func(t result.Totals) string { return moneyTotal(t.AllFunctions, t.AllFunctionsUnpriced) }},
		{"all containers", func(t result.Totals) string { return moneyTotal(t.AllContainers, t.AllContainersUnpriced) }},
		{"of which glue", func(t result.Totals) string { return money(t.Glue) }},
		{"free tier saved", func(t result.Totals) string { return money(t.FreeTierSavings) }},
	}
	labelW := max(nameW, 15)
	tcol := min(16, (w-labelW-2)/max(1, len(clouds)))
	head = fit("TOTAL /MONTH", labelW) + "  "
	for _, cl := range clouds {
		head += padLeft(strings.ToUpper(cl), tcol-1) + " "
	}
	out = append(out, s.st.heading.Render(fit(head, w)))
	for ri, row := range rows {
		st := s.st.bold
		if ri > 0 {
			st = lipgloss.NewStyle()
		}
		if ri >= 3 {
			st = s.st.dim
		}
		line := st.Render(fit(row.label, labelW)) + "  "
		for _, cl := range clouds {
			line += st.Render(padLeft(row.get(r.Totals[cl]), tcol-1)) + " "
		}
		out = append(out, fit(line, w))
	}
	line := fit("verdict", labelW) + "  "
	for _, cl := range clouds {
		line += s.st.accent.Render(padLeft(clean(r.Verdicts[cl]), tcol-1)) + " "
	}
	out = append(out, fit(line, w))

	// Notes: what the totals leave out, the unpriced parts first.
	var incomplete, notes []string
	for _, cl := range clouds {
		if t := r.Totals[cl]; !t.Complete() {
			incomplete = append(incomplete, fmt.Sprintf("%s total is incomplete (+): not priced: %s", cl, clean(result.PartsText(t.Unpriced))))
		}
		notes = append(notes, r.Totals[cl].Incomplete...)
	}
	if len(notes)+len(incomplete) > 0 {
		out = append(out, "", s.st.heading.Render("NOTES"))
		for _, n := range incomplete {
			out = append(out, wrapStyled("· "+clean(n), w, "  ", s.st.warn)...)
		}
		for _, n := range notes {
			out = append(out, wrapStyled("· "+clean(n), w, "  ", s.st.dim)...)
		}
	}
	return out
}

// placementCell is "ctr fargate $18.02" in w cells, dropping the platform name
// when it does not fit.
func (s *archScreen) placementCell(c *result.Component, p result.Recommendation, w int) string {
	if p.Platform == "" {
		return fit(s.st.err.Render("none eligible"), w)
	}
	badge := s.st.model(p.Model).Render(fmt.Sprintf("%-3s", modelShort(p.Model)))
	cost := priceOf(c, p)
	full := fmt.Sprintf(" %s %s", platformShort(p.Platform), cost)
	if lipgloss.Width(full)+4 <= w {
		return fit(badge+full, w)
	}
	if cost == result.NotPriced {
		// "n/a" only where "not priced" cannot fit: never a number.
		if len(" "+cost)+4 <= w {
			return fit(badge+" "+cost, w)
		}
		return fit(badge+" n/a", w)
	}
	return fit(badge+" "+moneyShort(*p.MonthlyCostUSD), w)
}
