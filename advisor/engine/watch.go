package engine

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// The watchdog bounds every evaluation in time and memory.
//
// OPA stops an evaluation it is told to cancel at its next step, and the
// built-ins that build large values (numbers.range, concat, replace,
// regex.replace) check between elements too. So one goroutine per process
// watches the evaluations in flight: past its deadline an evaluation is
// cancelled (ErrTimeout); when the process's heap passes the limit, a garbage
// collection first tells garbage from live values, and if the live heap is
// still over, every evaluation in flight is cancelled (ErrMemory), since the
// heap cannot be attributed to one of them.
//
// Some work cannot be interrupted: one call of a built-in, or OPA comparing
// or hashing a value that shares one sub-value many times over (a = [b, b, b,
// b], b = [c, c, c, c], ...: small in memory, astronomically large to walk),
// or unifying arrays of millions of elements. An evaluation that has not
// returned a grace period (a quarter of the timeout, at least a second) after
// it was cancelled, or while the heap grows past twice the limit, is a
// runaway: Go cannot stop a goroutine, so the engine reports it to
// Options.Runaway, by default an error on stderr and exit status 2. Failing
// closed is the point: the process would otherwise run on past every timeout,
// or be killed for lack of memory. (OPA's deepest recursions can also end the
// process with a Go stack overflow first; that fails closed too.)

var (
	// ErrTimeout: an evaluation ran past Options.Timeout and was stopped.
	ErrTimeout = errors.New("policy evaluation timed out")
	// ErrMemory: the process's live heap passed Options.MaxHeap during an
	// evaluation, which was stopped.
	ErrMemory = errors.New("policy evaluation exceeded the memory limit")
	// ErrLimit: a built-in refused work beyond the sandbox's limits (limits.go).
	ErrLimit = errors.New("policy exceeded a limit of the sandbox")
	// ErrRunaway: an evaluation ignored its cancellation (see Options.Runaway).
	ErrRunaway = errors.New("policy evaluation cannot be stopped")
)

// kindError is an error of one of the kinds above, with its own message.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

const (
	defaultTimeout = 10 * time.Second
	defaultMaxHeap = 1 << 30
	// watchTick is how often the watchdog looks: the precision of timeouts.
	watchTick = 10 * time.Millisecond
	// watchIdleTicks: the watchdog goroutine ends after this many idle ticks.
	watchIdleTicks = 100
	// gcEvery is how often, at most, the watchdog collects to measure the
	// live heap, so that a heap full of garbage does not collect every tick.
	gcEvery = 100 * time.Millisecond
	// hardHeapSlack: past twice the limit and this for hardHeapTicks ticks in
	// a row, a stopped evaluation that still has not returned is a runaway
	// (the process is about to run out). The ticks let one last allocation in
	// flight finish; they are counted, not timed, since a collection can hold
	// the watchdog up for longer than that.
	hardHeapSlack = 512 << 20
	hardHeapTicks = 25
)

// watched is one evaluation (or one run of users' tests) the watchdog follows.
type watched struct {
	stop     func() // cancels it
	limit    time.Duration
	maxHeap  uint64
	grace    time.Duration
	runaway  func(error)
	what     string       // "policy evaluation" or "policy tests"
	deadline atomic.Int64 // unix nanoseconds; 0: none
	// runawayAtDeadline: the deadline is the last moment it must be done by
	// (users' tests, which OPA's runner times out itself), not when to cancel.
	runawayAtDeadline bool

	reason atomic.Pointer[kindError] // why it was stopped, set once
	// Owned by the watchdog goroutine:
	stoppedAt time.Time
	overHard  int // ticks in a row with the heap past the hard limit
	reported  bool
}

// stopped is why the watchdog stopped w, or nil.
func (w *watched) stopped() error {
	if r := w.reason.Load(); r != nil {
		return r
	}
	return nil
}

// extend moves w's deadline to d from now.
func (w *watched) extend(d time.Duration) {
	w.deadline.Store(time.Now().Add(d).UnixNano())
}

type watchdog struct {
	mu      sync.Mutex
	evals   map[*watched]struct{}
	running bool
}

var watch = &watchdog{evals: map[*watched]struct{}{}}

