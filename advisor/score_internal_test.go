package advisor

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/engine"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// TestStreamWindowBoundsWhatIsHeld proves memory is bounded by the window and not
// by the batch: a source starts only when fewer than window sources are being
// scored or waiting to be emitted.
func TestStreamWindowBoundsWhatIsHeld(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	book, err := pricing.Load()
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(eng, book, Options{})
	if err != nil {
		t.Fatal(err)
	}
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
