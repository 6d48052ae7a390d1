package render

import (
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// colorRenderer styles the table output without ever asking the terminal
// anything. Its colour profile comes from the environment and whether stdout is
// a terminal (NO_COLOR, CLICOLOR_FORCE, TERM, COLORTERM); its background from
// COLORFGBG, else dark. Lip Gloss's default renderer would ask the terminal for
// its background (OSC 11) the first time an adaptive colour is rendered, and a
// terminal that never answers (docker run -t, CI runners with a pty) then
// stalls the output for 5 s.
func colorRenderer() *lipgloss.Renderer {
	// No termenv.WithColorCache: that option queries the terminal at once.
	r := lipgloss.NewRenderer(os.Stdout)
	r.SetHasDarkBackground(EnvDarkBackground())
	return r
}

// EnvDarkBackground reports whether the terminal's background is dark as far
// as the environment tells (COLORFGBG="fg;bg", set by rxvt, Konsole and others);
// dark when it does not say. It never queries the terminal.
func EnvDarkBackground() bool {
	v := os.Getenv("COLORFGBG")
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return true
	}
	n, err := strconv.Atoi(v[i+1:])
	if err != nil || n < 0 || n > 255 {
		return true
	}
	_, _, l := termenv.ConvertToRGB(termenv.ANSI256Color(n)).Hsl()
	return l < 0.5
}