func (d *watchdog) add(w *watched) {
	d.mu.Lock()
	d.evals[w] = struct{}{}
	if !d.running {
		d.running = true
		go d.loop()
	}
	d.mu.Unlock()
}

func (d *watchdog) remove(w *watched) {
	d.mu.Lock()
	delete(d.evals, w)
	d.mu.Unlock()
}

func (d *watchdog) loop() {
	t := time.NewTicker(watchTick)
	defer t.Stop()
	idle := 0
	var (
		over   []*watched
		lastGC time.Time
	)
	for range t.C {
		heap := heapObjects()
		d.mu.Lock()
		if len(d.evals) == 0 {
			if idle++; idle >= watchIdleTicks {
				d.running = false
				d.mu.Unlock()
				return
			}
			d.mu.Unlock()
			continue
		}
		idle = 0
		over = over[:0]
		for w := range d.evals {
			if heap > w.maxHeap && w.reason.Load() == nil {
				over = append(over, w)
			}
		}
		d.mu.Unlock()
		live := uint64(0)
		if len(over) > 0 && time.Since(lastGC) >= gcEvery {
			lastGC = time.Now()
			// The heap counts garbage not yet collected: collect, then judge
			// the live heap, so that an evaluation is not stopped for garbage.
			runtime.GC()
			live = liveHeap()
			heap = heapObjects()
		}
		now := time.Now()
		d.mu.Lock()
		for _, w := range over {
			if _, ok := d.evals[w]; ok && live > w.maxHeap {
				d.stop(w, now, ErrMemory, fmt.Sprintf("%s stopped: the process's live heap (%d MiB) passed the limit of %d MiB: a policy builds values too large", w.what, live>>20, w.maxHeap>>20))
			}
		}
		for w := range d.evals {
			dl := w.deadline.Load()
			switch {
			case w.reason.Load() == nil && dl != 0 && now.UnixNano() > dl:
				if w.runawayAtDeadline {
					d.stop(w, now, ErrTimeout, w.what+" ran past their timeout")
					d.runaway(w)
					continue
				}
				d.stop(w, now, ErrTimeout, fmt.Sprintf("%s stopped after %s: a policy loops or is too slow (use a smaller input or fix the policy)", w.what, w.limit))
			case w.reason.Load() != nil && !w.reported:
				w.overHard++
				if heap <= 2*w.maxHeap+hardHeapSlack {
					w.overHard = 0
				}
				if now.Sub(w.stoppedAt) > w.grace || w.overHard >= hardHeapTicks {
					d.runaway(w)
				}
			}
		}
		d.mu.Unlock()
	}
}

// stop cancels w for reason (d.mu held).
func (d *watchdog) stop(w *watched, now time.Time, kind error, msg string) {
	if w.reason.CompareAndSwap(nil, &kindError{kind: kind, msg: msg}) {
		w.stoppedAt = now
		w.stop()
	}
}

// runaway reports w once (d.mu held).
func (d *watchdog) runaway(w *watched) {
	w.reported = true
	r := w.reason.Load()
	how := fmt.Sprintf("did not stop within %s of it", w.grace)
	if w.overHard >= hardHeapTicks {
		how = fmt.Sprintf("has not stopped while the heap grew past %d MiB", (2*w.maxHeap+hardHeapSlack)>>20)
	}
	err := &kindError{kind: ErrRunaway, msg: fmt.Sprintf("%s, and %s (a built-in or a comparison OPA cannot interrupt, on a value too large); the process cannot go on", r.msg, how)}
	go w.runaway(err)
}

// exitOnRunaway is the default Options.Runaway.
func exitOnRunaway(err error) {
	fmt.Fprintf(os.Stderr, "hybridadvisor: %s\n", err)
	os.Exit(2)
}

// graceFor is how long a cancelled evaluation may take to return.
func graceFor(timeout time.Duration) time.Duration {
	return max(timeout/4, time.Second)
}

// heapSample and liveSample are read by the watchdog goroutine only (and
// tests, when it is idle).
var (
	heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
)

// heapObjects is the heap occupied by objects, live or not yet collected.
func heapObjects() uint64 { return readMetric(heapSample) }

// liveHeap is the live heap at the end of the last collection.
func liveHeap() uint64 { return readMetric(liveSample) }

func readMetric(s []metrics.Sample) uint64 {
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
