package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The tests use a short timeout so they stay fast; they assert the kind of
// error, never how long it took.

// noRunaway fails the test if an evaluation is reported as a runaway.
func noRunaway(t *testing.T) func(error) {
	return func(err error) { t.Errorf("unexpected runaway: %v", err) }
}

// shared writes Rego that builds name<levels>, a value sharing name<levels-1>
// four times over: 4^levels copies of [1, 2, 3] to walk, in little memory.
func shared(name string, levels int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\t%s0 := [1, 2, 3]\n", name)
	for i := 1; i <= levels; i++ {
		p := fmt.Sprintf("%s%d", name, i-1)
		fmt.Fprintf(&b, "\t%s%d := [%s, %s, %s, %s]\n", name, i, p, p, p, p)
	}
	return b.String()
}

// TestBombsStopAtTheTimeout: string- and collection-building bombs, and the
// graph built-ins on large values, end with ErrTimeout. They used to run 17-24 s
// past a 10 s timeout.
func TestBombsStopAtTheTimeout(t *testing.T) {
	bombs := map[string]string{
		"concat of a comprehension": `x := concat("", [s | some i in numbers.range(1, 1e6); some j in numbers.range(1, 1e6); s := "aaaaaaaa"])
	count(x) == 1`,
		"sprintf growth": `x := [s | some i in numbers.range(1, 1e6); some j in numbers.range(1, 1e6); s := sprintf("%s%s%s", ["a", i, j])]
	count(x) == 1`,
		"array.concat loop": `x := [a | some i in numbers.range(1, 1e6); a := array.concat(numbers.range(1, 1000), [i])]
	count(x) == 1`,
		"replace on large strings": `s := concat("", [x | some i in numbers.range(1, 1e6); x := "ab"])
	x := [r | some i in numbers.range(1, 1e6); r := replace(s, "a", "bb")]
	count(x) == 1`,
		"graph.reachable in a loop": `g := {i: {i + 1} | some i in numbers.range(1, 100000)}
	some i in numbers.range(1, 100000)
	r := graph.reachable(g, {i})
	count(r) == -1`,
		"walk in a loop": `doc := {sprintf("%d", [i]): {"a": [i, i]} | some i in numbers.range(1, 10000)}
	some i in numbers.range(1, 1e6)
	walk(doc, [p, v])
	v == -i`,
	}
	for name, body := range bombs {
		t.Run(name, func(t *testing.T) {
			_, err := evalUser(t, "\t"+body, ast.NewObject(), Options{Timeout: 200 * time.Millisecond, Runaway: noRunaway(t)})
			if !errors.Is(err, ErrTimeout) {
				t.Fatalf("want ErrTimeout, got %v", err)
			}
			if !strings.Contains(err.Error(), "stopped after 200ms") {
				t.Errorf("error %q does not give the timeout", err)
			}
		})
	}
}

// TestMemoryLimitStopsEvaluation: a string replaced into a much larger one
// outgrows the heap limit long before any timeout, and is stopped with
// ErrMemory.
func TestMemoryLimitStopsEvaluation(t *testing.T) {
	runtime.GC()
	limit := liveHeap() + 64<<20
	body := "\ta0 := \"" + strings.Repeat("a", 1024) + "\"\n" +
		"\ta1 := concat(\"\", [s | some i in numbers.range(1, 32); s := a0])\n" +
		"\ta2 := concat(\"\", [s | some i in numbers.range(1, 32); s := a1])\n" +
		"\tpad := substring(a0, 0, 256)\n" +
		"\tx := replace(a2, \"a\", pad)\n" + // 256 MiB, written piece by piece
		"\tcount(x) == 1"
	_, err := evalUser(t, body, ast.NewObject(), Options{Timeout: time.Minute, MaxHeap: limit, Runaway: noRunaway(t)})
	if !errors.Is(err, ErrMemory) {
		t.Fatalf("want ErrMemory, got %v", err)
	}
}

// TestRunawayIsReported: an evaluation that does not return when it is
// stopped is reported once, as ErrRunaway, after the grace period.
func TestRunawayIsReported(t *testing.T) {
	reported := make(chan error, 2)
	w := &watched{
		stop:    func() {}, // ignores its cancellation, like a step OPA cannot interrupt
		limit:   time.Millisecond,
		maxHeap: defaultMaxHeap,
		grace:   20 * time.Millisecond,
		runaway: func(err error) { reported <- err },
		what:    "policy evaluation",
	}
	w.extend(w.limit)
	watch.add(w)
	defer watch.remove(w)
	select {
	case err := <-reported:
		if !errors.Is(err, ErrRunaway) || !strings.Contains(err.Error(), "policy evaluation stopped after 1ms") ||
			!strings.Contains(err.Error(), "did not stop within 20ms of it") {
			t.Errorf("report = %v", err)
		}
		if !errors.Is(w.stopped(), ErrTimeout) {
			t.Errorf("stopped = %v, want ErrTimeout", w.stopped())
		}
	case <-time.After(time.Minute): // a bound for a stuck test, not a timing assertion
		t.Fatal("no runaway reported")
	}
}

// TestUninterruptibleEvaluation: unifying two equal values that share their
// parts many times over (4^8 copies of [1, 2, 3] each) walks them whole in one
// step OPA cannot interrupt. The evaluation ends with ErrTimeout once OPA
// notices; if it outlived the grace period, it was reported as a runaway.
func TestUninterruptibleEvaluation(t *testing.T) {
	src := customHeader + "deny contains \"equal\" if {\n" + shared("a", 8) + shared("b", 8) + "\ta8 == b8\n}\n"
	var (
		mu       sync.Mutex
		runaways []error
	)
	e, err := New(context.Background(), Options{
		PolicyDirs: []string{writePolicy(t, "acme.rego", src)},
		Timeout:    20 * time.Millisecond,
		Runaway: func(err error) {
			mu.Lock()
			runaways = append(runaways, err)
			mu.Unlock()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	e.grace = 20 * time.Millisecond
	if _, err = e.Findings(context.Background(), ast.NewObject()); !errors.Is(err, ErrTimeout) {
		t.Errorf("want ErrTimeout, got %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, r := range runaways {
		if !errors.Is(r, ErrRunaway) {
			t.Errorf("runaway report %v is not ErrRunaway", r)
		}
	}
}
