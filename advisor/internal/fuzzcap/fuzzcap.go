// Package fuzzcap caps the fuzzer's minimisation for a package's tests. Go minimises every
// input that finds new coverage, not only crashes, by trying to remove each byte and each run
// of bytes, quadratic in its length, within 60 s by default; where one execution takes a
// millisecond (a profile parsed, a saved result rendered in every format, a kilobyte string
// cleaned), that budget ate nearly all of a one-minute run (FuzzParse: 27 to 31 executions,
// FuzzReformat: 11).
package fuzzcap

import (
	"flag"
	"os"
	"testing"
)

// Main is a TestMain that sets -test.fuzzminimizetime to 5s unless it was given, then runs
// the tests.
func Main(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		_ = flag.Set("test.fuzzminimizetime", "5s")
	}
	os.Exit(m.Run())
}
