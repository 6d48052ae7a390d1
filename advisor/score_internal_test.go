package advisor

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// TestStreamWindowBoundsWhatIsHeld proves memory is bounded by the window and not
// by the batch: a source starts only when fewer than window sources are being
// scored or waiting to be emitted.
func TestStreamWindowBoundsWhatIsHeld(t *testing.T) {
	a := newTestAdvisor(t)
	var sources []Source
	for i := range 200 {
		sources = append(sources, Source{Path: fmt.Sprintf("w%d.yaml", i), Data: fmt.Appendf(nil,
			"apiVersion: hybridadvisor/v1\nname: w%d\ncomponents:\n  - name: c\n    trigger: queue\n    traffic: {requests_per_month: %d}\n    execution: {avg_duration: 100ms}\n", i, 1000+i)})
	}
	for _, jobs := range []int{1, 3, 8} {
		var mu sync.Mutex
		started, emitted, most := 0, 0, 0
		streamHook = func(ev string, _ int) {
			mu.Lock()
			defer mu.Unlock()
			if ev == "start" {
				started++
			} else {
				emitted++
			}
			most = max(most, started-emitted)
		}
		next := 0
		err := a.Stream(context.Background(), sources, BatchOptions{Jobs: jobs}, func(files []result.File) error {
			if files[0].Path != sources[next].Path {
				return fmt.Errorf("got %s, want %s", files[0].Path, sources[next].Path)
			}
			next++
			return nil
		})
		streamHook = nil
		if err != nil {
			t.Fatal(err)
		}
		if next != len(sources) {
			t.Fatalf("jobs %d: %d of %d emitted", jobs, next, len(sources))
		}
		if window := 4 * jobs; most > window {
			t.Errorf("jobs %d: %d sources held at once, window %d", jobs, most, window)
		}
		t.Logf("jobs %d: at most %d sources held", jobs, most)
	}
}

// TestPickPrimary: more placed components first, then fewer unpriced parts, then
// the lower total; a real $0 is a price and beats $0.01; ties keep the canonical order.
func TestPickPrimary(t *testing.T) {
	part := result.UnpricedPart{Component: "c", Platform: "p"}
	tot := func(usd string, unpriced int) result.Totals {
		t := result.Totals{Recommended: result.USD(decimal.RequireFromString(usd))}
		for range unpriced {
			t.Unpriced = append(t.Unpriced, part)
		}
		return t
	}
	all := func(string) int { return 1 }
	clouds := []string{"aws", "azure", "gcp"}
	for _, tc := range []struct {
		name   string
		totals map[string]result.Totals
		placed func(string) int
		want   string
	}{
		{"an unpriced $0 does not beat a complete total", map[string]result.Totals{"aws": tot("9.32", 0), "azure": tot("0", 1), "gcp": tot("7.60", 0)}, all, "gcp"},
		{"every cloud incomplete: fewest unpriced parts first", map[string]result.Totals{"aws": tot("1", 2), "azure": tot("500", 1), "gcp": tot("2", 2)}, all, "azure"},
		{"equally incomplete: cheapest", map[string]result.Totals{"aws": tot("222.61", 1), "azure": tot("323.91", 1), "gcp": tot("274.67", 1)}, all, "aws"},
		{"equal to the cent: canonical order", map[string]result.Totals{"aws": tot("5.00", 0), "azure": tot("5.00", 0), "gcp": tot("5.00", 0)}, all, "aws"},
		{"a free-tier $0 beats $0.01", map[string]result.Totals{"aws": tot("0.01", 0), "azure": tot("0.00", 0), "gcp": tot("0.01", 0)}, all, "azure"},
		{"placing more components comes first", map[string]result.Totals{"aws": tot("10", 1), "azure": tot("1", 0), "gcp": tot("1", 0)},
			func(c string) int {
				if c == "aws" {
					return 2
				}
				return 1
			}, "aws"},
	} {
		if got := pickPrimary(clouds, tc.totals, tc.placed); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}
