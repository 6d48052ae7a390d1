package tui

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Colours adapt to the terminal's background: Light is used on light
// backgrounds, Dark on dark ones. With NO_COLOR (or a dumb terminal) lipgloss
// renders plain text, so nothing in the UI relies on colour alone: the selection
// has a ▸ marker, severities are words, and the curve's two series differ by
// dash pattern.
var (
	colAccent  = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A48BFF"}
	colDim     = lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	colBorder  = lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#444444"}
	colSelBg   = lipgloss.AdaptiveColor{Light: "#E4DDFF", Dark: "#36305A"}
	colBarBg   = lipgloss.AdaptiveColor{Light: "#E8E8E8", Dark: "#262626"}
	colOK      = lipgloss.AdaptiveColor{Light: "#1E7B34", Dark: "#5FD27A"}
	colError   = lipgloss.AdaptiveColor{Light: "#B3261E", Dark: "#FF6B6B"}
	colWarn    = lipgloss.AdaptiveColor{Light: "#9A5B00", Dark: "#F5B942"}
	colFn      = lipgloss.AdaptiveColor{Light: "#1E7B34", Dark: "#5FD27A"}
	colCtr     = lipgloss.AdaptiveColor{Light: "#0B5CAD", Dark: "#62B0FF"}
	colK8s     = lipgloss.AdaptiveColor{Light: "#8E3CA8", Dark: "#D98BF0"}
	colOverlap = lipgloss.AdaptiveColor{Light: "#9A5B00", Dark: "#F5B942"}
)

// styles holds every style the views use.
type styles struct {
	title, bar, dim, bold, accent, border   lipgloss.Style
	selected, tabOn, tabOff, key            lipgloss.Style
	ok, err, warn                           lipgloss.Style
	fn, ctr, k8s, overlap                   lipgloss.Style
	sevCritical, sevHigh, sevMedium, sevLow lipgloss.Style
	sevInfo, cursor, field, fieldFocus      lipgloss.Style
	heading                                 lipgloss.Style
}

func newStyles() styles {
	s := lipgloss.NewStyle
	return styles{
		title:       s().Bold(true).Foreground(colAccent),
		bar:         s().Background(colBarBg),
		dim:         s().Foreground(colDim),
		bold:        s().Bold(true),
		accent:      s().Foreground(colAccent),
		border:      s().Foreground(colBorder),
		selected:    s().Background(colSelBg).Bold(true),
		tabOn:       s().Bold(true).Foreground(colAccent).Underline(true),
		tabOff:      s().Foreground(colDim),
		key:         s().Bold(true).Foreground(colAccent),
		ok:          s().Foreground(colOK),
		err:         s().Foreground(colError).Bold(true),
		warn:        s().Foreground(colWarn),
		fn:          s().Foreground(colFn),
		ctr:         s().Foreground(colCtr),
		k8s:         s().Foreground(colK8s),
		overlap:     s().Foreground(colOverlap),
		sevCritical: s().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#FFFFFF"}).Background(lipgloss.AdaptiveColor{Light: "#B3261E", Dark: "#C62828"}),
		sevHigh:     s().Bold(true).Foreground(colError),
		sevMedium:   s().Foreground(colWarn),
		sevLow:      s().Foreground(colCtr),
		sevInfo:     s().Foreground(colDim),
		cursor:      s().Reverse(true),
		field:       s().Background(colBarBg),
		fieldFocus:  s().Background(colSelBg),
		heading:     s().Bold(true).Foreground(colAccent),
	}
}

// plain reports whether styles render as plain text (NO_COLOR, dumb terminals,
// tests): the views then add textual markers where colour would otherwise carry
// the meaning.
func plain() bool { return lipgloss.ColorProfile() == termenv.Ascii }

func (st styles) severity(sev string) lipgloss.Style {
	switch sev {
	case "critical":
		return st.sevCritical
	case "high":
		return st.sevHigh
	case "medium":
		return st.sevMedium
	case "low":
		return st.sevLow
	}
	return st.sevInfo
}

func (st styles) model(model string) lipgloss.Style {
	switch model {
	case "function":
		return st.fn
	case "serverless-container":
		return st.ctr
	case "orchestrated-container":
		return st.k8s
	}
	return st.dim
}
