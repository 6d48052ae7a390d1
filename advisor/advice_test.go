package advisor_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// adviceFloor is the share of cloud placements in testdata/advice that must
// match the engineer's expectation written before the tool was run. It only
// ever goes up (0.85 before the cost term; 97 of 102 with it).
const adviceFloor = 0.93

// TestAdviceBenchmark scores every profile of the advice benchmark and
// compares each cloud's recommended model with the expectation in the file's
// first line ("# expect: aws=M azure=M gcp=M", "a|b" for either, "none" for
// no eligible platform). It reports every mismatch and the match rate.
func TestAdviceBenchmark(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "advice", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("the advice benchmark needs at least 30 profiles, found %d", len(files))
	}
	sort.Strings(files)
	a := newAdvisor(t, advisor.Options{})
	total, matched := 0, 0
	var report strings.Builder
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := adviceExpectation(src)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		f, err := profile.Parse(path, src)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		arch, err := a.Architecture(context.Background(), f.Architectures[0])
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(arch.Components) != 1 {
			t.Fatalf("%s: want one component, got %d", path, len(arch.Components))
		}
		c := arch.Components[0]
		for _, cloud := range []string{"aws", "azure", "gcp"} {
			got := "none"
			if rec, ok := c.PerCloud[cloud]; ok && rec.Model != "" {
				got = rec.Model
			}
			total++
			if accepts(want[cloud], got) {
				matched++
				continue
			}
			rec := c.PerCloud[cloud]
			fmt.Fprintf(&report, "  %-32s %-5s want %-45s got %s on %s (%s)\n",
				filepath.Base(path), cloud, want[cloud], got, rec.Platform, result.FormatUSD(rec.MonthlyCostUSD))
		}
	}
	rate := float64(matched) / float64(total)
	t.Logf("advice benchmark: %d of %d placements match (%.1f%%)\n%s", matched, total, 100*rate, report.String())
	if rate < adviceFloor {
		t.Errorf("match rate %.3f is below the floor %.2f", rate, adviceFloor)
	}
}

func accepts(want, got string) bool {
	for _, w := range strings.Split(want, "|") {
		if w == got {
			return true
		}
	}
	return false
}

// adviceExpectation reads the "# expect:" line.
func adviceExpectation(src []byte) (map[string]string, error) {
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "# expect:")
		if !ok {
			continue
		}
		want := map[string]string{}
		for _, kv := range strings.Fields(line) {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return nil, fmt.Errorf("bad expectation %q", kv)
			}
			for _, m := range strings.Split(v, "|") {
				switch m {
				case "function", "serverless-container", "orchestrated-container", "none":
				default:
					return nil, fmt.Errorf("unknown model %q", m)
				}
			}
			want[k] = v
		}
		if len(want) != 3 {
			return nil, fmt.Errorf("expectation names %d clouds, want aws, azure and gcp", len(want))
		}
		return want, nil
	}
	return nil, fmt.Errorf("no \"# expect:\" line")
}
