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

// plot draws the chart; it returns exactly spec.height lines of spec.width cells.
func plot(spec plotSpec) []string {
	const yLabelW = 7 // "$1.2k ┤"
	pw := spec.width - yLabelW - 1
	ph := spec.height - 3 // x axis, marker row, x labels
	if pw < 10 || ph < 3 {
		return fill(nil, spec.height, spec.width)
	}
	// Domain, in log10 space.
	xMin, xMax := math.Inf(1), math.Inf(-1)
	yMax, yMinPos := 0.0, math.Inf(1)
	for _, s := range spec.series {
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
	if math.IsInf(xMin, 1) {
		return fill(nil, spec.height, spec.width)
	}
	if xMax <= xMin {
		xMax = xMin * 10
	}
	lx0, lx1 := math.Log10(xMin), math.Log10(xMax)
	if math.IsInf(yMinPos, 1) {
		yMinPos, yMax = 0.01, 1
	}
	ly0 := math.Floor(math.Log10(yMinPos))
	ly1 := math.Ceil(math.Log10(math.Max(yMax, yMinPos)))
	if ly1 <= ly0 {
		ly1 = ly0 + 1
	}
	// Keep at most six decades so the interesting part is not squashed.
	if ly1-ly0 > 6 {
		ly0 = ly1 - 6
	}
	dotsW, dotsH := pw*2, ph*4
	toDX := func(x float64) int {
		return int(math.Round((math.Log10(x) - lx0) / (lx1 - lx0) * float64(dotsW-1)))
	}
	toDY := func(y float64) int { // 0 is the top row of dots
		ly := ly0
		if y > 0 {
			ly = math.Max(math.Log10(y), ly0)
		}
		return dotsH - 1 - int(math.Round((ly-ly0)/(ly1-ly0)*float64(dotsH-1)))
	}

	cells := make([][]rune, ph)
	owner := make([][]uint8, ph)
	for r := range cells {
		cells[r] = make([]rune, pw)
		owner[r] = make([]uint8, pw)
	}
	set := func(dx, dy int, who uint8) {
		if dx < 0 || dy < 0 || dx >= dotsW || dy >= dotsH {
			return
		}
		cx, cy := dx/2, dy/4
		cells[cy][cx] |= brailleBits[dx%2][dy%4]
		owner[cy][cx] |= who
	}
	for si, s := range spec.series {
		who := uint8(1) << si
		prevY := -1
		for dx := 0; dx < dotsW; dx++ {
			lx := lx0 + (lx1-lx0)*float64(dx)/float64(dotsW-1)
			y, ok := interpLog(s.xs, s.ys, math.Pow(10, lx))
			if !ok {
				prevY = -1
				continue
			}
			dy := toDY(y)
			if s.dashed && (dx/3)%2 == 1 {
				prevY = dy
				continue
			}
			// Join steep segments vertically so the line has no gaps.
			from, to := dy, dy
			if prevY >= 0 {
				from, to = min(prevY, dy), max(prevY, dy)
			}
			for y := from; y <= to; y++ {
				set(dx, y, who)
			}
			prevY = dy
		}
	}

	// Marker columns.
	markAt := map[int]plotMark{}
	for _, mk := range spec.marks {
		if mk.x <= 0 {
			continue
		}
		cx := toDX(mk.x) / 2
		if cx >= 0 && cx < pw {
			markAt[cx] = mk
		}
	}

	// Y labels at each decade row; the lowest says ≤ when values sit below it.
	below := false
	for _, s := range spec.series {
		for _, y := range s.ys {
			if y < math.Pow(10, ly0)*(1-1e-9) {
				below = true
			}
		}
	}
	yLabels := map[int]string{}
	for d := ly0; d <= ly1+1e-9; d++ {
		row := toDY(math.Pow(10, d)) / 4
		if row >= 0 && row < ph {
			if _, taken := yLabels[row]; !taken {
				l := spec.yLabel(math.Pow(10, d))
				if d == ly0 && below {
					l = "≤" + l
				}
				yLabels[row] = l
			}
		}
	}

	out := make([]string, 0, spec.height)
	for r := 0; r < ph; r++ {
		var b strings.Builder
		if l, ok := yLabels[r]; ok {
			b.WriteString(padLeft(l, yLabelW-1))
			b.WriteString(spec.axis.Render("┤"))
		} else {
			b.WriteString(strings.Repeat(" ", yLabelW-1))
			b.WriteString(spec.axis.Render("│"))
		}
		for c := 0; c < pw; c++ {
			ch := cells[r][c]
			if ch == 0 {
				if mk, ok := markAt[c]; ok {
					b.WriteString(mk.style.Render("┊"))
				} else {
					b.WriteByte(' ')
				}
				continue
			}
			st := spec.axis
			switch owner[r][c] {
			case 1:
				st = spec.series[0].style
			case 2:
				st = spec.series[1].style
			case 3:
				if len(spec.series) > 1 {
					st = lipgloss.NewStyle().Foreground(colOverlap)
				}
			}
			b.WriteString(st.Render(string(0x2800 + ch)))
		}
		out = append(out, b.String())
	}

	// X axis with decade ticks, then marker glyphs, then labels.
	axis := []rune(strings.Repeat("─", pw))
	labels := []rune(strings.Repeat(" ", pw+yLabelW+1))
	for d := math.Ceil(lx0 - 1e-9); d <= lx1+1e-9; d++ {
		c := toDX(math.Pow(10, d)) / 2
		if c < 0 || c >= pw {
			continue
		}
		axis[c] = '┬'
		l := []rune(spec.xLabel(math.Pow(10, d)))
		start := yLabelW + 1 + c - len(l)/2
		if start < 0 || start+len(l) > len(labels) {
			continue
		}
		free := true
		for i := max(0, start-1); i < min(len(labels), start+len(l)+1); i++ {
			if labels[i] != ' ' {
				free = false
			}
		}
		if free {
			copy(labels[start:], l)
		}
	}
	out = append(out, strings.Repeat(" ", yLabelW-1)+spec.axis.Render("└"+string(axis)))
	var marks strings.Builder
	marks.WriteString(strings.Repeat(" ", yLabelW))
	for c := 0; c < pw; c++ {
		if mk, ok := markAt[c]; ok {
			marks.WriteString(mk.style.Render(mk.glyph))
		} else {
			marks.WriteByte(' ')
		}
	}
	out = append(out, marks.String(), string(labels))
	return fill(out, spec.height, spec.width)
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
