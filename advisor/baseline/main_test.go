package baseline_test

import (
	"flag"
	"os"
	"testing"
)

// TestMain caps the fuzzer's minimisation of each new input at 5 s unless
// -fuzzminimizetime is given. Go minimises every input that finds new
// coverage, not only crashes, by trying to remove each byte and each run of
// bytes, quadratic in its length, within 60 s by default. A saved result of a
// kilobyte takes a millisecond or two to read and render in every format
// instrumented, so that budget ate nearly all of a one-minute run (FuzzReformat:
// 11 executions). (advisor/profile and advisor/safetext do the same.)
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		_ = flag.Set("test.fuzzminimizetime", "5s")
	}
	os.Exit(m.Run())
}
