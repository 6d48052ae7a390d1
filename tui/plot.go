package tui

import (
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// A small log-log line chart drawn with braille characters: each cell holds a
// 2×4 grid of dots, so a w×h chart has 2w×4h points of resolution. Two series
// at most; the second is dashed so they stay apart without colour.

type plotSeries struct {
	xs, ys []float64 // data points, x ascending; y ≥ 0
	dashed bool
	style  lipgloss.Style
}

// plotMark is a vertical marker at x (today's traffic, the break-even point).
type plotMark struct {
	x     float64
	glyph string
	style lipgloss.Style
}

type plotSpec struct {
	width, height int // the whole chart, axes and labels included
	series        []plotSeries
	marks         []plotMark
	xLabel        func(float64) string
	yLabel        func(float64) string
	axis          lipgloss.Style
}

// braille dot bits by [column][row] within a cell.
var brailleBits = [2][4]rune{{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}}

// plotYLabelW is the width of the y labels and the axis: "$1.2k ┤".
const plotYLabelW = 7

// plot draws the chart; it returns exactly spec.height lines of spec.width cells.
func plot(spec plotSpec) []string {
	pw := spec.width - plotYLabelW - 1
	ph := spec.height - 3 // x axis, marker row, x labels
	if pw < 10 || ph < 3 {
		return fill(nil, spec.height, spec.width)
	}
	d, ok := newPlotDomain(spec.series, pw, ph)
	if !ok {
		return fill(nil, spec.height, spec.width)
	}
	cv := newCanvas(pw, ph)
	for si, s := range spec.series {
		cv.drawSeries(d, s, uint8(1)<<si)
	}
	marks := d.markColumns(spec.marks)
	out := cv.rows(spec, d.yLabels(spec), marks)
	out = append(out, d.xAxis(spec, marks)...)
	return fill(out, spec.height, spec.width)
}

// plotDomain maps data to dots: x and y in log10 space, the plot area in
// cells (pw × ph) and in dots (2pw × 4ph).
type plotDomain struct {
	lx0, lx1, ly0, ly1 float64
	pw, ph             int
	dotsW, dotsH       int
}

// newPlotDomain spans the positive x values of the series and the decades of
// their y values (at most six, so the interesting part is not squashed). It
// reports false when no point has a positive x.
func newPlotDomain(series []plotSeries, pw, ph int) (plotDomain, bool) {
	xMin, xMax, yMinPos, yMax := dataBounds(series)
	if math.IsInf(xMin, 1) {
		return plotDomain{}, false
	}
	if xMax <= xMin {
		xMax = xMin * 10
	}
	if math.IsInf(yMinPos, 1) {
		yMinPos, yMax = 0.01, 1
	}
	d := plotDomain{lx0: math.Log10(xMin), lx1: math.Log10(xMax), pw: pw, ph: ph, dotsW: pw * 2, dotsH: ph * 4}
	d.ly0 = math.Floor(math.Log10(yMinPos))
	d.ly1 = math.Ceil(math.Log10(math.Max(yMax, yMinPos)))
	if d.ly1 <= d.ly0 {
		d.ly1 = d.ly0 + 1
	}
	if d.ly1-d.ly0 > 6 {
		d.ly0 = d.ly1 - 6
	}
	return d, true
}

// dataBounds are the smallest and largest positive x, and the smallest
// positive and the largest y of the points with a positive x.
func dataBounds(series []plotSeries) (xMin, xMax, yMinPos, yMax float64) {
	xMin, xMax, yMinPos = math.Inf(1), math.Inf(-1), math.Inf(1)
	for _, s := range series {
		for i, x := range s.xs {
			if x <= 0 {
				continue
			}
			xMin, xMax = math.Min(xMin, x), math.Max(xMax, x)
			y := s.ys[i]
			yMax = math.Max(yMax, y)
			if y > 0 {
				yMinPos = math.Min(yMinPos, y)
			}
		}
	}
	return xMin, xMax, yMinPos, yMax
}

func (d plotDomain) toDX(x float64) int {
	return int(math.Round((math.Log10(x) - d.lx0) / (d.lx1 - d.lx0) * float64(d.dotsW-1)))
}

// toDY is the dot row of y; 0 is the top row.
func (d plotDomain) toDY(y float64) int {
	ly := d.ly0
	if y > 0 {
		ly = math.Max(math.Log10(y), d.ly0)
	}
	return d.dotsH - 1 - int(math.Round((ly-d.ly0)/(d.ly1-d.ly0)*float64(d.dotsH-1)))
}

// markColumns places the markers by cell column (a later marker wins a column).
func (d plotDomain) markColumns(marks []plotMark) map[int]plotMark {
	at := map[int]plotMark{}
	for _, mk := range marks {
		if mk.x <= 0 {
			continue
		}
		if cx := d.toDX(mk.x) / 2; cx >= 0 && cx < d.pw {
			at[cx] = mk
		}
	}
	return at
}

// yLabels labels each decade's row; the lowest says ≤ when values sit below it.
func (d plotDomain) yLabels(spec plotSpec) map[int]string {
	below := false
	for _, s := range spec.series {
		for _, y := range s.ys {
			if y < math.Pow(10, d.ly0)*(1-1e-9) {
				below = true
			}
		}
	}
	labels := map[int]string{}
	for dec := d.ly0; dec <= d.ly1+1e-9; dec++ {
		row := d.toDY(math.Pow(10, dec)) / 4
		if row < 0 || row >= d.ph {
			continue
		}
		if _, taken := labels[row]; taken {
			continue
		}
		l := spec.yLabel(math.Pow(10, dec))
		if dec == d.ly0 && below {
			l = "≤" + l
		}
		labels[row] = l
	}
	return labels
}

// xAxis is the axis line with decade ticks, the marker glyphs and the x labels.
func (d plotDomain) xAxis(spec plotSpec, marks map[int]plotMark) []string {
	axis := []rune(strings.Repeat("─", d.pw))
	labels := []rune(strings.Repeat(" ", d.pw+plotYLabelW+1))
	for dec := math.Ceil(d.lx0 - 1e-9); dec <= d.lx1+1e-9; dec++ {
		c := d.toDX(math.Pow(10, dec)) / 2
		if c < 0 || c >= d.pw {
			continue
		}
		axis[c] = '┬'
		placeLabel(labels, []rune(spec.xLabel(math.Pow(10, dec))), plotYLabelW+1+c)
	}
	var row strings.Builder
	row.WriteString(strings.Repeat(" ", plotYLabelW))
	for c := 0; c < d.pw; c++ {
		if mk, ok := marks[c]; ok {
			row.WriteString(mk.style.Render(mk.glyph))
		} else {
			row.WriteByte(' ')
		}
	}
	return []string{
		strings.Repeat(" ", plotYLabelW-1) + spec.axis.Render("└"+string(axis)),
		row.String(),
		string(labels),
	}
}

// placeLabel writes l centred on column center when it fits and keeps a blank
// cell from its neighbours.
func placeLabel(labels, l []rune, center int) {
	start := center - len(l)/2
	if start < 0 || start+len(l) > len(labels) {
		return
	}
	for i := max(0, start-1); i < min(len(labels), start+len(l)+1); i++ {
		if labels[i] != ' ' {
			return
		}
	}
	copy(labels[start:], l)
}

// canvas is the plot area: a braille cell per character, and which series own
// its dots (bit i for series i).
type canvas struct {
	cells [][]rune
	owner [][]uint8
}

func newCanvas(pw, ph int) *canvas {
	cv := &canvas{cells: make([][]rune, ph), owner: make([][]uint8, ph)}
	for r := range cv.cells {
		cv.cells[r] = make([]rune, pw)
		cv.owner[r] = make([]uint8, pw)
	}
	return cv
}

func (cv *canvas) set(d plotDomain, dx, dy int, who uint8) {
	if dx < 0 || dy < 0 || dx >= d.dotsW || dy >= d.dotsH {
		return
	}
	cx, cy := dx/2, dy/4
	cv.cells[cy][cx] |= brailleBits[dx%2][dy%4]
	cv.owner[cy][cx] |= who
}

// drawSeries draws one series column of dots by column, joining steep
// segments vertically so the line has no gaps; a dashed series skips every
// other run of three columns.
func (cv *canvas) drawSeries(d plotDomain, s plotSeries, who uint8) {
	prevY := -1
	for dx := 0; dx < d.dotsW; dx++ {
		lx := d.lx0 + (d.lx1-d.lx0)*float64(dx)/float64(d.dotsW-1)
		y, ok := interpLog(s.xs, s.ys, math.Pow(10, lx))
		if !ok {
			prevY = -1
			continue
		}
		dy := d.toDY(y)
		if s.dashed && (dx/3)%2 == 1 {
			prevY = dy
			continue
		}
		from, to := dy, dy
		if prevY >= 0 {
			from, to = min(prevY, dy), max(prevY, dy)
		}
		for y := from; y <= to; y++ {
			cv.set(d, dx, y, who)
		}
		prevY = dy
	}
}

// rows renders the plot area with the y axis and its labels; empty cells in a
// marker's column show the marker's dotted line.
func (cv *canvas) rows(spec plotSpec, yLabels map[int]string, marks map[int]plotMark) []string {
	out := make([]string, 0, spec.height)
	for r, cells := range cv.cells {
		var b strings.Builder
		if l, ok := yLabels[r]; ok {
			b.WriteString(padLeft(l, plotYLabelW-1))
			b.WriteString(spec.axis.Render("┤"))
		} else {
			b.WriteString(strings.Repeat(" ", plotYLabelW-1))
			b.WriteString(spec.axis.Render("│"))
		}
		for c, ch := range cells {
			if ch != 0 {
				b.WriteString(cellStyle(spec, cv.owner[r][c]).Render(string(0x2800 + ch)))
			} else if mk, ok := marks[c]; ok {
				b.WriteString(mk.style.Render("┊"))
			} else {
				b.WriteByte(' ')
			}
		}
		out = append(out, b.String())
	}
	return out
}

// cellStyle is the style of a cell owned by the series in owner (bits).
func cellStyle(spec plotSpec, owner uint8) lipgloss.Style {
	switch {
	case owner == 1:
		return spec.series[0].style
	case owner == 2:
		return spec.series[1].style
	case owner == 3 && len(spec.series) > 1:
		return lipgloss.NewStyle().Foreground(colOverlap)
	}
	return spec.axis
}

// interpLog interpolates y at x linearly in log-log space (zero y values are
// interpolated linearly). It reports false outside the data.
func interpLog(xs, ys []float64, x float64) (float64, bool) {
	if len(xs) == 0 || x < xs[0]*(1-1e-9) || x > xs[len(xs)-1]*(1+1e-9) {
		return 0, false
	}
	for i := 1; i < len(xs); i++ {
		if x > xs[i] {
			continue
		}
		x0, x1, y0, y1 := xs[i-1], xs[i], ys[i-1], ys[i]
		if x1 <= x0 {
			return y1, true
		}
		t := (math.Log10(x) - math.Log10(x0)) / (math.Log10(x1) - math.Log10(x0))
		if y0 > 0 && y1 > 0 {
			return math.Pow(10, math.Log10(y0)+t*(math.Log10(y1)-math.Log10(y0))), true
		}
		return y0 + t*(y1-y0), true
	}
	return ys[len(ys)-1], true // x is the last point, give or take rounding
}

// fill pads lines to n lines of w cells.
func fill(lines []string, n, w int) []string {
	out := make([]string, n)
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", w)
		}
	}
	return out
}
