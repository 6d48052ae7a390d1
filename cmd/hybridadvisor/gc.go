package main

import (
	"os"
	"runtime/debug"
)

// The collector's settings for each kind of run live here, with the commands
// that choose them, not in the packages they run.

// tuneGC sets the collector for batch scoring and returns a function that puts
// it back. Scoring allocates a lot per component (policy evaluation, pricing)
// while the live heap stays small, because results stream out file by file.
// GOGC=1000 lets the heap grow to eleven times the live data before collecting,
// spending much less CPU on GC (10,000 one-component files: about 4% less CPU
// than GOGC=400, peak RSS 165 MB instead of 90); the soft 256 MiB memory limit
// makes the collector work harder as the heap nears it, so peak RSS stays
// bounded whatever the batch size. GOGC and GOMEMLIMIT in the environment win.
func tuneGC() func() {
	prevPercent, prevLimit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		prevPercent = debug.SetGCPercent(1000)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		prevLimit = debug.SetMemoryLimit(256 << 20)
	}
	return func() {
		if prevPercent != -2 {
			debug.SetGCPercent(prevPercent)
		}
		if prevLimit >= 0 {
			debug.SetMemoryLimit(prevLimit)
		}
	}
}

// tuneGCForTUI sets the collector for the TUI. Every keystroke re-scores the
// file, which allocates a lot and keeps little: a less eager GC saves about a
// quarter of the time (the live heap stays small). GOGC in the environment
// wins.
func tuneGCForTUI() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}
