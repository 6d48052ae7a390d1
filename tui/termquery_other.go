//go:build !(linux || darwin)

package tui

import (
	"os"
	"time"
)

// queryBackground does not ask the terminal here: the colours come from the
// environment.
func queryBackground(in, out *os.File, timeout time.Duration) (dark, ok bool) {
	return false, false
}
