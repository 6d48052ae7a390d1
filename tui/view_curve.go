package tui

import (
	"fmt"
	"math"
	"strconv"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// curveLines is the cost curve of the selected component on the curve cloud:
// the cheapest eligible function against the cheapest eligible container, over
// a hundredth to a hundred times today's traffic, on log scales.
func curveLines(st styles, curveCloud string, a *archState, c *result.Component, w, h int) []string {
	cloud := curveCloud
	if cloud == "" {
		cloud = a.res.Cloud
	}
	title := st.heading.Render("COST CURVE") + st.dim.Render(fmt.Sprintf(" · %s on %s (←/→ cloud)", clean(c.Name), cloud))
	out := []string{fit(title, w)}
	cv, ok := c.Curves[cloud]
	if !ok || len(cv.Points) == 0 {
		return append(out, st.dim.Render(fit("  no eligible function or container to draw on "+cloud, w)))
	}
	var fn, ct plotSeries
	fn.style, ct.style, ct.dashed = st.fn, st.ctr, true
	for _, p := range cv.Points {
		x := p.RequestsPerMonth.InexactFloat64()
		if p.FunctionUSD != nil {
			fn.xs, fn.ys = append(fn.xs, x), append(fn.ys, p.FunctionUSD.InexactFloat64())
		}
		if p.ContainerUSD != nil {
			ct.xs, ct.ys = append(ct.xs, x), append(ct.ys, p.ContainerUSD.InexactFloat64())
		}
	}
	var series []plotSeries
	var legend []string
	if len(fn.xs) > 0 {
		series = append(series, fn)
		legend = append(legend, st.fn.Render("⠒⠒⠒ function "+cv.FunctionPlatform))
	}
	if len(ct.xs) > 0 {
		if len(series) == 0 {
			ct.dashed = false
		}
		series = append(series, ct)
		sample := "⠒⠀⠒"
		if !ct.dashed {
			sample = "⠒⠒⠒"
		}
		legend = append(legend, st.ctr.Render(sample+" container "+cv.ContainerPlatform))
	}
	now := cv.CurrentRequestsPerMonth.InexactFloat64()
	marks := []plotMark{{x: now, glyph: "▲", style: st.accent}}
	be, hasBE := c.BreakEven[cloud]
	beX := 0.0
	if hasBE && be.Kind == "crossover" {
		beX = be.RequestsPerMonth.InexactFloat64()
		marks = append(marks, plotMark{x: beX, glyph: "◆", style: st.warn})
	}
	chartH := max(8, h-5)
	out = append(out, plot(plotSpec{
		width: w, height: chartH, series: series, marks: marks,
		xLabel: func(x float64) string { return count(x) },
		yLabel: dollarsShort,
		axis:   st.dim,
	})...)
	out = append(out, fit("  "+joinStyled(legend, st.dim.Render("   ")), w))
	info := st.accent.Render("▲") + fmt.Sprintf(" today %s req/mo", count(now))
	if beX > 0 {
		info += "   " + st.warn.Render("◆") + fmt.Sprintf(" break-even %s req/mo", count(beX))
	}
	out = append(out, fit("  "+info, w))
	if hasBE && be.Sentence != "" {
		out = append(out, wrapStyled(clean(be.Sentence), w, "  ", st.dim)...)
	}
	return out
}

// dollarsShort labels a decade of the cost axis: $0.01, $1, $100, $10k.
func dollarsShort(v float64) string {
	switch {
	case v >= 1e6:
		return "$" + strconv.FormatFloat(v/1e6, 'f', -1, 64) + "M"
	case v >= 1e3:
		return "$" + strconv.FormatFloat(v/1e3, 'f', -1, 64) + "k"
	case v >= 1:
		return "$" + strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	}
	return "$" + strconv.FormatFloat(v, 'f', -1, 64)
}

func joinStyled(parts []string, sep string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += sep
		}
		s += p
	}
	return s
}
