package pricing

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func mustLoad(t testing.TB) *Book {
	t.Helper()
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// wl builds a workload from the fields a test cares about; the rest are the
// advisor's usual defaults.
type wl struct {
	trigger  string
	rpm      string // requests per month
	peak     string // peak requests per second ("" = none)
	pattern  string
	dur      time.Duration
	mem      int
	vcpu     string
	conc     int
	arch, os string
	eph      int
	gpu      int
	min      int
	nodes    int // EKS/AKS min_nodes (0 = the default 2)
	public   bool
	async    int
	payload  int
	cpuf     string        // CPU share of a request ("" = the 0.25 default)
	target   int           // HPA target percent (0 = 70)
	concDef  bool          // concurrency not written by the user (Flex uses its size default)
	peakSet  bool          // the peak was written by the user
	door     string        // front_door
	resp     string        // response_kb
	maxDur   time.Duration // max_duration
	msgs     string        // queue messages per request, all async edges
}

func (x wl) w() Workload {
	w := Workload{Name: "c", Trigger: "http", RequestsPerMonth: d("1000000"), Pattern: "steady",
		AvgDuration: 100 * time.Millisecond, MemoryMB: 512, VCPU: d("0.5"), Concurrency: 1,
		Arch: "x86", OS: "linux", EphemeralStorageMB: 512}
	if x.trigger != "" {
		w.Trigger = x.trigger
	}
	if x.rpm != "" {
		w.RequestsPerMonth = d(x.rpm)
	}
	if x.peak != "" {
		w.PeakRequestsPerSecond = d(x.peak)
	}
	if x.pattern != "" {
		w.Pattern = x.pattern
	}
	if x.dur != 0 {
		w.AvgDuration = x.dur
	}
	if x.mem != 0 {
		w.MemoryMB = x.mem
	}
	if x.vcpu != "" {
		w.VCPU = d(x.vcpu)
	}
	if x.conc != 0 {
		w.Concurrency = x.conc
	}
	if x.arch != "" {
		w.Arch = x.arch
	}
	if x.os != "" {
		w.OS = x.os
	}
	if x.eph != 0 {
		w.EphemeralStorageMB = x.eph
	}
	w.GPU, w.MinInstances, w.PublicHTTP, w.AsyncCallsOut, w.PayloadKB = x.gpu, x.min, x.public, x.async, x.payload
	if x.cpuf != "" {
		w.CPUFraction = d(x.cpuf)
	}
	w.TargetUtilizationPct, w.ConcurrencyGiven, w.PeakGiven = x.target, !x.concDef, x.peakSet
	w.MinNodes = x.nodes
	w.FrontDoor, w.MaxDuration = x.door, x.maxDur
	if x.resp != "" {
		w.ResponseKB = d(x.resp)
	}
	if x.msgs != "" {
		w.AsyncMessagesPerRequest = d(x.msgs)
	}
	return w
}

// monthlies returns each line's rounded monthly cost as a string.
func monthlies(lines []CostLine) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Monthly.StringFixed(2)
	}
	return out
}

func joinAssumptions(q Quote) string { return strings.Join(q.Assumptions, "\n") }

// checkQuote asserts a priced quote's total, its lines' monthly costs and that
// the total is the sum of the rounded lines.
func checkQuote(t *testing.T, q Quote, total string, lines []string) {
	t.Helper()
	if !q.Priced {
		t.Fatalf("%s not priced: %s", q.Platform.ID, q.Note)
	}
	if got := monthlies(q.Lines); strings.Join(got, " ") != strings.Join(lines, " ") {
		t.Errorf("%s lines = %v, want %v", q.Platform.ID, got, lines)
		for _, l := range q.Lines {
			t.Logf("  %s: %s %s x %s = %s", l.Name, l.Quantity, l.Unit, l.UnitPrice, l.Monthly)
		}
	}
	if q.Monthly.StringFixed(2) != total {
		t.Errorf("%s total = %s, want %s", q.Platform.ID, q.Monthly.StringFixed(2), total)
	}
	sum := decimal.Zero
	for _, l := range q.Lines {
		sum = sum.Add(l.Monthly)
		if !l.Monthly.Equal(l.Monthly.Round(2)) {
			t.Errorf("%s line %q is not rounded to the cent: %s", q.Platform.ID, l.Name, l.Monthly)
		}
	}
	if !sum.Equal(q.Monthly) {
		t.Errorf("%s total %s is not the sum of its lines %s", q.Platform.ID, q.Monthly, sum)
	}
}

// lineNamed returns the quote's first line whose name contains part.
func lineNamed(q Quote, part string) (CostLine, bool) {
	for _, l := range q.Lines {
		if strings.Contains(l.Name, part) {
			return l, true
		}
	}
	return CostLine{}, false
}

// prepare returns platform p's calculator for w (no front door), or nil and what is missing.
func (b *Book) prepare(p Platform, rb *regionBook, sh *shape, w *Workload, s Settings) (pricer, string) {
	return prepareCtx(&calcCtx{rb: rb, sh: sh, w: w, s: s, p: p})
}
