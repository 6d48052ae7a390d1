package tui

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
)

// backgroundTimeout bounds how long the TUI waits for the terminal to say its
// background colour. Terminals that answer do so in milliseconds (the cursor
// position report sent after the question ends the wait at once even where the
// colour query is not supported); those that never answer (docker run -t, some
// CI ptys) cost only this much, once, when the TUI starts.
const backgroundTimeout = 400 * time.Millisecond

// darkBackground tells whether the terminal's background is dark, asking the
// terminal on in/out when both are terminals, else from the environment
// (COLORFGBG; dark when unknown). Nothing but the TUI asks the terminal.
func darkBackground(in io.Reader, out io.Writer) bool {
	fi, ok1 := in.(*os.File)
	fo, ok2 := out.(*os.File)
	if ok1 && ok2 && term.IsTerminal(int(fi.Fd())) && term.IsTerminal(int(fo.Fd())) {
		if dark, ok := queryBackground(fi, fo, backgroundTimeout); ok {
			return dark
		}
	}
	return render.EnvDarkBackground()
}

// The background colour query (OSC 11) and, as a fence every terminal answers,
// the cursor position report request (DSR 6).
const backgroundQuery = "\x1b]11;?\x1b\\" + "\x1b[6n"

// answered reports whether buf holds the cursor position report that ends the
// terminal's answers: ESC [ row ; col R.
func answered(buf []byte) bool {
	for i := bytes.Index(buf, []byte("\x1b[")); i >= 0; {
		j := i + 2
		for j < len(buf) && (buf[j] >= '0' && buf[j] <= '9' || buf[j] == ';') {
			j++
		}
		if j < len(buf) && buf[j] == 'R' && j > i+2 {
			return true
		}
		k := bytes.Index(buf[i+2:], []byte("\x1b["))
		if k < 0 {
			return false
		}
		i += 2 + k
	}
	return false
}

// parseBackground reads an OSC 11 answer in buf ("ESC ] 11 ; rgb:RRRR/GGGG/BBBB"
// ended by BEL or ESC \) and reports whether that colour is dark (HSL lightness
// below one half, as termenv decides).
func parseBackground(buf []byte) (dark, ok bool) {
	i := bytes.Index(buf, []byte("\x1b]11;"))
	if i < 0 {
		return false, false
	}
	rest := buf[i+5:]
	end := bytes.IndexAny(rest, "\x07\x1b")
	if end < 0 {
		return false, false
	}
	spec := string(rest[:end])
	var hex string
	switch {
	case strings.HasPrefix(spec, "rgb:"):
		hex = spec[4:]
	case strings.HasPrefix(spec, "rgba:"):
		hex = spec[5:]
	default:
		return false, false
	}
	parts := strings.Split(hex, "/")
	if len(parts) < 3 {
		return false, false
	}
	var c [3]float64
	for k := range c {
		p := parts[k]
		if len(p) == 0 || len(p) > 4 {
			return false, false
		}
		v, err := strconv.ParseUint(p, 16, 16)
		if err != nil {
			return false, false
		}
		c[k] = float64(v) / float64(uint64(1)<<(4*len(p))-1)
	}
	hi, lo := max(c[0], c[1], c[2]), min(c[0], c[1], c[2])
	return (hi+lo)/2 < 0.5, true
}
